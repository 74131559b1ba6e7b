#include "propdesk/outbox_report.hpp"

#include <algorithm>
#include <iterator>

namespace propdesk {

namespace {

// Every message of one status, in pages, up to `limit`.
std::vector<OutboxMessage> all_with(const Store& store, OutboxStatus status, std::size_t limit) {
  constexpr std::size_t kPage = 500;
  std::vector<OutboxMessage> out;
  OutboxQuery q;
  q.status = status;
  while (out.size() < limit) {
    q.limit = std::min(kPage, limit - out.size());
    q.offset = out.size();
    std::vector<OutboxMessage> page = store.outbox(q);
    const bool last = page.size() < q.limit;
    out.insert(out.end(), std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()));
    if (last) break;
  }
  return out;
}

}  // namespace

OutboxReport outbox_report(const Store& store, TimePoint now, std::size_t limit) {
  OutboxReport r;
  r.at = now;
  r.counts = store.outbox_counts();
  r.dead = all_with(store, OutboxStatus::kDead, limit);
  r.pending = all_with(store, OutboxStatus::kPending, limit);
  r.truncated = r.dead.size() >= limit || r.pending.size() >= limit;
  return r;
}

}  // namespace propdesk
