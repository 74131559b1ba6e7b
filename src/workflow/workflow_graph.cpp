// Pictures of a workflow: Graphviz DOT and Mermaid stateDiagram-v2 text. Both share the edge list
// (one edge per (from, to) pair, its transitions described in file order) and differ only in
// syntax and escaping.
#include "propdesk/workflow_graph.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace propdesk {
namespace {

// The transitions drawn as one arrow, each described once (duplicates add nothing to a picture).
struct Edge {
  StateId from = 0;
  StateId to = 0;
  std::vector<std::string> descriptions;
};

// "dispatch", "close [when]", "auto_close [after 7d]", "grab (repairer, supervisor)". Plain text:
// each output format escapes it for itself.
std::string describe_transition(const Workflow& workflow, const Transition& t) {
  std::string text = t.label.empty() ? workflow.event(t.event) : t.label;
  if (t.when) text += " [when]";
  if (t.after) text += " [after " + format_duration(*t.after) + "]";
  if (!t.any_role) {
    // Long role lists would make the edge wider than the states it joins; the first few and a
    // count say enough in a picture (the file has the rest).
    constexpr int kShownRoles = 3;
    std::string roles;
    int count = 0;
    for (std::size_t r = 0; r < workflow.roles().size(); ++r) {
      if (!t.admits(static_cast<RoleId>(r))) continue;
      if (++count > kShownRoles) continue;
      if (!roles.empty()) roles += ", ";
      roles += workflow.roles()[r].name;
    }
    if (count > kShownRoles) roles += ", +" + std::to_string(count - kShownRoles);
    text += " (" + (roles.empty() ? std::string("nobody") : roles) + ")";
  }
  return text;
}

// Edges in order of first appearance in the file; `from: any` is already expanded to every
// non-final state, and a transition without `to` is a loop on its state.
std::vector<Edge> collect_edges(const Workflow& workflow) {
  std::vector<Edge> edges;
  std::unordered_map<std::uint32_t, std::size_t> index;  // (from << 16 | to) -> edges[i]
  for (const Transition& t : workflow.transitions()) {
    const std::string text = describe_transition(workflow, t);
    for (StateId from : t.from) {
      const StateId to = t.to.value_or(from);
      const std::uint32_t key = (std::uint32_t{from} << 16U) | to;
      auto [it, inserted] = index.try_emplace(key, edges.size());
      if (inserted) edges.push_back(Edge{from, to, {}});
      std::vector<std::string>& descriptions = edges[it->second].descriptions;
      bool seen = false;
      for (const std::string& d : descriptions) seen = seen || d == text;
      if (!seen) descriptions.push_back(text);
    }
  }
  return edges;
}

// The inside of a DOT double-quoted string. Backslash and quote are escaped; line breaks become
// the `\n` label escape; other control characters would break the line-oriented file and carry no
// meaning in a label, so they become spaces. UTF-8 passes through (DOT's default charset).
std::string dot_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// Built by appending: GCC 12's -Wrestrict misfires on `"\"" + s + "\""` at -O3.
std::string dot_id(std::string_view name) {
  std::string out(1, '"');
  out += dot_escape(name);
  out += '"';
  return out;
}

// Mermaid has no backslash escapes; it decodes `#name;` / `#code;` entities after parsing. So a
// quote, the `#` that starts an entity, `;` (a statement separator in Mermaid) and the angle
// brackets (HTML in labels) are written as entities, and line breaks as spaces.
std::string mermaid_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case ';':
        out += "#59;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      default:
        out += (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') ? ' ' : c;
    }
  }
  return out;
}

}  // namespace

std::string to_dot(const Workflow& workflow) {
  std::string out = "digraph " + dot_id(workflow.name()) + " {\n";
  out += "  rankdir=LR;\n";
  out += "  node [shape=box, style=rounded];\n";
  out += "  __start [shape=point, label=\"\"];\n";
  for (const StateDef& state : workflow.states()) {
    std::string label = dot_escape(state.name);
    if (!state.label.empty()) label += "\\n" + dot_escape(state.label);
    out += "  " + dot_id(state.name) + " [label=\"" + label + "\"";
    if (state.final) out += ", shape=doublecircle";
    out += "];\n";
  }
  out += "  __start -> " + dot_id(workflow.state(workflow.initial_state()).name) + ";\n";
  for (const Edge& edge : collect_edges(workflow)) {
    std::string label;
    for (const std::string& d : edge.descriptions) {
      if (!label.empty()) label += "\\n";
      label += dot_escape(d);
    }
    out += "  " + dot_id(workflow.state(edge.from).name) + " -> " +
           dot_id(workflow.state(edge.to).name) + " [label=\"" + label + "\"];\n";
  }
  out += "}\n";
  return out;
}

std::string to_mermaid(const Workflow& workflow) {
  std::string out = "stateDiagram-v2\n";
  for (const StateDef& state : workflow.states()) {
    if (state.label.empty()) {
      out += "    " + state.name + "\n";
    } else {
      out += "    state \"" + mermaid_escape(state.label) + "\" as " + state.name + "\n";
    }
  }
  out += "    [*] --> " + workflow.state(workflow.initial_state()).name + "\n";
  for (const Edge& edge : collect_edges(workflow)) {
    std::string label;
    for (const std::string& d : edge.descriptions) {
      if (!label.empty()) label += "<br/>";
      label += mermaid_escape(d);
    }
    out += "    " + workflow.state(edge.from).name + " --> " + workflow.state(edge.to).name +
           " : " + label + "\n";
  }
  for (const StateDef& state : workflow.states()) {
    if (state.final) out += "    " + state.name + " --> [*]\n";
  }
  return out;
}

}  // namespace propdesk
