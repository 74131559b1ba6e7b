// A host that loads the example plugin through the installed propdesk library, as an embedding
// program would: find it, classify a ticket with its rule, render a notification and send it
// through its notifier.
//   try_plugin PLUGIN_DIR WORKFLOW_DIR MEMO_FILE
#include <iostream>

#include <propdesk/notification_renderer.hpp>
#include <propdesk/plugin_loader.hpp>
#include <propdesk/workflow_loader.hpp>

namespace {
class NoOtherTickets final : public propdesk::RuleContext {
 public:
  [[nodiscard]] propdesk::TimePoint now() const override { return *propdesk::parse_time("2026-11-26T10:00:00+08:00"); }
  [[nodiscard]] std::vector<propdesk::Ticket> tickets_at(std::string_view, std::string_view, propdesk::TimePoint,
                                                         std::size_t) const override {
    return {};
  }
};
}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: try_plugin PLUGIN_DIR WORKFLOW_DIR MEMO_FILE\n";
    return 2;
  }
  propdesk::PluginRegistry registry;
  const propdesk::PluginLoadReport report =
      propdesk::load_plugins(registry, {{argv[1]}, {{"estate_extras", {{"keywords", "漏水,停电"}}}}, false});
  for (const auto& f : report.failed) std::cerr << "refused: " << f.to_string() << '\n';
  if (!report.ok()) return 1;
  for (const auto& p : registry.provided_by("estate_extras"))
    std::cout << "provides " << propdesk::to_string(p.kind) << " '" << p.name << "'\n";

  propdesk::Ticket ticket;
  ticket.id = 1;
  ticket.code = "BX-20261126-0001";
  ticket.workflow = "repair";
  ticket.state = "dispatched";
  ticket.version = 2;
  ticket.fields = {{"location", "3-2-1201"}, {"category", "plumbing"}, {"description", "厨房水管漏水"},
                   {"phone", "13812345678"}};
  const NoOtherTickets context;
  const propdesk::SeverityVerdict verdict = registry.escalation_rule("keywords")->classify(ticket, context);
  std::cout << "severity: " << (verdict.major ? "major" : "general") << " (" << verdict.reason << ")\n";

  const auto loaded = propdesk::load_workflow_file(std::string(argv[2]) + "/repair.yaml");
  if (!loaded.ok()) return 1;
  const propdesk::Notification n = propdesk::render_notification(
      *loaded.workflow, ticket, {"li", false, "work_order"}, {"dispatch", {"wang", "front_desk"}, context.now()}, {});
  auto memo = registry.notifier_type("memo")->create({{"path", argv[3]}});
  const propdesk::DeliveryResult sent = memo->send(n);
  std::cout << "delivery: " << propdesk::to_string(sent.status) << ' ' << sent.error << '\n';
  return sent.delivered() ? 0 : 1;
}
