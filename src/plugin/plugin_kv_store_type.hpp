// A plugin's key-value store type (propdesk_kv_store_type) as a KvStoreType: open() calls the
// plugin's open, guarded, and wraps the database in a PluginKvBackend (plugin_kv_backend.hpp).
#pragma once

#include <memory>
#include <string>

#include "plugin/plugin_kv_backend.hpp"
#include "propdesk/kv_store_type.hpp"
#include "propdesk/plugin_api.h"

namespace propdesk::plugin {

class PluginKvStoreType final : public KvStoreType {
 public:
  /// `table` was checked (name valid, every function but describe and release set) and copied by
  /// the caller; its `user` is owned from here on.
  PluginKvStoreType(const propdesk_kv_store_type& table, std::string name, std::string origin);
  [[nodiscard]] std::string_view name() const override;
  /// Throws std::invalid_argument "store type 'lmdb', plugin 'lmdb': <why>" when the plugin's open
  /// answers PROPDESK_STATUS_INVALID, StoreError with the same text for any other failure.
  [[nodiscard]] std::unique_ptr<KvBackend> open(const Settings& settings) const override;

 private:
  std::shared_ptr<const PluginKvCore> core_;
};

}  // namespace propdesk::plugin
