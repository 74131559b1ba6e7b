// propdesk/kv_backend.hpp: an ordered, transactional key-value store that a Store can live on.
//
// KvStore (propdesk/kv_store.hpp) keeps tickets, journals, timers, the outbox and workflow sources
// in any backend with this interface, and keeps every promise of the Store contract itself
// (version checks, sealing, codes, indexes): a backend only stores bytes under byte keys. Plugins
// provide backends through the C interface (propdesk_kv_store_type in propdesk/plugin_api.h); an
// embedding program can also implement this class directly.
//
// Contract, for every backend:
// - Keys and values are arbitrary bytes (NUL included); keys are ordered bytewise (memcmp, a
//   shorter key before its extensions). Keys are at most kMaxKvKeyBytes, values at most
//   kMaxKvValueBytes.
// - begin(false) starts a read transaction: a consistent snapshot that sees every write
//   transaction committed before it began and nothing committed afterwards. Any number may be
//   open at once, from any threads.
// - begin(true) starts a write transaction; it sees its own writes. KvStore never opens two write
//   transactions at once in one process (it serialises them itself), but several processes may
//   share a backend's files, so a backend serialises writers across processes (begin(true) waits).
// - commit() makes every write of the transaction durable (it survives a crash of the process and
//   of the machine, as far as the backend's medium allows) and visible to later transactions, or
//   throws StoreError and applies none of them. A transaction destroyed without commit() is
//   abandoned: none of its writes happen.
// - A transaction object is used by one thread at a time, and is finished (committed or
//   destroyed) by the thread that began it.
// - Failures of the backend itself (I/O, a full disk, a corrupted file) throw StoreError, whose
//   message names the backend and says what went wrong.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "propdesk/export.hpp"

namespace propdesk {

/// The longest key KvStore writes: 511 bytes (LMDB's default limit).
inline constexpr std::size_t kMaxKvKeyBytes = 511;
/// The longest value KvStore writes: 64 MiB.
inline constexpr std::size_t kMaxKvValueBytes = std::size_t{64} << 20;

/// One transaction of a KvBackend (see the contract above).
class PROPDESK_API KvTransaction {
 public:
  KvTransaction() = default;
  KvTransaction(const KvTransaction&) = delete;
  KvTransaction& operator=(const KvTransaction&) = delete;
  /// Abandons the transaction unless commit() was called.
  virtual ~KvTransaction();

  /// The value stored under `key`, or nullopt.
  [[nodiscard]] virtual std::optional<std::string> get(std::string_view key) = 0;
  /// Calls visit(key, value) for each key k with from <= k < to, ascending; an empty `to` means
  /// no upper bound. Stops when visit returns false. The views are valid only during that visit
  /// call. visit must not write through this transaction.
  virtual void scan(std::string_view from, std::string_view to,
                    const std::function<bool(std::string_view key, std::string_view value)>&
                        visit) = 0;
  /// Stores `value` under `key`, replacing what was there. Write transactions only.
  virtual void put(std::string_view key, std::string_view value) = 0;
  /// Removes `key` (nothing happens when it is absent). Write transactions only.
  virtual void erase(std::string_view key) = 0;
  /// Makes the writes durable and visible; afterwards the transaction may only be destroyed.
  /// For a read transaction, ends it. Throws StoreError (nothing applied).
  virtual void commit() = 0;
};

/// An ordered, transactional key-value store (see the contract above).
class PROPDESK_API KvBackend {
 public:
  KvBackend() = default;
  KvBackend(const KvBackend&) = delete;
  KvBackend& operator=(const KvBackend&) = delete;
  virtual ~KvBackend();

  /// Begins a read transaction (write = false) or a write transaction (write = true). Throws
  /// StoreError.
  [[nodiscard]] virtual std::unique_ptr<KvTransaction> begin(bool write) = 0;
  /// Names the backend and where its data is, for messages: "lmdb /var/lib/propdesk/desk.lmdb".
  [[nodiscard]] virtual std::string describe() const = 0;
};

}  // namespace propdesk
