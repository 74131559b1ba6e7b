#include "store/commit_batch.hpp"

#include <utility>

#include "model/fields_codec.hpp"
#include "model/journal_hash.hpp"
#include "model/sha256.hpp"
#include "model/sla_state_codec.hpp"
#include "model/utf8.hpp"
#include "store/location_field.hpp"
#include "store/ticket_code.hpp"

namespace propdesk {
namespace {

// Returns an empty string when acceptable, else why not.
std::string check_name(std::string_view what, std::string_view name, bool required) {
  if (required && name.empty()) return std::string(what) + " is empty";
  if (name.size() > kMaxNameBytes)
    return std::string(what) + " is " + std::to_string(name.size()) +
           " bytes long, more than the limit of " + std::to_string(kMaxNameBytes);
  if (auto bad = find_invalid_utf8(name))
    return std::string(what) + " is not valid UTF-8 (bad byte at offset " + std::to_string(*bad) +
           ")";
  return {};
}

std::string check_names(const Ticket& t, const JournalEntry& e) {
  const struct {
    std::string_view what;
    const std::string& name;
    bool required;
  } names[] = {
      {"workflow", t.workflow, true},        {"state", t.state, true},
      {"severity", t.severity, false},       {"assignee", t.assignee, false},
      {"entry actor id", e.actor.id, false}, {"entry actor role", e.actor.role, false},
      {"entry event", e.event, true},        {"entry from_state", e.from_state, false},
      {"entry to_state", e.to_state, true},
  };
  for (const auto& n : names) {
    if (std::string problem = check_name(n.what, n.name, n.required); !problem.empty())
      return problem;
  }
  if (e.to_state != t.state)
    return "the entry's to_state '" + e.to_state + "' is not the ticket's state '" + t.state + "'";
  return {};
}

// Encodes `fields` into `out`; returns an empty string when acceptable, else why not.
std::string encode_limited(std::string_view what, const Fields& fields, std::string& out) {
  try {
    out = encode_fields(fields);
  } catch (const FieldsCodecError& error) {
    return std::string(what) + ": " + error.what();
  }
  if (out.size() > kMaxEncodedFieldsBytes)
    return std::string(what) + " take " + std::to_string(out.size()) +
           " bytes encoded, more than the limit of " + std::to_string(kMaxEncodedFieldsBytes);
  return {};
}

// Encodes the ticket's clock states into `out`; returns an empty string when acceptable, else why
// not.
std::string encode_clocks(const std::vector<SlaClockState>& clocks, std::string& out) {
  for (const SlaClockState& clock : clocks)
    if (std::string problem = check_name("clock name", clock.name, true); !problem.empty())
      return problem;
  try {
    out = encode_sla_states(clocks);
  } catch (const SlaStateCodecError& error) {
    return std::string("clocks: ") + error.what();
  }
  if (out.size() > kMaxEncodedFieldsBytes)
    return "clocks take " + std::to_string(out.size()) + " bytes encoded, more than the limit of " +
           std::to_string(kMaxEncodedFieldsBytes);
  return {};
}

// Why one outbox message cannot be stored, or "".
std::string check_message(const OutboxMessage& m, std::string& fields_json) {
  const Notification& n = m.notification;
  if (m.status == OutboxStatus::kDelivered) return "status is 'delivered'; queue it pending or dead";
  if (std::string problem = check_name("channel", m.channel, m.status == OutboxStatus::kPending);
      !problem.empty())
    return problem;
  const struct {
    std::string_view what;
    const std::string& name;
  } names[] = {{"recipient", n.recipient}, {"template", n.template_name}, {"workflow", n.workflow},
               {"state", n.state},         {"state label", n.state_label}, {"severity", n.severity},
               {"event", n.event}};
  for (const auto& name : names)
    if (std::string problem = check_name(name.what, name.name, false); !problem.empty())
      return problem;
  const struct {
    std::string_view what;
    const std::string& text;
  } texts[] = {{"subject", n.subject}, {"body", n.body}, {"link", n.link}};
  std::size_t total = 0;
  for (const auto& text : texts) {
    if (auto bad = find_invalid_utf8(text.text))
      return std::string(text.what) + " is not valid UTF-8 (bad byte at offset " +
             std::to_string(*bad) + ")";
    total += text.text.size();
  }
  Fields fields;
  for (const auto& [name, text] : n.fields) fields.emplace(name, Value(text));
  if (std::string problem = encode_limited("fields", fields, fields_json); !problem.empty())
    return problem;
  total += fields_json.size();
  if (total > kMaxOutboxMessageBytes)
    return "takes " + std::to_string(total) + " bytes, more than the limit of " +
           std::to_string(kMaxOutboxMessageBytes);
  return {};
}

// The checks and encodings both kinds of item share.
PreparedItem prepare_common(const Ticket& ticket, const JournalEntry& entry,
                            const TimerChanges& timers, const std::vector<OutboxMessage>& outbox) {
  PreparedItem p;
  p.rejection = check_names(ticket, entry);
  if (p.rejection.empty()) p.rejection = check_timers(timers);
  if (p.rejection.empty()) p.rejection = check_outbox(outbox, p.outbox_fields);
  if (p.rejection.empty()) p.rejection = encode_limited("fields", ticket.fields, p.fields_json);
  if (p.rejection.empty()) p.rejection = encode_limited("input", entry.input, p.input_json);
  if (p.rejection.empty()) p.rejection = encode_clocks(ticket.clocks, p.clocks_json);
  if (const std::string* location = location_of(ticket.fields)) p.location = *location;
  return p;
}

PreparedItem prepare(const NewTicket& item) {
  PreparedItem p = prepare_common(item.ticket, item.entry, item.timers, item.outbox);
  if (!p.rejection.empty()) return p;
  if (!valid_code_prefix(item.code_prefix)) {
    p.rejection =
        "code prefix '" + item.code_prefix + "' is not 1-16 characters of A-Z, a-z, 0-9 and '_'";
  } else if (item.entry.event != kCreateEvent || !item.entry.from_state.empty()) {
    p.rejection = "a creation's entry must be event 'create' from state ''";
  } else if (auto day = business_day(item.ticket.created_at)) {
    p.day = std::move(*day);
  } else {
    p.rejection = "created_at is outside the years 0000-9999";
  }
  return p;
}

PreparedItem prepare(const Update& item) {
  PreparedItem p = prepare_common(item.ticket, item.entry, item.timers, item.outbox);
  if (!p.rejection.empty()) return p;
  if (item.ticket.id <= 0)
    p.rejection = "the update names no ticket (id " + std::to_string(item.ticket.id) + ")";
  else if (item.expected_version < 1)
    p.rejection = "expected_version " + std::to_string(item.expected_version) +
                  " is impossible (a ticket starts at version 1)";
  return p;
}

ItemResult sealed(TicketId id, std::string code, std::int64_t version, std::string prev_hash,
                  std::string hash, TimePoint created_at) {
  ItemResult r;
  r.outcome.status = CommitOutcome::Status::kOk;
  r.outcome.id = id;
  r.outcome.code = std::move(code);
  r.outcome.version = version;
  r.outcome.hash = std::move(hash);
  r.prev_hash = std::move(prev_hash);
  r.created_at = created_at;
  return r;
}

void fill_in_entry(JournalEntry& entry, const ItemResult& r) {
  entry.ticket = r.outcome.id;
  entry.seq = r.outcome.version;
  entry.prev_hash = r.prev_hash;
  entry.hash = r.outcome.hash;
}

}  // namespace

PreparedBatch prepare_batch(std::span<const NewTicket> creates, std::span<const Update> updates) {
  PreparedBatch batch;
  batch.creates.reserve(creates.size());
  batch.updates.reserve(updates.size());
  for (const NewTicket& item : creates) batch.creates.push_back(prepare(item));
  for (const Update& item : updates) batch.updates.push_back(prepare(item));
  return batch;
}

std::string ticket_code(const NewTicket& item, const PreparedItem& prepared, std::int64_t number) {
  return format_ticket_code(item.code_prefix, prepared.day, number);
}

ItemResult seal_creation(const NewTicket& item, const PreparedItem& prepared, TicketId id,
                         std::string code) {
  std::string hash = hash_entry(item.entry, id, 1, kGenesisHash, prepared.input_json);
  return sealed(id, std::move(code), 1, std::string(kGenesisHash), std::move(hash),
                item.ticket.created_at);
}

ItemResult seal_update(const Update& item, const PreparedItem& prepared, TicketHead head) {
  const std::int64_t version = item.expected_version + 1;
  std::string hash = hash_entry(item.entry, item.ticket.id, version, head.hash, prepared.input_json);
  return sealed(item.ticket.id, std::move(head.code), version, std::move(head.hash),
                std::move(hash), head.created_at);
}

ItemResult conflict(TicketId id, std::string message) {
  ItemResult r;
  r.outcome.status = CommitOutcome::Status::kConflict;
  r.outcome.id = id;
  r.outcome.message = std::move(message);
  return r;
}

ItemResult rejection(TicketId id, std::string message) {
  ItemResult r;
  r.outcome.status = CommitOutcome::Status::kRejected;
  r.outcome.id = id;
  r.outcome.message = std::move(message);
  return r;
}

ItemResult version_conflict(const Update& item, std::optional<std::int64_t> stored_version) {
  return version_conflict(item.ticket.id, item.expected_version, stored_version);
}

ItemResult version_conflict(TicketId id, std::int64_t expected_version,
                            std::optional<std::int64_t> stored_version) {
  if (!stored_version) return conflict(id, "no ticket " + std::to_string(id));
  return conflict(id, "ticket " + std::to_string(id) + " is at version " +
                          std::to_string(*stored_version) + ", not " +
                          std::to_string(expected_version));
}

ItemResult rescheduled(TicketId id, std::string code, std::int64_t version) {
  ItemResult r;
  r.outcome.status = CommitOutcome::Status::kOk;
  r.outcome.id = id;
  r.outcome.code = std::move(code);
  r.outcome.version = version;
  return r;
}

void fill_in(NewTicket& item, const ItemResult& r) {
  item.ticket.id = r.outcome.id;
  item.ticket.code = r.outcome.code;
  item.ticket.version = r.outcome.version;
  fill_in_entry(item.entry, r);
}

void fill_in(Update& item, const ItemResult& r) {
  item.ticket.code = r.outcome.code;
  item.ticket.created_at = r.created_at;
  item.ticket.version = r.outcome.version;
  fill_in_entry(item.entry, r);
}

std::vector<ItemResult> write_batch(std::span<const NewTicket> creates,
                                    std::span<const Update> updates, const PreparedBatch& prepared,
                                    ItemWriter& writer) {
  std::vector<ItemResult> results;
  results.reserve(creates.size() + updates.size());
  for (std::size_t i = 0; i < creates.size(); ++i) {
    const PreparedItem& p = prepared.creates[i];
    results.push_back(p.rejection.empty() ? writer.write(creates[i], p)
                                          : rejection(0, p.rejection));
  }
  for (std::size_t i = 0; i < updates.size(); ++i) {
    const PreparedItem& p = prepared.updates[i];
    results.push_back(p.rejection.empty() ? writer.write(updates[i], p)
                                          : rejection(updates[i].ticket.id, p.rejection));
  }
  return results;
}

std::vector<CommitOutcome> finish_batch(std::span<NewTicket> creates, std::span<Update> updates,
                                        std::vector<ItemResult> results) {
  std::vector<CommitOutcome> outcomes;
  outcomes.reserve(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    const ItemResult& r = results[i];
    if (r.outcome.ok()) {
      if (i < creates.size())
        fill_in(creates[i], r);
      else
        fill_in(updates[i - creates.size()], r);
    }
    outcomes.push_back(std::move(results[i].outcome));
  }
  return outcomes;
}

std::string check_timers(const TimerChanges& changes) {
  for (const std::string& key : changes.cancel)
    if (std::string problem = check_name("timer key", key, true); !problem.empty()) return problem;
  for (const Timer& timer : changes.schedule)
    if (std::string problem = check_name("timer key", timer.key, true); !problem.empty())
      return problem;
  return {};
}

std::string check_outbox(const std::vector<OutboxMessage>& messages,
                         std::vector<std::string>& fields_json) {
  fields_json.assign(messages.size(), std::string());
  for (std::size_t i = 0; i < messages.size(); ++i)
    if (std::string problem = check_message(messages[i], fields_json[i]); !problem.empty())
      return "outbox message " + std::to_string(i) + ": " + problem;
  return {};
}

std::string check_workflow(const StoredWorkflow& w) {
  if (std::string problem = check_name("workflow name", w.name, true); !problem.empty())
    return problem;
  if (w.version < 1) return "workflow version " + std::to_string(w.version) + " is below 1";
  if (std::string problem = check_name("workflow source name", w.source_name, false);
      !problem.empty())
    return problem;
  if (w.source_text.size() > kMaxWorkflowSourceBytes)
    return "workflow source is " + std::to_string(w.source_text.size()) +
           " bytes long, more than the limit of " + std::to_string(kMaxWorkflowSourceBytes);
  if (auto bad = find_invalid_utf8(w.source_text))
    return "workflow source is not valid UTF-8 (bad byte at offset " + std::to_string(*bad) + ")";
  if (w.source_hash != sha256_hex(w.source_text))
    return "source_hash of workflow '" + w.name + "' version " + std::to_string(w.version) +
           " is not the SHA-256 of its source text";
  return {};
}

WorkflowSaveOutcome workflow_save_outcome(const StoredWorkflow& w,
                                          const std::optional<std::string>& stored_hash) {
  using Status = WorkflowSaveOutcome::Status;
  if (!stored_hash) return {Status::kSaved, {}};
  if (*stored_hash == w.source_hash) return {Status::kAlreadyStored, {}};
  return {Status::kDifferentContent,
          "workflow '" + w.name + "' version " + std::to_string(w.version) +
              " is already stored with different content; give the changed workflow a new "
              "version"};
}

}  // namespace propdesk
