// What every store shares on top of the interface: single-item commits, query semantics,
// verification of all journals, and the rules of an outbox message's life (claim, acknowledge,
// fail), which each store applies atomically through edit_outbox(), and of purging it
// (delete_outbox()).
#include "propdesk/store.hpp"

#include <algorithm>
#include <stdexcept>

#include "propdesk/store_error.hpp"
#include "store/location_field.hpp"
#include "store/outbox_writer.hpp"

namespace propdesk {

Store::~Store() = default;

CommitOutcome Store::create(NewTicket& item) {
  return commit(std::span<NewTicket>(&item, 1), {}).front();
}

CommitOutcome Store::update(Update& item) {
  return commit({}, std::span<Update>(&item, 1)).front();
}

std::string_view to_string(CommitOutcome::Status status) {
  switch (status) {
    case CommitOutcome::Status::kOk:
      return "ok";
    case CommitOutcome::Status::kConflict:
      return "conflict";
    case CommitOutcome::Status::kRejected:
      return "rejected";
  }
  return "?";
}

bool matches(const TicketQuery& q, const Ticket& t) {
  if (q.after && t.id <= *q.after) return false;
  if (q.workflow && t.workflow != *q.workflow) return false;
  if (q.state && t.state != *q.state) return false;
  if (q.assignee && t.assignee != *q.assignee) return false;
  if (q.severity && t.severity != *q.severity) return false;
  if (q.created_from && t.created_at < *q.created_from) return false;
  if (q.created_to && t.created_at >= *q.created_to) return false;
  if (q.location) {
    const std::string* location = location_of(t.fields);
    if (location == nullptr || !location->starts_with(*q.location)) return false;
  }
  return true;
}

std::optional<OutboxMessage> Store::claim_outbox(std::string_view key, TimePoint now,
                                                TimePoint lease_until) {
  return edit_outbox(key, [&](OutboxMessage& m) {
    if (m.status != OutboxStatus::kPending || m.next_attempt > now) return false;
    ++m.attempts;
    m.next_attempt = lease_until;
    return true;
  });
}

bool Store::acknowledge_outbox(std::string_view key, TimePoint at) {
  return edit_outbox(key, [&](OutboxMessage& m) {
           if (m.status == OutboxStatus::kDelivered) return false;
           m.status = OutboxStatus::kDelivered;
           m.next_attempt = at;
           return true;
         })
      .has_value();
}

bool Store::fail_outbox(std::string_view key, int attempt, TimePoint at, std::string_view error,
                        std::optional<TimePoint> retry_at) {
  std::string text = outbox_error_text(error);
  return edit_outbox(key, [&](OutboxMessage& m) {
           if (m.status != OutboxStatus::kPending || m.attempts != attempt) return false;
           m.status = retry_at ? OutboxStatus::kPending : OutboxStatus::kDead;
           m.next_attempt = retry_at.value_or(at);
           m.last_error = text;
           return true;
         })
      .has_value();
}

std::int64_t Store::purge_outbox(TimePoint before, std::span<const OutboxStatus> statuses) {
  if (statuses.empty())
    throw std::invalid_argument("purge_outbox: no status to purge (delivered, dead)");
  bool delivered = false;
  bool dead = false;
  for (const OutboxStatus s : statuses) {
    switch (s) {
      case OutboxStatus::kPending:
        throw std::invalid_argument(
            "purge_outbox: pending messages are never purged (they are not sent yet)");
      case OutboxStatus::kDelivered:
        delivered = true;
        break;
      case OutboxStatus::kDead:
        dead = true;
        break;
    }
  }
  return delete_outbox(before, delivered, dead);
}

namespace {

std::optional<JournalProblem> verify_ticket(const TicketHistory& h) {
  const TicketId id = h.ticket.id;
  if (auto problem = verify_chain(id, h.entries)) return problem;
  const auto length = static_cast<std::int64_t>(h.entries.size());
  if (length != h.ticket.version) {
    // Entries past the journal's end are gone (or the ticket row was rolled forward).
    return JournalProblem{id, std::min(length, h.ticket.version) + 1,
                          "the ticket is at version " + std::to_string(h.ticket.version) +
                              " but its journal has " + std::to_string(length) + " entries"};
  }
  if (length == 0) return JournalProblem{id, 1, "the ticket has no journal"};
  if (h.entries.back().to_state != h.ticket.state) {
    return JournalProblem{id, length,
                          "the ticket is in state '" + h.ticket.state +
                              "' but its journal ends in '" + h.entries.back().to_state + "'"};
  }
  return std::nullopt;
}

}  // namespace

std::vector<JournalProblem> Store::verify_all() const { return verify_journals().problems; }

JournalVerification Store::verify_journals() const {
  constexpr std::size_t kPage = 512;
  JournalVerification result;
  TicketId after = 0;
  for (;;) {
    const std::vector<TicketId> ids = ticket_ids(after, kPage);
    if (ids.empty()) break;
    for (const TicketId id : ids) {
      try {
        // A ticket that vanished between the two reads is simply not checked.
        if (auto h = get_with_history(id)) {
          ++result.tickets;
          result.entries += static_cast<std::int64_t>(h->entries.size());
          if (auto problem = verify_ticket(*h)) result.problems.push_back(std::move(*problem));
        }
      } catch (const DamagedRecordError& e) {
        // Damage like any other: named, and the other tickets are still checked.
        ++result.tickets;
        result.problems.push_back(JournalProblem{id, 0, e.what()});
      }
    }
    after = ids.back();
  }
  return result;
}

}  // namespace propdesk
