// propdesk/plugin_sdk.hpp: C++ helpers for writing propdesk plugins (header-only, C++17 or later).
//
// The plugin ABI (propdesk/plugin_api.h) is C. This header lets a C++ plugin implement it with
// ordinary classes while keeping exceptions on the plugin's side of the boundary: every function
// these adapters hand to propdesk catches everything and turns it into a status and a message.
// It needs nothing but the C header and the standard library (no propdesk library to link).
//
//   class MyNotifier {
//    public:
//     explicit MyNotifier(const propdesk::sdk::SettingsView& settings);  // throw Error(INVALID, ...)
//     void send(const propdesk_notification& n);                          // throw Error(RETRY, ...)
//   };
//   void register_me(const propdesk_host& host) {
//     propdesk::sdk::add_notifier<MyNotifier>(host, "mine", "what it does");
//   }
//   PROPDESK_DEFINE_PLUGIN("my_plugin", "1.0.0", "what the plugin is for", register_me)
//
// Contracts of the adapters:
// - Notifier class N: `explicit N(const SettingsView&)` (throws for bad settings) and
//   `void send(const propdesk_notification&)` (returns when delivered; throws Error with
//   PROPDESK_STATUS_RETRY or PROPDESK_STATUS_FAILED otherwise; any other exception counts as
//   FAILED). propdesk calls send on one instance from one thread at a time.
// - Escalation rule class R: `Verdict classify(const propdesk_ticket&, const propdesk_rule_context&)
//   const`, called concurrently.
// - Dispatch strategy class S: `Choice choose(const propdesk_ticket&, const
//   propdesk_dispatch_candidate*, size_t count)`, called concurrently (synchronise state).
// - Key-value store class B (plugin API 1.1, add_kv_store): `explicit B(const SettingsView&)` opens
//   a database (throws Error(INVALID, ...) naming a bad setting); `std::string describe() const`
//   ("lmdb /var/lib/propdesk/desk.lmdb"); `std::unique_ptr<T> begin(bool write)`, called from any
//   thread (see propdesk_kv_store_type for the contract). Its transaction class T:
//   `std::optional<std::string_view> get(std::string_view key)` (the view valid until the next call
//   on the transaction), `void scan(std::string_view from, std::string_view to, VISIT)` calling
//   `bool VISIT(std::string_view key, std::string_view value)` for from <= key < to (an empty `to`:
//   no bound) until it returns false (take VISIT as a template parameter or a std::function),
//   `void put(std::string_view key, std::string_view value)`, `void erase(std::string_view key)`,
//   `void commit()`; its destructor drops the writes of a transaction that was not committed. A
//   transaction is destroyed right after commit(), whether commit() threw or not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <initializer_list>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "propdesk/plugin_api.h"

namespace propdesk::sdk {

/// The text of a propdesk_str.
inline std::string_view view(propdesk_str s) noexcept { return {s.data, s.size}; }

/// Writes `text` into a caller's buffer of `size` bytes: cut at a UTF-8 character boundary when too
/// long, always NUL-terminated. Does nothing when the buffer is NULL or empty.
inline void write_text(char* buffer, std::size_t size, std::string_view text) noexcept {
  if (buffer == nullptr || size == 0) return;
  std::size_t n = text.size() < size ? text.size() : size - 1;
  if (n < text.size()) {
    // Do not cut a multi-byte character: back up over continuation bytes.
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0U) == 0x80U) --n;
  }
  if (n > 0) std::memcpy(buffer, text.data(), n);
  buffer[n] = '\0';
}

/// A failure with the status a function should return. Throw it from adapted classes.
class Error : public std::runtime_error {
 public:
  Error(propdesk_status status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  [[nodiscard]] propdesk_status status() const noexcept { return status_; }

 private:
  propdesk_status status_;
};

/// Runs `body` and returns PROPDESK_STATUS_OK (or the status `body` returns, if it returns one).
/// An Error becomes its status and message; any other std::exception PROPDESK_STATUS_FAILED with
/// its what(); anything else PROPDESK_STATUS_FAILED "unknown exception". Never throws.
template <class Body>
propdesk_status guard(char* error, std::size_t error_size, Body&& body) noexcept {
  try {
    if constexpr (std::is_same_v<decltype(body()), void>) {
      body();
      return PROPDESK_STATUS_OK;
    } else {
      return static_cast<propdesk_status>(body());
    }
  } catch (const Error& e) {
    write_text(error, error_size, e.what());
    return e.status() == PROPDESK_STATUS_OK ? PROPDESK_STATUS_FAILED : e.status();
  } catch (const std::bad_alloc&) {
    write_text(error, error_size, "out of memory");
  } catch (const std::exception& e) {
    write_text(error, error_size, e.what());
  } catch (...) {
    write_text(error, error_size, "unknown exception");
  }
  return PROPDESK_STATUS_FAILED;
}

/// Read-only access to settings (a notifier's create, or the plugin's own via the host table).
class SettingsView {
 public:
  SettingsView(const propdesk_setting* settings, std::size_t count) noexcept
      : settings_(settings), count_(settings == nullptr ? 0 : count) {}

  /// The value of `key`, if present.
  [[nodiscard]] std::optional<std::string_view> find(std::string_view key) const noexcept {
    for (std::size_t i = 0; i < count_; ++i)
      if (view(settings_[i].key) == key) return view(settings_[i].value);
    return std::nullopt;
  }
  /// The value of `key`, or `fallback`.
  [[nodiscard]] std::string get(std::string_view key, std::string_view fallback = {}) const {
    return std::string(find(key).value_or(fallback));
  }
  /// The value of `key`; throws Error(INVALID, "setting 'KEY' is required") when absent or empty.
  [[nodiscard]] std::string require(std::string_view key) const {
    const auto v = find(key);
    if (!v || v->empty()) throw Error(PROPDESK_STATUS_INVALID, "setting '" + std::string(key) + "' is required");
    return std::string(*v);
  }
  /// An integer setting within [min, max], or `fallback` when absent; throws Error(INVALID) naming
  /// the key, the range and the text otherwise.
  [[nodiscard]] long long get_int(std::string_view key, long long fallback, long long min, long long max) const {
    const auto v = find(key);
    if (!v) return fallback;
    const std::string text(*v);
    long long value = 0;
    std::size_t used = 0;
    bool ok = !text.empty();
    try {
      value = std::stoll(text, &used, 10);
    } catch (const std::exception&) {
      ok = false;
    }
    if (!ok || used != text.size() || value < min || value > max) {
      throw Error(PROPDESK_STATUS_INVALID, "setting '" + std::string(key) + "' must be an integer from " +
                                               std::to_string(min) + " to " + std::to_string(max) +
                                               ", not '" + text + "'");
    }
    return value;
  }
  /// A boolean setting ("true"/"false", "yes"/"no", "1"/"0"), or `fallback` when absent.
  [[nodiscard]] bool get_bool(std::string_view key, bool fallback) const {
    const auto v = find(key);
    if (!v) return fallback;
    if (*v == "true" || *v == "yes" || *v == "1") return true;
    if (*v == "false" || *v == "no" || *v == "0") return false;
    throw Error(PROPDESK_STATUS_INVALID,
                "setting '" + std::string(key) + "' must be true or false, not '" + std::string(*v) + "'");
  }
  /// Throws Error(INVALID, "unknown setting 'X' (known: a, b, to.NAME)") for a key that is not in
  /// `known` and does not start with one of `families` followed by a name (a family "to." admits
  /// "to.manager", not "to."): a typo in the configuration should not pass silently.
  void allow_only(std::initializer_list<std::string_view> known,
                  std::initializer_list<std::string_view> families = {}) const {
    for (std::size_t i = 0; i < count_; ++i) {
      const std::string_view key = view(settings_[i].key);
      bool found = false;
      for (std::string_view k : known) found = found || k == key;
      for (std::string_view f : families)
        found = found || (key.size() > f.size() && key.substr(0, f.size()) == f);
      if (found) continue;
      std::string list;
      for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      for (std::string_view f : families) list += (list.empty() ? "" : ", ") + std::string(f) + "NAME";
      throw Error(PROPDESK_STATUS_INVALID, "unknown setting '" + std::string(key) + "' (known: " + list + ")");
    }
  }
  /// The number of settings, and the i-th key and value (i < size()), in key order.
  [[nodiscard]] std::size_t size() const noexcept { return count_; }
  [[nodiscard]] std::string_view key(std::size_t i) const noexcept { return view(settings_[i].key); }
  [[nodiscard]] std::string_view value(std::size_t i) const noexcept { return view(settings_[i].value); }

 private:
  const propdesk_setting* settings_;
  std::size_t count_;
};

/// The plugin's own settings, from the host table.
inline SettingsView plugin_settings(const propdesk_host& host) noexcept {
  return {host.settings, host.setting_count};
}

/// The text of a ticket's field, if the ticket has it (and it is not null).
inline std::optional<std::string_view> field(const propdesk_ticket& ticket, std::string_view name) noexcept {
  for (std::size_t i = 0; i < ticket.field_count; ++i) {
    if (view(ticket.fields[i].name) == name) {
      if (ticket.fields[i].kind == PROPDESK_VALUE_NULL) return std::nullopt;
      return view(ticket.fields[i].text);
    }
  }
  return std::nullopt;
}

/// A message in propdesk's plugin messages (only during registration: the host table is valid
/// then only).
inline void log(const propdesk_host& host, int32_t level, const std::string& message) noexcept {
  if (host.log != nullptr) host.log(host.context, level, message.c_str());
}

/// Calls `visit(const propdesk_ticket&)` for each ticket the rule context's tickets_at finds (see
/// plugin_api.h). An exception from `visit` stops the walk and is rethrown here, on the plugin's
/// side; a failure of the host throws Error(FAILED).
template <class Visit>
void for_each_ticket_at(const propdesk_rule_context& context, std::string_view workflow,
                        std::string_view location, int64_t since, std::size_t limit, Visit&& visit) {
  struct State {
    Visit* visit;
    std::exception_ptr failure;
  } state{&visit, nullptr};
  const std::string w(workflow), l(location);
  char error[512] = "";
  const propdesk_status s = context.tickets_at(
      context.context, propdesk_str{w.c_str(), w.size()}, propdesk_str{l.c_str(), l.size()}, since, limit,
      [](void* user, const propdesk_ticket* ticket) {
        auto* st = static_cast<State*>(user);
        if (st->failure) return;
        try {
          (*st->visit)(*ticket);
        } catch (...) {
          st->failure = std::current_exception();
        }
      },
      &state, error, sizeof error);
  if (state.failure) std::rethrow_exception(state.failure);
  if (s != PROPDESK_STATUS_OK) throw Error(PROPDESK_STATUS_FAILED, error);
}

/// An escalation rule's answer.
struct Verdict {
  bool major = false;
  std::string reason;  ///< for a major verdict: why, one line
};

/// A dispatch strategy's answer.
struct Choice {
  std::optional<std::size_t> chosen;  ///< index into the candidates; nullopt: nobody
  std::string reason;
};

namespace detail {
inline void check_added(propdesk_status status, const char* error) {
  if (status != PROPDESK_STATUS_OK) throw Error(status, error);
}
}  // namespace detail

/// Registers notifier class N (see the top of this file) as notifier type `name`. Throws Error
/// when propdesk refuses it (e.g. the name is taken); let it reach guard().
template <class N>
void add_notifier(const propdesk_host& host, const char* name, const char* description) {
  propdesk_notifier_type t{};
  t.size = sizeof t;
  t.name = name;
  t.description = description;
  t.user = nullptr;
  t.create = [](void*, const propdesk_setting* settings, std::size_t count, void** instance, char* error,
                std::size_t error_size) noexcept -> propdesk_status {
    return guard(error, error_size, [&] { *instance = new N(SettingsView(settings, count)); });
  };
  t.send = [](void* instance, const propdesk_notification* n, char* error,
              std::size_t error_size) noexcept -> propdesk_status {
    return guard(error, error_size, [&] { static_cast<N*>(instance)->send(*n); });
  };
  t.destroy = [](void* instance) noexcept { delete static_cast<N*>(instance); };
  t.release = nullptr;
  char error[512] = "";
  detail::check_added(host.add_notifier(host.context, &t, error, sizeof error), error);
}

/// Registers `rule` (class R, see the top of this file) as escalation rule `name`; propdesk owns it
/// from here on and deletes it when it drops the rule.
template <class R>
void add_escalation_rule(const propdesk_host& host, const char* name, const char* description,
                         std::unique_ptr<R> rule) {
  propdesk_escalation_rule t{};
  t.size = sizeof t;
  t.name = name;
  t.description = description;
  t.classify = [](void* user, const propdesk_ticket* ticket, const propdesk_rule_context* context,
                  int32_t* major, char* text, std::size_t text_size) noexcept -> propdesk_status {
    return guard(text, text_size, [&] {
      const Verdict v = static_cast<const R*>(user)->classify(*ticket, *context);
      *major = v.major ? 1 : 0;
      write_text(text, text_size, v.reason);
    });
  };
  t.release = [](void* user) noexcept { delete static_cast<R*>(user); };
  t.user = rule.release();
  char error[512] = "";
  detail::check_added(host.add_escalation_rule(host.context, &t, error, sizeof error), error);
}

/// Registers key-value store class B (see the top of this file) as store type `name`. Throws Error
/// when propdesk refuses it, or is older than plugin API 1.1 and takes no store types.
template <class B>
void add_kv_store(const propdesk_host& host, const char* name, const char* description) {
  using Txn = typename decltype(std::declval<B&>().begin(false))::element_type;
  if (!PROPDESK_HOST_HAS(&host, add_kv_store)) {
    throw Error(PROPDESK_STATUS_FAILED, "this propdesk loads plugin API " + std::to_string(host.api_major) + "." +
                                            std::to_string(host.api_minor) +
                                            "; store types need plugin API 1.1 or later");
  }
  propdesk_kv_store_type t{};
  t.size = sizeof t;
  t.name = name;
  t.description = description;
  t.user = nullptr;
  t.open = [](void*, const propdesk_setting* settings, std::size_t count, void** instance, char* error,
              std::size_t error_size) noexcept -> propdesk_status {
    return guard(error, error_size, [&] { *instance = new B(SettingsView(settings, count)); });
  };
  t.describe = [](void* instance, char* text, std::size_t text_size) noexcept {
    // A describe() that throws leaves `text` empty (propdesk then uses the store type's name): its
    // message must not pass for the description.
    char failure[256] = "";
    if (guard(failure, sizeof failure,
              [&] { write_text(text, text_size, static_cast<const B*>(instance)->describe()); }) != PROPDESK_STATUS_OK)
      write_text(text, text_size, "");
  };
  t.close = [](void* instance) noexcept { delete static_cast<B*>(instance); };
  t.begin = [](void* instance, int32_t write, void** txn, char* error, std::size_t error_size) noexcept
      -> propdesk_status {
    return guard(error, error_size, [&] { *txn = static_cast<B*>(instance)->begin(write != 0).release(); });
  };
  t.get = [](void* txn, propdesk_bytes key, propdesk_bytes* value, int32_t* found, char* error,
             std::size_t error_size) noexcept -> propdesk_status {
    return guard(error, error_size, [&] {
      const std::optional<std::string_view> v = static_cast<Txn*>(txn)->get(std::string_view(key.data, key.size));
      *found = v ? 1 : 0;
      *value = v ? propdesk_bytes{v->data(), v->size()} : propdesk_bytes{nullptr, 0};
    });
  };
  t.scan = [](void* txn, propdesk_bytes from, propdesk_bytes to,
              int32_t (*visit)(void*, propdesk_bytes, propdesk_bytes), void* visit_user, char* error,
              std::size_t error_size) noexcept -> propdesk_status {
    return guard(error, error_size, [&] {
      static_cast<Txn*>(txn)->scan(std::string_view(from.data, from.size), std::string_view(to.data, to.size),
                                   [&](std::string_view k, std::string_view v) -> bool {
                                     return visit(visit_user, propdesk_bytes{k.data(), k.size()},
                                                  propdesk_bytes{v.data(), v.size()}) != 0;
                                   });
    });
  };
  t.put = [](void* txn, propdesk_bytes key, propdesk_bytes value, char* error,
             std::size_t error_size) noexcept -> propdesk_status {
    return guard(error, error_size, [&] {
      static_cast<Txn*>(txn)->put(std::string_view(key.data, key.size), std::string_view(value.data, value.size));
    });
  };
  t.erase = [](void* txn, propdesk_bytes key, char* error, std::size_t error_size) noexcept -> propdesk_status {
    return guard(error, error_size, [&] { static_cast<Txn*>(txn)->erase(std::string_view(key.data, key.size)); });
  };
  t.commit = [](void* txn, char* error, std::size_t error_size) noexcept -> propdesk_status {
    const std::unique_ptr<Txn> ending(static_cast<Txn*>(txn));  // commit ends it, whatever happens
    return guard(error, error_size, [&] { ending->commit(); });
  };
  t.abort = [](void* txn) noexcept { delete static_cast<Txn*>(txn); };
  t.release = nullptr;
  char error[512] = "";
  detail::check_added(host.add_kv_store(host.context, &t, error, sizeof error), error);
}

/// Registers `strategy` (class S, see the top of this file) as dispatch strategy `name`; propdesk
/// owns it from here on.
template <class S>
void add_dispatch_strategy(const propdesk_host& host, const char* name, const char* description,
                           std::unique_ptr<S> strategy) {
  propdesk_dispatch_strategy t{};
  t.size = sizeof t;
  t.name = name;
  t.description = description;
  t.choose = [](void* user, const propdesk_ticket* ticket, const propdesk_dispatch_candidate* candidates,
                std::size_t count, std::size_t* chosen, char* text, std::size_t text_size) noexcept
      -> propdesk_status {
    return guard(text, text_size, [&] {
      const Choice c = static_cast<S*>(user)->choose(*ticket, candidates, count);
      *chosen = c.chosen ? *c.chosen : PROPDESK_NO_CANDIDATE;
      write_text(text, text_size, c.reason);
    });
  };
  t.release = [](void* user) noexcept { delete static_cast<S*>(user); };
  t.user = strategy.release();
  char error[512] = "";
  detail::check_added(host.add_dispatch_strategy(host.context, &t, error, sizeof error), error);
}

}  // namespace propdesk::sdk

/// Defines the plugin's entry point (propdesk_plugin_entry) with a descriptor of this header's API
/// version. NAME, VERSION and DESCRIPTION are string literals (VERSION and DESCRIPTION may be
/// nullptr); REGISTER names a function `void (const propdesk_host&)` that adds what the plugin
/// provides and throws (e.g. sdk::Error) to refuse: the register function around it catches
/// everything. Use once per plugin, at namespace scope.
#define PROPDESK_DEFINE_PLUGIN(NAME, VERSION, DESCRIPTION, REGISTER)                                 \
  extern "C" PROPDESK_PLUGIN_EXPORT const propdesk_plugin_descriptor* propdesk_plugin_entry(void) { \
    static const propdesk_plugin_descriptor descriptor = {                                          \
        PROPDESK_PLUGIN_API_MAJOR,                                                                  \
        PROPDESK_PLUGIN_API_MINOR,                                                                  \
        sizeof(propdesk_plugin_descriptor),                                                         \
        NAME,                                                                                       \
        VERSION,                                                                                    \
        DESCRIPTION,                                                                                \
        [](const propdesk_host* host, char* error, size_t error_size) noexcept -> propdesk_status { \
          return ::propdesk::sdk::guard(error, error_size, [&] { REGISTER(*host); });              \
        }};                                                                                         \
    return &descriptor;                                                                             \
  }
