#include "plugin/plugin_kv_backend.hpp"

#include <cstdio>
#include <exception>
#include <stdexcept>

#include "plugin/abi_views.hpp"

namespace propdesk::plugin {

namespace {

class PluginKvTransaction final : public KvTransaction {
 public:
  PluginKvTransaction(std::shared_ptr<const PluginKvInstance> instance, void* txn, bool write)
      : instance_(std::move(instance)), txn_(txn), write_(write) {}
  ~PluginKvTransaction() override {
    if (done_) return;
    TextBuffer ignored;
    call_plugin(ignored, [&] {
      instance_->table().abort(txn_);
      return PROPDESK_STATUS_OK;
    });
  }

  std::optional<std::string> get(std::string_view key) override {
    check_open("get");
    TextBuffer error;
    propdesk_bytes value{nullptr, 0};
    int32_t found = 0;
    const propdesk_status status = call_plugin(error, [&] {
      return instance_->table().get(txn_, abi_bytes(key), &value, &found, error.data(), error.size());
    });
    if (status != PROPDESK_STATUS_OK) throw instance_->failure("get", error, status);
    if (found == 0) return std::nullopt;
    if (value.data == nullptr && value.size != 0) {
      std::snprintf(error.data(), error.size(), "a value of %zu bytes without its bytes (NULL)", value.size);
      throw instance_->failure("get", error, PROPDESK_STATUS_FAILED);
    }
    return std::string(bytes_view(value));
  }

  void scan(std::string_view from, std::string_view to,
            const std::function<bool(std::string_view key, std::string_view value)>& visit) override {
    check_open("scan");
    Visit state{&visit, nullptr};
    TextBuffer error;
    const propdesk_status status = call_plugin(error, [&] {
      return instance_->table().scan(txn_, abi_bytes(from), abi_bytes(to), &Visit::one, &state, error.data(),
                                     error.size());
    });
    if (state.failure) std::rethrow_exception(state.failure);  // the visitor's, carried over the plugin
    if (status != PROPDESK_STATUS_OK) throw instance_->failure("scan", error, status);
  }

  void put(std::string_view key, std::string_view value) override {
    check_writable("put");
    TextBuffer error;
    const propdesk_status status = call_plugin(error, [&] {
      return instance_->table().put(txn_, abi_bytes(key), abi_bytes(value), error.data(), error.size());
    });
    if (status != PROPDESK_STATUS_OK) throw instance_->failure("put", error, status);
  }

  void erase(std::string_view key) override {
    check_writable("erase");
    TextBuffer error;
    const propdesk_status status = call_plugin(error, [&] {
      return instance_->table().erase(txn_, abi_bytes(key), error.data(), error.size());
    });
    if (status != PROPDESK_STATUS_OK) throw instance_->failure("erase", error, status);
  }

  void commit() override {
    check_open("commit");
    done_ = true;  // commit ends the transaction whatever it returns
    TextBuffer error;
    const propdesk_status status =
        call_plugin(error, [&] { return instance_->table().commit(txn_, error.data(), error.size()); });
    if (status != PROPDESK_STATUS_OK) throw instance_->failure("commit", error, status);
  }

 private:
  // The state of one scan: the host's visitor, and what it threw (the plugin only sees 0: stop).
  struct Visit {
    const std::function<bool(std::string_view, std::string_view)>* visit;
    std::exception_ptr failure;

    static int32_t one(void* user, propdesk_bytes key, propdesk_bytes value) noexcept {
      auto& self = *static_cast<Visit*>(user);
      if (self.failure) return 0;
      try {
        return (*self.visit)(bytes_view(key), bytes_view(value)) ? 1 : 0;
      } catch (...) {
        self.failure = std::current_exception();
        return 0;
      }
    }
  };

  void check_open(const char* operation) const {
    if (done_) {
      throw std::logic_error(instance_->description() + ": " + operation +
                             " on a transaction that was committed already");
    }
  }
  void check_writable(const char* operation) const {
    check_open(operation);
    if (!write_) throw std::logic_error(instance_->description() + ": " + operation + " in a read transaction");
  }

  std::shared_ptr<const PluginKvInstance> instance_;
  void* txn_;
  bool write_;
  bool done_ = false;
};

}  // namespace

std::string PluginKvCore::who() const { return "store type '" + name + "', plugin '" + origin + "'"; }

PluginKvInstance::PluginKvInstance(std::shared_ptr<const PluginKvCore> core, void* instance)
    : core_(std::move(core)), instance_(instance), description_(core_->name) {
  if (core_->table.describe == nullptr) return;
  TextBuffer text;
  const propdesk_status status = call_plugin(text, [&] {
    core_->table.describe(instance_, text.data(), text.size());
    return PROPDESK_STATUS_OK;
  });
  if (std::string d = text.text(); status == PROPDESK_STATUS_OK && !d.empty()) description_ = std::move(d);
}

PluginKvInstance::~PluginKvInstance() {
  TextBuffer ignored;
  call_plugin(ignored, [&] {
    core_->table.close(instance_);
    return PROPDESK_STATUS_OK;
  });
}

StoreError PluginKvInstance::failure(const char* operation, TextBuffer& text, propdesk_status status) const {
  return StoreError(description_ + " (" + core_->who() + "): " + operation + ": " + failure_text(text, status));
}

std::unique_ptr<KvTransaction> PluginKvBackend::begin(bool write) {
  TextBuffer error;
  void* txn = nullptr;
  const propdesk_status status = call_plugin(error, [&] {
    return instance_->table().begin(instance_->get(), write ? 1 : 0, &txn, error.data(), error.size());
  });
  if (status != PROPDESK_STATUS_OK) throw instance_->failure("begin", error, status);
  if (txn == nullptr) {
    std::snprintf(error.data(), error.size(), "began no transaction (NULL) and said OK");
    throw instance_->failure("begin", error, PROPDESK_STATUS_FAILED);
  }
  try {
    return std::make_unique<PluginKvTransaction>(instance_, txn, write);
  } catch (...) {  // out of memory: the plugin's transaction must not stay open
    TextBuffer ignored;
    call_plugin(ignored, [&] {
      instance_->table().abort(txn);
      return PROPDESK_STATUS_OK;
    });
    throw;
  }
}

}  // namespace propdesk::plugin
