// A plugin's key-value store (propdesk_kv_store_type) as KvBackend and KvTransaction: every call
// guarded (nothing crosses the C boundary either way; an exception of a scan's visit is carried
// over the plugin's scan and rethrown here), every failure a StoreError naming the database, the
// store type, the plugin and the plugin's reason; a transaction destroyed before commit() aborted.
#pragma once

#include <memory>
#include <string>

#include "plugin/plugin_call.hpp"
#include "propdesk/kv_backend.hpp"
#include "propdesk/plugin_api.h"
#include "propdesk/store_error.hpp"

namespace propdesk::plugin {

/// What a store type, its open databases and their transactions share.
struct PluginKvCore {
  propdesk_kv_store_type table;
  std::string name;
  std::string origin;
  OwnedUser user;
  [[nodiscard]] std::string who() const;  // "store type 'lmdb', plugin 'lmdb'"
};

/// One database a plugin opened: closed when the backend and its last transaction are gone.
class PluginKvInstance {
 public:
  /// `instance` is what the plugin's open() returned; owned (closed) from here on. Never throws
  /// but std::bad_alloc.
  PluginKvInstance(std::shared_ptr<const PluginKvCore> core, void* instance);
  ~PluginKvInstance();
  PluginKvInstance(const PluginKvInstance&) = delete;
  PluginKvInstance& operator=(const PluginKvInstance&) = delete;

  [[nodiscard]] const propdesk_kv_store_type& table() const noexcept { return core_->table; }
  [[nodiscard]] void* get() const noexcept { return instance_; }
  /// The plugin's description of the database ("lmdb /var/lib/propdesk/desk.lmdb"), or the store
  /// type's name.
  [[nodiscard]] const std::string& description() const noexcept { return description_; }
  /// The StoreError for a failed `operation`: "lmdb /x.lmdb (store type 'lmdb', plugin 'lmdb'):
  /// commit: <the plugin's reason>".
  [[nodiscard]] StoreError failure(const char* operation, TextBuffer& text, propdesk_status status) const;

 private:
  std::shared_ptr<const PluginKvCore> core_;
  void* instance_;
  std::string description_;
};

/// A plugin's open database.
class PluginKvBackend final : public KvBackend {
 public:
  explicit PluginKvBackend(std::shared_ptr<const PluginKvInstance> instance) : instance_(std::move(instance)) {}
  [[nodiscard]] std::unique_ptr<KvTransaction> begin(bool write) override;
  [[nodiscard]] std::string describe() const override { return instance_->description(); }

 private:
  std::shared_ptr<const PluginKvInstance> instance_;
};

}  // namespace propdesk::plugin
