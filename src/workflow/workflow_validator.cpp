// Graph checks on a compiled workflow: reachability, dead ends, shadowed transitions, SLA clocks,
// unused roles. Every check is one or two breadth-first searches or a single pass over the
// transitions, so a workflow of thousands of states validates in milliseconds.
#include "propdesk/workflow_validator.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/pending/queue.hpp>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace propdesk {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// One edge per (transition, from state); an internal transition (no `to`) is a self-loop.
// Conditions are ignored on purpose: the validator asks what the shape allows, not what the data
// will do.
Graph build_state_graph(const Workflow& workflow) {
  std::vector<std::pair<std::size_t, std::size_t>> edges;
  edges.reserve(workflow.transitions().size() * 2);
  for (const Transition& t : workflow.transitions()) {
    for (StateId from : t.from) {
      edges.emplace_back(from, t.to.value_or(from));
    }
  }
  return Graph(edges.begin(), edges.end(), workflow.states().size());
}

// Marks every vertex reachable from any of `sources` (the sources included). Works on the graph,
// its reverse_graph and filtered views alike.
template <typename G>
std::vector<bool> reached_from(const G& graph, std::span<const StateId> sources) {
  const std::size_t n = num_vertices(graph);
  std::vector<boost::default_color_type> color(n);
  auto color_map =
      boost::make_iterator_property_map(color.begin(), get(boost::vertex_index, graph));
  std::vector<Vertex> starts(sources.begin(), sources.end());
  boost::queue<Vertex> queue;
  boost::breadth_first_search(graph, starts.begin(), starts.end(), queue,
                              boost::default_bfs_visitor(), color_map);
  std::vector<bool> reached(n);
  for (std::size_t v = 0; v < n; ++v) {
    reached[v] = color[v] != boost::white_color;
  }
  return reached;
}

// Keeps a BFS from expanding out of the given states (a clock's stop states: once the clock has
// stopped, what follows is no longer "between" start and stop).
struct NotLeaving {
  const std::vector<bool>* blocked = nullptr;
  const Graph* graph = nullptr;
  bool operator()(const boost::graph_traits<Graph>::edge_descriptor& e) const {
    return !(*blocked)[source(e, *graph)];
  }
};

Diagnostic make_diagnostic(DiagnosticSeverity severity, const SourceLocation& where,
                           std::string code, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.where = where;
  d.code = std::move(code);
  d.message = std::move(message);
  return d;
}

std::string quoted(const std::string& name) { return "'" + name + "'"; }

// "'a', 'b' and 3 more": enough to recognise the states without flooding the line.
std::string state_list(const Workflow& workflow, std::span<const StateId> ids) {
  constexpr std::size_t kShown = 4;
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < kShown; ++i) {
    if (i > 0) out += ", ";
    out += quoted(workflow.state(ids[i]).name);
  }
  if (ids.size() > kShown) out += " and " + std::to_string(ids.size() - kShown) + " more";
  return out;
}

std::string plural(std::size_t n, const char* one, const char* many) { return n == 1 ? one : many; }

std::vector<StateId> final_states(const Workflow& workflow) {
  std::vector<StateId> finals;
  for (std::size_t s = 0; s < workflow.states().size(); ++s) {
    if (workflow.states()[s].final) finals.push_back(static_cast<StateId>(s));
  }
  return finals;
}

void check_reachable(const Workflow& workflow, const Graph& graph, std::vector<Diagnostic>& out) {
  const StateId initial = workflow.initial_state();
  const std::vector<bool> reached = reached_from(graph, std::span<const StateId>(&initial, 1));
  for (std::size_t s = 0; s < reached.size(); ++s) {
    if (reached[s]) continue;
    const StateDef& state = workflow.states()[s];
    out.push_back(make_diagnostic(
        DiagnosticSeverity::kError, state.where, "unreachable-state",
        "state " + quoted(state.name) + " cannot be reached: no path of transitions leads to it " +
            "from the initial state " + quoted(workflow.state(initial).name)));
  }
}

// One reverse BFS from all final states together finds every state that can still finish.
void check_dead_ends(const Workflow& workflow, const Graph& graph, std::span<const StateId> finals,
                     std::vector<Diagnostic>& out) {
  // Without any final state every state would be a dead end; the single no-final-state warning
  // says that better than one error per state.
  if (finals.empty()) {
    out.push_back(make_diagnostic(DiagnosticSeverity::kWarning, workflow.where(), "no-final-state",
                                  "workflow " + quoted(workflow.name()) +
                                      " has no final state: every ticket would stay open forever"));
    return;
  }
  const std::vector<bool> can_finish = reached_from(boost::make_reverse_graph(graph), finals);
  for (std::size_t s = 0; s < can_finish.size(); ++s) {
    const StateDef& state = workflow.states()[s];
    if (can_finish[s] || state.final) continue;
    out.push_back(make_diagnostic(DiagnosticSeverity::kError, state.where, "dead-end-state",
                                  "state " + quoted(state.name) +
                                      " cannot reach any final state: a ticket there would stay "
                                      "open forever"));
  }
}

// Reported at the transition: that is the line to change (or the state's `final: true`).
void check_final_exits(const Workflow& workflow, std::vector<Diagnostic>& out) {
  for (const Transition& t : workflow.transitions()) {
    std::vector<StateId> finals;
    for (StateId from : t.from) {
      if (workflow.state(from).final) finals.push_back(from);
    }
    if (finals.empty()) continue;
    out.push_back(make_diagnostic(
        DiagnosticSeverity::kError, t.where, "final-has-exit",
        "transition " + quoted(workflow.event(t.event)) + " starts in final " +
            plural(finals.size(), "state ", "states ") + state_list(workflow, finals) +
            ": a final state ends the ticket, so it must have no outgoing transitions"));
  }
}

// True when `earlier` is admitted for every role `later` is.
bool admits_all_of(const Transition& earlier, const Transition& later) {
  return earlier.any_role || (!later.any_role && (later.roles & ~earlier.roles) == 0);
}

struct Shadowing {
  std::uint32_t by = kNone;     // the first earlier transition found to win over it
  std::vector<StateId> states;  // where it is shadowed
};

// Scans one (state, event) candidate list in file order. Only unconditional earlier candidates can
// shadow; of those, one admitting any role shadows everything after it, and a role-limited one is
// kept only if no earlier kept one already admits all its roles, so the list stays short even when
// thousands of transitions share an event.
void find_shadowed_in(const Workflow& workflow, StateId state,
                      std::span<const std::uint32_t> candidates, std::vector<Shadowing>& shadowed) {
  const auto transitions = workflow.transitions();
  std::uint32_t any_role_winner = kNone;
  std::vector<std::uint32_t> limited_winners;
  for (std::uint32_t index : candidates) {
    const Transition& t = transitions[index];
    std::uint32_t by = any_role_winner;
    for (std::uint32_t w : limited_winners) {
      if (w < by && admits_all_of(transitions[w], t)) {
        by = w;
        break;
      }
    }
    if (by != kNone) {
      Shadowing& s = shadowed[index];
      if (s.by == kNone) s.by = by;
      s.states.push_back(state);
      continue;  // it never fires here, so it cannot shadow anything beyond what `by` does
    }
    if (t.when) continue;
    if (t.any_role) {
      any_role_winner = index;
    } else {
      limited_winners.push_back(index);
    }
  }
}

void check_shadowed(const Workflow& workflow, std::vector<Diagnostic>& out) {
  std::vector<Shadowing> shadowed(workflow.transitions().size());
  for (std::size_t s = 0; s < workflow.states().size(); ++s) {
    const auto state = static_cast<StateId>(s);
    for (EventId event : workflow.events_from(state)) {
      find_shadowed_in(workflow, state, workflow.candidates(state, event), shadowed);
    }
  }
  for (std::size_t i = 0; i < shadowed.size(); ++i) {
    const Shadowing& s = shadowed[i];
    if (s.by == kNone) continue;
    const Transition& t = workflow.transitions()[i];
    const Transition& winner = workflow.transitions()[s.by];
    out.push_back(make_diagnostic(
        DiagnosticSeverity::kError, t.where, "shadowed-transition",
        "transition " + quoted(workflow.event(t.event)) + " can never fire in " +
            plural(s.states.size(), "state ", "states ") + state_list(workflow, s.states) +
            ": the earlier transition at line " + std::to_string(winner.where.line) +
            " has no `when` and admits every role this one does"));
  }
}

void check_clock(const Workflow& workflow, const Graph& graph, const ClockDef& clock,
                 std::vector<Diagnostic>& out) {
  const std::vector<bool> from_start = reached_from(graph, clock.starts);
  const bool stops =
      std::any_of(clock.stops.begin(), clock.stops.end(), [&](StateId s) { return from_start[s]; });
  if (!stops) {
    out.push_back(make_diagnostic(
        DiagnosticSeverity::kError, clock.where, "clock-stop-unreachable",
        "clock " + quoted(clock.name) + " can never stop: no path leads from its start " +
            plural(clock.starts.size(), "state ", "states ") + state_list(workflow, clock.starts) +
            " to its stop " + plural(clock.stops.size(), "state ", "states ") +
            state_list(workflow, clock.stops)));
    return;  // nothing is "between" start and stop, so pause findings would only repeat this
  }
  if (clock.pauses_in.empty()) return;

  std::vector<bool> is_stop(workflow.states().size());
  for (StateId s : clock.stops) is_stop[s] = true;
  const boost::filtered_graph<Graph, NotLeaving> running(graph, NotLeaving{&is_stop, &graph});
  const std::vector<bool> while_running = reached_from(running, clock.starts);
  const std::vector<bool> before_stop = reached_from(boost::make_reverse_graph(graph), clock.stops);
  for (StateId pause : clock.pauses_in) {
    if (while_running[pause] && before_stop[pause]) continue;
    out.push_back(
        make_diagnostic(DiagnosticSeverity::kWarning, clock.where, "clock-pause-unreachable",
                        "clock " + quoted(clock.name) + " can never pause in state " +
                            quoted(workflow.state(pause).name) + ": no path from its start " +
                            plural(clock.starts.size(), "state ", "states ") + "to its stop " +
                            plural(clock.stops.size(), "state ", "states ") + "passes through it"));
  }
}

// A role counts as used when a transition lists it in `roles`, a notification goes to it or a
// dispatch strategy chooses among it;
// transitions without `roles` admit it only implicitly, which does not explain declaring it.
void check_roles(const Workflow& workflow, std::vector<Diagnostic>& out) {
  RoleMask used = 0;
  const auto mark = [&used](RoleId role) { used |= RoleMask{1} << role; };
  for (const Transition& t : workflow.transitions()) {
    if (!t.any_role) used |= t.roles;
    for (const Action& action : t.actions) {
      if (const auto* notify = std::get_if<NotifyAction>(&action.what)) {
        if (notify->to_role) mark(notify->role);
      } else if (const auto* assign = std::get_if<AssignAction>(&action.what)) {
        if (assign->role) mark(*assign->role);
      }
    }
  }
  for (const EscalationStep& step : workflow.escalation().ladder) {
    for (RoleId role : step.notify) mark(role);
  }
  for (std::size_t r = 0; r < workflow.roles().size(); ++r) {
    const auto role = static_cast<RoleId>(r);
    if (role == workflow.system_role() || ((used >> role) & 1U) != 0) continue;
    const RoleDef& def = workflow.role(role);
    out.push_back(make_diagnostic(DiagnosticSeverity::kWarning, def.where, "unused-role",
                                  "role " + quoted(def.name) +
                                      " is never used: no transition lists it in `roles` and no "
                                      "notification goes to it"));
  }
}

}  // namespace

std::vector<Diagnostic> validate_workflow(const Workflow& workflow) {
  std::vector<Diagnostic> out;
  const Graph graph = build_state_graph(workflow);
  const std::vector<StateId> finals = final_states(workflow);

  check_reachable(workflow, graph, out);
  check_dead_ends(workflow, graph, finals, out);
  check_final_exits(workflow, out);
  check_shadowed(workflow, out);
  for (const ClockDef& clock : workflow.clocks()) check_clock(workflow, graph, clock, out);
  check_roles(workflow, out);

  // Stable: findings at the same place keep the order of the checks above.
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) <
           std::tie(b.where.file, b.where.line, b.where.column);
  });
  return out;
}

}  // namespace propdesk
