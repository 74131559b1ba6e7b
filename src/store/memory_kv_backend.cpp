#include "propdesk/memory_kv_backend.hpp"

#include <condition_variable>
#include <map>
#include <mutex>
#include <utility>

#include "propdesk/store_error.hpp"

namespace propdesk {

namespace {

using KvMap = std::map<std::string, std::string, std::less<>>;

// The committed versions of the map, shared by the backend and its open transactions.
struct Versions {
  std::mutex mutex;
  std::condition_variable writer_done;
  bool writing = false;  // a write transaction is open
  std::shared_ptr<const KvMap> current = std::make_shared<const KvMap>();

  std::shared_ptr<const KvMap> snapshot() {
    std::lock_guard lock(mutex);
    return current;
  }
};

[[noreturn]] void fail(const std::string& what) { throw StoreError("memory: " + what); }

class MemoryTransaction final : public KvTransaction {
 public:
  MemoryTransaction(std::shared_ptr<Versions> shared, bool write)
      : shared_(std::move(shared)), write_(write) {
    if (write_) {
      std::unique_lock lock(shared_->mutex);
      shared_->writer_done.wait(lock, [&] { return !shared_->writing; });
      shared_->writing = true;
      base_ = shared_->current;
    } else {
      base_ = shared_->snapshot();
    }
  }

  ~MemoryTransaction() override { end_writing(); }

  std::optional<std::string> get(std::string_view key) override {
    const KvMap& map = view();
    const auto it = map.find(key);
    if (it == map.end()) return std::nullopt;
    return it->second;
  }

  void scan(std::string_view from, std::string_view to,
            const std::function<bool(std::string_view, std::string_view)>& visit) override {
    const KvMap& map = view();
    for (auto it = map.lower_bound(from); it != map.end(); ++it) {
      if (!to.empty() && std::string_view(it->first) >= to) break;
      if (!visit(it->first, it->second)) break;
    }
  }

  void put(std::string_view key, std::string_view value) override {
    writable();
    if (key.size() > kMaxKvKeyBytes)
      fail("key of " + std::to_string(key.size()) + " bytes (at most " +
           std::to_string(kMaxKvKeyBytes) + ")");
    if (value.size() > kMaxKvValueBytes)
      fail("value of " + std::to_string(value.size()) + " bytes (at most " +
           std::to_string(kMaxKvValueBytes) + ")");
    copy().insert_or_assign(std::string(key), std::string(value));
  }

  void erase(std::string_view key) override {
    writable();
    if (!view().contains(key)) return;
    KvMap& map = copy();
    map.erase(map.find(key));
  }

  void commit() override {
    view();  // not finished yet
    if (write_ && copy_) {
      std::lock_guard lock(shared_->mutex);
      shared_->current = std::shared_ptr<const KvMap>(std::move(copy_));
    }
    finished_ = true;
    end_writing();
  }

 private:
  const KvMap& view() const {
    if (finished_) fail("the transaction is finished");
    return copy_ ? *copy_ : *base_;
  }

  void writable() const {
    view();
    if (!write_) fail("write through a read transaction");
  }

  KvMap& copy() {
    if (!copy_) copy_ = std::make_unique<KvMap>(*base_);
    return *copy_;
  }

  void end_writing() {
    if (!write_ || released_) return;
    released_ = true;
    copy_.reset();
    {
      std::lock_guard lock(shared_->mutex);
      shared_->writing = false;
    }
    shared_->writer_done.notify_one();
  }

  std::shared_ptr<Versions> shared_;
  bool write_;
  bool finished_ = false;
  bool released_ = false;
  std::shared_ptr<const KvMap> base_;
  std::unique_ptr<KvMap> copy_;
};

}  // namespace

struct MemoryKvBackend::Shared : Versions {};

MemoryKvBackend::MemoryKvBackend() : shared_(std::make_shared<Shared>()) {}
MemoryKvBackend::~MemoryKvBackend() = default;

std::unique_ptr<KvTransaction> MemoryKvBackend::begin(bool write) {
  return std::make_unique<MemoryTransaction>(shared_, write);
}

std::string MemoryKvBackend::describe() const { return "memory"; }

}  // namespace propdesk
