// Inquiries (咨询) in the demo, written against the shipped inquiry workflow: answered on the spot,
// forwarded to a department and called back, or turned into a repair.
#pragma once

#include "cli/demo_desk.hpp"
#include "cli/demo_scene.hpp"

namespace propdesk::cli::demo {

/// An everyday question answered at once.
Story answered_inquiry(const Scene& s);
/// A renovation permit question: forwarded to the management office, answered, called back.
Story renovation_inquiry(const Scene& s);
/// "Is my balcony door the estate's to fix?": converted into a repair, which is opened with it.
Story converted_inquiry(const Scene& s);

}  // namespace propdesk::cli::demo
