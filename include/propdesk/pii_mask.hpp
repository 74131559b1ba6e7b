// propdesk/pii_mask.hpp: residents' personal data (fields declared `pii`: phone numbers, names)
// masked for display.
//
// The desk's rules forbid leaking residents' information (保密意识), so every output of the CLI and
// every report masks it unless the caller asks for it unmasked.
#pragma once

#include <string>
#include <string_view>

#include "propdesk/export.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk {

/// Masks one value by its characters (code points, not bytes): with 8 or more characters the first
/// 3 and last 4 stay ("13812345678" -> "138****5678"); shorter ones keep only the first character
/// ("王建国" -> "王**"); "" stays "". Thread-safe; never throws except std::bad_alloc.
PROPDESK_API std::string mask_pii(std::string_view text);

/// Whether a field of this workflow holds personal data (declared `pii: true`). With no workflow
/// (the ticket's version is not loaded) every field except `location` is treated as personal:
/// better too much than too little.
PROPDESK_API bool is_pii_field(const Workflow* workflow, std::string_view name);

/// `fields` with the values of personal fields masked (as text), unless `show_pii`. Null values
/// stay null.
PROPDESK_API Fields present_fields(const Fields& fields, const Workflow* workflow, bool show_pii);

}  // namespace propdesk
