// propdesk/workflow_graph.hpp: pictures of a workflow.
#pragma once

#include <string>

#include "propdesk/export.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

/// Graphviz DOT: one node per state (labelled "name\nlabel"), the initial state entered from a dot,
/// final states drawn as double circles, one edge per (from, to) pair labelled with its events
/// (conditional ones marked with [when], role-restricted with their roles). Render with
/// `dot -Tsvg`.
PROPDESK_API std::string to_dot(const Workflow& workflow);

/// Mermaid `stateDiagram-v2`, which GitHub and GitLab render in Markdown: same content as to_dot.
PROPDESK_API std::string to_mermaid(const Workflow& workflow);

}  // namespace propdesk
