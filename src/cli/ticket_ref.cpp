#include "cli/ticket_ref.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace propdesk::cli {

Result<Ticket> resolve_ticket(const Engine& engine, std::string_view ref) {
  const bool numeric = !ref.empty() && std::all_of(ref.begin(), ref.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
  std::optional<Ticket> found;
  if (numeric) {
    TicketId id = 0;
    auto [ptr, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
    if (ec == std::errc() && ptr == ref.data() + ref.size()) found = engine.get(id);
  } else {
    found = engine.find(ref);
  }
  if (found) return *std::move(found);
  return Rejection{Rejection::Reason::kUnknownTicket,
                   "no ticket " + std::string(numeric ? "with id " : "") + std::string(ref),
                   {},
                   {}};
}

}  // namespace propdesk::cli
