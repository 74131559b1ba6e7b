// propdesk/kv_store.hpp: a Store on any ordered, transactional key-value backend.
#pragma once

#include <memory>

#include "propdesk/export.hpp"
#include "propdesk/kv_backend.hpp"
#include "propdesk/store.hpp"

namespace propdesk {

/// A Store (propdesk/store.hpp) kept in a KvBackend (propdesk/kv_backend.hpp): the backend stores
/// bytes, KvStore keeps every promise of the Store contract itself (version checks, sealed and
/// hash-chained journals, gap-free codes, timer and outbox indexes, workflow sources). Plugins
/// provide backends; MemoryKvBackend (propdesk/memory_kv_backend.hpp) is the reference one. The key
/// layout is described in docs/stores.md.
///
/// Opening: an empty backend is initialised with the schema key ("propdesk/schema" -> "1"); a
/// backend with this schema is used as it is. A backend that holds other keys but no schema key
/// ("not a propdesk store"), or a newer or unreadable schema, is refused with a StoreError naming
/// backend->describe(), and nothing is written to it.
///
/// Transactions: each commit(), reschedule(), save_workflow(), claim/acknowledge/fail_outbox() and
/// purge_outbox() is one write transaction of the backend. Write transactions of one KvStore are
/// serialised by a mutex; each update's version check runs inside the write transaction, so other
/// processes on the same backend (which serialises writers) never lose an update either. Items of a
/// batch are checked before anything of the item is written, so a conflicting or refused item
/// writes nothing. When the backend fails (a put, or its commit, throws), the call throws
/// StoreError ("<describe>: commit failed, nothing was written: ...") and nothing of it is
/// committed; the store stays usable. Every read (get, find, query, history, get_with_history,
/// counts, timers, outbox) runs in one read transaction: a consistent snapshot.
///
/// Costs (n: tickets, m: outbox messages): get, find, history, timers(id) O(log n) (plus the
/// ticket's journal or timers); due_timers, next_timer, due_outbox, next_outbox_attempt O(log n) to
/// the first, through their indexes; query() reads the location index range for a location
/// prefix, and otherwise scans the tickets in id order (from the first after TicketQuery::after),
/// decoding each, until `offset + limit` matches are found (O(n) for a filter that matches little); count_by_state() scans every ticket;
/// outbox() scans the messages (of one ticket when the query names it); outbox_counts() and
/// purge_outbox() scan every message; workflows() reads every stored version.
///
/// Errors: StoreError when the backend fails; DamagedRecordError for a record that does not decode
/// (naming the backend and the record).
class PROPDESK_API KvStore final : public Store {
 public:
  /// Opens (or initialises) the store in `backend` (see above). Throws StoreError, and
  /// std::invalid_argument for a null backend.
  explicit KvStore(std::shared_ptr<KvBackend> backend);
  ~KvStore() override;

  std::vector<CommitOutcome> commit(std::span<NewTicket> creates,
                                    std::span<Update> updates) override;
  [[nodiscard]] std::optional<Ticket> get(TicketId id) const override;
  [[nodiscard]] std::optional<Ticket> find(std::string_view code) const override;
  [[nodiscard]] std::vector<Ticket> query(const TicketQuery& query) const override;
  [[nodiscard]] std::vector<JournalEntry> history(TicketId id) const override;
  [[nodiscard]] std::optional<TicketHistory> get_with_history(TicketId id) const override;
  [[nodiscard]] std::vector<StateCount> count_by_state() const override;
  [[nodiscard]] std::vector<TicketId> ticket_ids(TicketId after, std::size_t limit) const override;
  [[nodiscard]] std::vector<Timer> due_timers(TimePoint until, std::size_t limit) const override;
  [[nodiscard]] std::optional<Timer> next_timer() const override;
  [[nodiscard]] std::vector<Timer> timers(TicketId id) const override;
  CommitOutcome reschedule(TicketId id, std::int64_t expected_version,
                           const TimerChanges& changes) override;
  [[nodiscard]] std::vector<OutboxMessage> due_outbox(TimePoint until, std::size_t limit,
                                                      std::string_view channel) const override;
  [[nodiscard]] std::optional<TimePoint> next_outbox_attempt(
      std::string_view channel) const override;
  [[nodiscard]] std::vector<OutboxMessage> outbox(const OutboxQuery& query) const override;
  [[nodiscard]] OutboxCounts outbox_counts() const override;
  [[nodiscard]] WorkflowSaveOutcome save_workflow(const StoredWorkflow& workflow) override;
  [[nodiscard]] std::vector<StoredWorkflow> workflows() const override;

 protected:
  std::optional<OutboxMessage> edit_outbox(std::string_view key, const OutboxEdit& edit) override;
  std::int64_t delete_outbox(TimePoint before, bool delivered, bool dead) override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace propdesk
