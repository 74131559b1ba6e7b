// propdesk/memory_kv_backend.hpp: a KvBackend in the process's memory, the reference backend.
#pragma once

#include <memory>
#include <string>

#include "propdesk/export.hpp"
#include "propdesk/kv_backend.hpp"

namespace propdesk {

/// A KvBackend (propdesk/kv_backend.hpp) over an ordered map in memory: for tests, and the model
/// every other backend's behaviour is compared with. It follows the whole KvBackend contract,
/// "durable" meaning "until the object is destroyed":
/// - A read transaction holds an immutable version of the map: it sees exactly what was committed
///   before it began, however long it stays open.
/// - A write transaction copies the map at its first write (copy on write) and publishes the copy
///   at commit(): a commit costs O(n) in the number of keys. Destroyed without commit(), it applies
///   nothing. begin(true) waits while another write transaction is open.
/// - put() of a key longer than kMaxKvKeyBytes or a value longer than kMaxKvValueBytes, a write
///   through a read transaction, and any use after commit() throw StoreError ("memory: ...").
///
/// Thread safety: begin() may be called from any threads; each transaction by one thread at a
/// time. Transactions may outlive the backend object.
class PROPDESK_API MemoryKvBackend final : public KvBackend {
 public:
  MemoryKvBackend();
  ~MemoryKvBackend() override;

  [[nodiscard]] std::unique_ptr<KvTransaction> begin(bool write) override;
  /// "memory".
  [[nodiscard]] std::string describe() const override;

 private:
  struct Shared;
  std::shared_ptr<Shared> shared_;
};

}  // namespace propdesk
