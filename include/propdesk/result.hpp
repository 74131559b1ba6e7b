// propdesk/result.hpp: the outcome of a request the engine may turn down.
//
// Domain rejections (wrong state, role not permitted, a condition that failed ...) are ordinary
// outcomes of a front desk's day, not exceptional: the engine returns them as values that say
// exactly why, and keeps exceptions for broken configuration and failing storage.
#pragma once

#include <cassert>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "propdesk/export.hpp"

namespace propdesk {

/// Why the engine turned a request down.
struct PROPDESK_API Rejection {
  enum class Reason {
    kUnknownTicket,     ///< no ticket with that id or code
    kUnknownWorkflow,   ///< the workflow (or the ticket's version of it) is not loaded
    kUnknownEvent,      ///< the workflow has no such event
    kWrongState,        ///< the event is not allowed in the ticket's current state
    kRoleNotPermitted,  ///< the actor's role may not fire it (or is not a role of the workflow)
    kMissingInput,      ///< a field the transition requires is not in the input (see `field`)
    kConditionFailed,   ///< the transition's `when` does not hold (see `condition`)
    kInvalidInput,      ///< an unknown field, a value of the wrong type, out of range ... (`field`)
    kConflict,          ///< the ticket kept changing under concurrent updates; try again
    kStoreRefused,      ///< the store refused the change (e.g. a value over its size limit)
    /// An `{assign: {strategy: ...}}` found nobody to assign: nobody on the staff with the role or
    /// the skill, everyone at their cap of open orders, nobody on duty, or the grabbing actor may
    /// not take it (the message says which; `field` is "assignee")
    kNobodyEligible,
  };
  Reason reason = Reason::kInvalidInput;
  std::string message;    ///< one line for people, e.g. "event 'accept' is not allowed in state 'reported'"
  std::string field;      ///< the field concerned, for kMissingInput, kInvalidInput, kNobodyEligible
  std::string condition;  ///< the failing condition, e.g. "satisfaction >= 3", for kConditionFailed
};

/// "unknown-ticket", "wrong-state", ... (kebab-case, stable: used in JSON output).
PROPDESK_API std::string_view to_string(Rejection::Reason reason);

/// Either a value or a Rejection. The rejection lives on the heap: rejections are the rare path,
/// and a small Result keeps the common one (a value) cheap to return.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Rejection rejection)                // NOLINT(google-explicit-constructor)
      : v_(std::make_unique<Rejection>(std::move(rejection))) {}
  Result(const Result& other) : v_(copy(other.v_)) {}
  Result& operator=(const Result& other) {
    if (this != &other) v_ = copy(other.v_);
    return *this;
  }
  Result(Result&&) noexcept = default;
  Result& operator=(Result&&) noexcept = default;
  ~Result() = default;

  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  /// The value; requires ok().
  [[nodiscard]] const T& value() const& { assert(ok()); return std::get<0>(v_); }
  [[nodiscard]] T& value() & { assert(ok()); return std::get<0>(v_); }
  [[nodiscard]] const T* operator->() const { return &value(); }
  /// The rejection; requires !ok().
  [[nodiscard]] const Rejection& rejection() const { assert(!ok()); return *std::get<1>(v_); }

 private:
  using Storage = std::variant<T, std::unique_ptr<Rejection>>;
  static Storage copy(const Storage& from) {
    if (from.index() == 0) return Storage(std::in_place_index<0>, std::get<0>(from));
    return Storage(std::in_place_index<1>, std::make_unique<Rejection>(*std::get<1>(from)));
  }
  Storage v_;
};

}  // namespace propdesk
