// Residents' personal data (fields declared `pii`: phone numbers, names) masked for display.
// The desk's rules forbid leaking residents' information (保密意识), so every output of the CLI
// masks it unless the user asks for it with --show-pii.
#pragma once

#include <string>
#include <string_view>

#include "propdesk/ticket.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk::cli {

/// Masks one value: with 8 or more characters the first 3 and last 4 stay ("13812345678" ->
/// "138****5678"); shorter ones keep only the first character ("王建国" -> "王**").
std::string mask_pii(std::string_view text);

/// Whether a field of this workflow holds personal data. With no workflow (the ticket's version is
/// not loaded) every field except `location` is treated as personal: better too much than too
/// little.
bool is_pii_field(const Workflow* workflow, std::string_view name);

/// `fields` with the values of personal fields masked, unless `show_pii`.
Fields present_fields(const Fields& fields, const Workflow* workflow, bool show_pii);

}  // namespace propdesk::cli
