// The event bus on Boost.Signals2; every slot is wrapped so that one throwing subscriber cannot
// stop the others or reach the engine.
#include "propdesk/event_bus.hpp"

#include <atomic>
#include <boost/signals2/signal.hpp>
#include <mutex>

namespace propdesk {

struct Subscription::Impl {
  boost::signals2::scoped_connection connection;
};

Subscription::Subscription() = default;
Subscription::~Subscription() = default;
Subscription::Subscription(Subscription&&) noexcept = default;
Subscription& Subscription::operator=(Subscription&&) noexcept = default;

void Subscription::disconnect() {
  if (impl_) impl_->connection.disconnect();
}

bool Subscription::connected() const { return impl_ && impl_->connection.connected(); }

struct EventBus::Impl {
  boost::signals2::signal<void(const TicketEvent&)> by_kind[TicketEvent::kKinds];
  boost::signals2::signal<void(const TicketEvent&)> all;
  std::atomic<std::uint64_t> errors{0};
  std::mutex error_mutex;
  ErrorHandler on_error;

  void report(const std::string& what) {
    errors.fetch_add(1);
    ErrorHandler handler;
    {
      std::lock_guard lock(error_mutex);
      handler = on_error;
    }
    if (handler) {
      try {
        handler(what);
      } catch (...) {
        // An error handler that throws has nowhere left to report to.
      }
    }
  }

  boost::signals2::connection connect(boost::signals2::signal<void(const TicketEvent&)>& signal, Handler h) {
    return signal.connect([this, h = std::move(h)](const TicketEvent& e) {
      try {
        h(e);
      } catch (const std::exception& ex) {
        report(std::string("subscriber threw: ") + ex.what());
      } catch (...) {
        report("subscriber threw a non-standard exception");
      }
    });
  }
};

EventBus::EventBus() : impl_(std::make_unique<Impl>()) {}
EventBus::~EventBus() = default;

Subscription EventBus::subscribe(TicketEvent::Kind kind, Handler handler) {
  Subscription s;
  s.impl_ = std::make_unique<Subscription::Impl>();
  s.impl_->connection = impl_->connect(impl_->by_kind[static_cast<int>(kind)], std::move(handler));
  return s;
}

Subscription EventBus::subscribe_all(Handler handler) {
  Subscription s;
  s.impl_ = std::make_unique<Subscription::Impl>();
  s.impl_->connection = impl_->connect(impl_->all, std::move(handler));
  return s;
}

void EventBus::on_subscriber_error(ErrorHandler handler) {
  std::lock_guard lock(impl_->error_mutex);
  impl_->on_error = std::move(handler);
}

std::uint64_t EventBus::subscriber_errors() const { return impl_->errors.load(); }

bool EventBus::has_subscribers(TicketEvent::Kind kind) const noexcept {
  try {
    return !impl_->by_kind[static_cast<int>(kind)].empty() || !impl_->all.empty();
  } catch (...) {
    return true;
  }
}

void EventBus::emit(const TicketEvent& event) noexcept {
  try {
    impl_->by_kind[static_cast<int>(event.kind)](event);
    impl_->all(event);
  } catch (...) {
    // Slots are wrapped; only allocation failure inside Signals2 could get here.
    impl_->report("event delivery failed");
  }
}

}  // namespace propdesk
