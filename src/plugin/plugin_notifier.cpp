#include "plugin/plugin_notifier.hpp"

#include <mutex>
#include <stdexcept>

#include "plugin/abi_views.hpp"

namespace propdesk::plugin {

namespace {

class PluginNotifier final : public Notifier {
 public:
  PluginNotifier(std::shared_ptr<const PluginNotifierType::Core> core, void* instance)
      : core_(std::move(core)), instance_(instance) {}
  ~PluginNotifier() override {
    if (core_->table.destroy == nullptr) return;
    TextBuffer ignored;
    call_plugin(ignored, [&] {
      core_->table.destroy(instance_);
      return PROPDESK_STATUS_OK;
    });
  }
  PluginNotifier(const PluginNotifier&) = delete;
  PluginNotifier& operator=(const PluginNotifier&) = delete;

  DeliveryResult send(const Notification& notification) override {
    try {
      const NotificationView view(notification);
      TextBuffer error;
      propdesk_status status = PROPDESK_STATUS_FAILED;
      {
        const std::lock_guard lock(mutex_);
        status = call_plugin(error, [&] {
          return core_->table.send(instance_, &view.get(), error.data(), error.size());
        });
      }
      if (status == PROPDESK_STATUS_OK) return DeliveryResult::ok();
      std::string why = core_->who() + ": " + failure_text(error, status);
      if (status == PROPDESK_STATUS_RETRY) return DeliveryResult::retry(std::move(why));
      return DeliveryResult::failed(std::move(why));
    } catch (const std::exception& e) {  // out of memory building the view
      return DeliveryResult::retry(core_->who() + ": " + e.what());
    }
  }

 private:
  std::shared_ptr<const PluginNotifierType::Core> core_;
  void* instance_;
  std::mutex mutex_;
};

}  // namespace

std::string PluginNotifierType::Core::who() const {
  return "notifier '" + name + "' (plugin '" + origin + "')";
}

PluginNotifierType::PluginNotifierType(const propdesk_notifier_type& table, std::string name,
                                       std::string origin)
    // `new`: Core holds a non-movable OwnedUser, built in place.
    : core_(new Core{table, std::move(name), std::move(origin), OwnedUser(table.user, table.release)}) {}

std::string_view PluginNotifierType::name() const { return core_->name; }

std::unique_ptr<Notifier> PluginNotifierType::create(const Settings& settings) const {
  const SettingsView view(settings);
  TextBuffer error;
  void* instance = nullptr;
  const propdesk_status status = call_plugin(error, [&] {
    return core_->table.create(core_->user.get(), view.data(), view.size(), &instance, error.data(),
                               error.size());
  });
  if (status != PROPDESK_STATUS_OK) throw std::invalid_argument(core_->who() + ": " + failure_text(error, status));
  return std::make_unique<PluginNotifier>(core_, instance);
}

}  // namespace propdesk::plugin
