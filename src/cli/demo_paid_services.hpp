// Paid services (有偿服务) in the demo, written against the shipped paid_service workflow: quoted,
// accepted or refused, dispatched for an agreed time, done, paid, called back.
#pragma once

#include "cli/demo_desk.hpp"
#include "cli/demo_scene.hpp"

namespace propdesk::cli::demo {

/// A blocked kitchen drain: quote, visit at the agreed time (or late: the arrival clock breaches
/// and the dispatcher and supervisor hear of it), payment by WeChat, callback.
Story drain_service(const Scene& s, bool late);
/// A move-in deep clean whose quote the resident refuses.
Story declined_service(const Scene& s);

}  // namespace propdesk::cli::demo
