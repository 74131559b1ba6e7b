// propdesk/workflow_lookup.hpp: how a report finds the workflow version a ticket was created with.
//
// Reports read only the store; labels, final states, clocks and personal fields come from the
// ticket's workflow version, which the caller supplies through a WorkflowLookup. With an engine:
//
//   propdesk::WorkflowLookup lookup = [&engine](std::string_view name, int version) {
//     return engine.workflow(name, version);
//   };
//
// Without one (a program that only reads a store), workflow_lookup() over loaded workflows.
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "propdesk/export.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

/// The workflow of that name and exact version, or null when it is not known. Called from the
/// report's thread only; must not throw.
using WorkflowLookup =
    std::function<std::shared_ptr<const Workflow>(std::string_view name, int version)>;

/// A lookup over the given workflows (any mix of names and versions; null entries are ignored; a
/// (name, version) given twice: the first wins). The returned function owns its copies and is
/// safe to call from several threads at once.
PROPDESK_API WorkflowLookup workflow_lookup(std::vector<std::shared_ptr<const Workflow>> workflows);

}  // namespace propdesk
