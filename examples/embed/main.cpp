// examples/embed: a property system embedding propdesk.
//
// usage: embed WORKFLOW_DIR DATABASE
// Sets the engine up from the shipped configuration (WORKFLOW_DIR/propdesk.yaml: the desk's
// calendars and severity rules), loads the repair workflow, records a leak reported by phone,
// dispatches it, shows what a rejection looks like, follows the order to its close and verifies
// the journal.
#include <propdesk/engine.hpp>
#include <propdesk/engine_setup.hpp>
#include <propdesk/sqlite_store.hpp>

#include <iostream>
#include <memory>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: embed WORKFLOW_DIR DATABASE\n";
    return 64;
  }
  const std::string workflow_dir = argv[1];
  // The configuration names the business calendars SLA clocks count on ("office": 9:00-18:00,
  // lunch break, holidays) and the rules that tell a major complaint from a general one.
  const auto config = propdesk::load_engine_config_file(workflow_dir + "/propdesk.yaml");
  for (const auto& d : config.diagnostics) std::cerr << d.to_string() << '\n';
  if (!config.ok()) return 1;
  auto store = std::make_shared<propdesk::SqliteStore>(argv[2]);
  propdesk::Engine engine(store, propdesk::engine_options(*config.config));

  // A workflow with errors is not loaded; its diagnostics say where and why.
  for (const auto& d : engine.load_workflow_file(workflow_dir + "/repair.yaml")) {
    std::cerr << d.to_string() << '\n';
  }
  if (!engine.workflow("repair")) return 1;

  // Subscribers hear about every committed change.
  auto subscription = engine.events().subscribe_all([](const propdesk::TicketEvent& e) {
    if (e.kind == propdesk::TicketEvent::Kind::kClosed) {
      std::cout << "  [closed] " << e.ticket.code << '\n';
    } else {
      std::cout << "  [event] " << e.ticket.code << ": " << e.event << " -> " << e.ticket.state << '\n';
    }
  });

  const propdesk::Actor desk{"wang", "front_desk"};
  const propdesk::Actor repairer{"li", "repairer"};
  auto ticket = engine.create("repair",
                              {{"location", "3-2-1201"},
                               {"category", "plumbing"},
                               {"description", "厨房水管漏水"},
                               {"phone", "13812345678"}},
                              desk);
  if (!ticket) {
    std::cerr << "create rejected: " << ticket.rejection().message << '\n';
    return 1;
  }
  std::cout << "created " << ticket->code << " in state " << ticket->state << '\n';

  // Rejections are values that say why.
  auto too_early = engine.fire(ticket->id, "complete", {}, repairer);
  std::cout << "complete before dispatch: " << propdesk::to_string(too_early.rejection().reason) << ": "
            << too_early.rejection().message << '\n';

  for (auto [event, input, actor] : {
           std::tuple{"dispatch", propdesk::Fields{{"assignee", "li"}}, desk},
           std::tuple{"accept", propdesk::Fields{}, repairer},
           std::tuple{"complete", propdesk::Fields{}, repairer},
       }) {
    auto r = engine.fire(ticket->id, event, input, actor);
    if (!r) {
      std::cerr << event << " rejected: " << r.rejection().message << '\n';
      return 1;
    }
  }
  // Walk on to a final state through whatever callback step the workflow has.
  for (int step = 0; step < 5; ++step) {
    auto current = engine.get(ticket->id);
    if (engine.workflow("repair")->state(*engine.workflow("repair")->find_state(current->state)).final) break;
    bool moved = false;
    for (const auto& event : engine.available_events(*current, "front_desk")) {
      if (event == "cancel" || event == "force_close") continue;
      if (engine.fire(ticket->id, event, {{"satisfaction", 5}}, desk)) {
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }
  auto final_ticket = engine.get(ticket->id);
  std::cout << ticket->code << " ended in " << final_ticket->state << " after " << final_ticket->version
            << " journal entries\n";
  const auto problems = engine.verify();
  std::cout << (problems.empty() ? "journal verified" : "journal BROKEN") << '\n';
  return problems.empty() ? 0 : 1;
}
