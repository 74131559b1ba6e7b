#include "plugin/plugin_kv_store_type.hpp"

#include <stdexcept>

#include "plugin/abi_views.hpp"
#include "propdesk/store_error.hpp"

namespace propdesk::plugin {

PluginKvStoreType::PluginKvStoreType(const propdesk_kv_store_type& table, std::string name, std::string origin)
    // `new`: the core holds a non-movable OwnedUser, built in place.
    : core_(new PluginKvCore{table, std::move(name), std::move(origin), OwnedUser(table.user, table.release)}) {}

std::string_view PluginKvStoreType::name() const { return core_->name; }

std::unique_ptr<KvBackend> PluginKvStoreType::open(const Settings& settings) const {
  const SettingsView view(settings);
  TextBuffer error;
  void* instance = nullptr;
  const propdesk_status status = call_plugin(error, [&] {
    return core_->table.open(core_->user.get(), view.data(), view.size(), &instance, error.data(), error.size());
  });
  if (status == PROPDESK_STATUS_INVALID) throw std::invalid_argument(core_->who() + ": " + failure_text(error, status));
  if (status != PROPDESK_STATUS_OK) throw StoreError(core_->who() + ": " + failure_text(error, status));
  std::shared_ptr<const PluginKvInstance> opened;
  try {
    opened = std::make_shared<PluginKvInstance>(core_, instance);
  } catch (...) {  // out of memory: close what the plugin opened
    TextBuffer ignored;
    call_plugin(ignored, [&] {
      core_->table.close(instance);
      return PROPDESK_STATUS_OK;
    });
    throw;
  }
  return std::make_unique<PluginKvBackend>(std::move(opened));
}

}  // namespace propdesk::plugin
