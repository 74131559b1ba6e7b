// propdesk/kv_store_type.hpp: a kind of key-value backend that opens databases from settings.
//
// Plugins provide store types through the C interface (propdesk_kv_store_type in
// propdesk/plugin_api.h); the PluginRegistry finds them by name (kv_store_type()). An embedding
// program may add its own through PluginRegistry::add() too. Opening one gives a KvBackend
// (propdesk/kv_backend.hpp), which KvStore (propdesk/kv_store.hpp) turns into a Store:
//
//   PluginRegistry registry;
//   load_plugins(registry, {{"/usr/local/lib/propdesk/plugins"}, {{"lmdb", {}}}, false});
//   std::unique_ptr<KvBackend> backend =
//       registry.open_kv_store("lmdb", {{"path", "/var/lib/propdesk/desk.lmdb"}});
#pragma once

#include <memory>
#include <string_view>

#include "propdesk/export.hpp"
#include "propdesk/kv_backend.hpp"
#include "propdesk/settings.hpp"

namespace propdesk {

/// A kind of key-value backend ("lmdb"). Thread-safe.
class PROPDESK_API KvStoreType {
 public:
  KvStoreType() = default;
  KvStoreType(const KvStoreType&) = delete;
  KvStoreType& operator=(const KvStoreType&) = delete;
  virtual ~KvStoreType();
  /// The name the configuration uses: [a-z][a-z0-9_.-]*, unique among store types.
  [[nodiscard]] virtual std::string_view name() const = 0;
  /// Opens a database. Throws std::invalid_argument, naming the setting, for settings it cannot
  /// use (a missing or unknown key, a bad value, a folder that does not exist), and StoreError when
  /// the backend fails (I/O, a corrupted file). The backend may outlive this object and the
  /// registry that holds it.
  [[nodiscard]] virtual std::unique_ptr<KvBackend> open(const Settings& settings) const = 0;
};

}  // namespace propdesk
