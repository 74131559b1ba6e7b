// propdesk/pii_mask.hpp: residents' personal data masked for display.
//
// Fields declared `pii: true` in a workflow (the shipped workflows: `reporter`, `phone`) hold
// personal data. The desk's rules forbid leaking residents' information (保密意识), so every output
// masks them unless it is trusted: notifications on untrusted channels (notification_renderer.hpp),
// the CLI unless --show-pii.
#pragma once

#include <string>
#include <string_view>

#include "propdesk/export.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

/// Masks one value, counting characters (code points), not bytes: with 8 or more characters the
/// first 3 and last 4 stay ("13812345678" -> "138****5678"); shorter ones keep only the first
/// character ("张三" -> "张*", "王建国" -> "王**"). "" stays "". Ill-formed UTF-8 counts each bad byte
/// as one character, so the result is never longer than the input's character count.
PROPDESK_API std::string mask_pii(std::string_view text);

/// Whether a field of this workflow holds personal data. With no workflow (a ticket whose workflow
/// version is not loaded) every field except `location` is treated as personal: better too much
/// than too little.
PROPDESK_API bool is_pii_field(const Workflow* workflow, std::string_view name);

/// `fields` with the values of personal fields masked (as strings), unless `show_pii`. Null values
/// stay null.
PROPDESK_API Fields present_fields(const Fields& fields, const Workflow* workflow, bool show_pii);

}  // namespace propdesk
