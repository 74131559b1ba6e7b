// The plugin ABI's C structs (propdesk/plugin_api.h) as views of propdesk's C++ data: each class
// owns the storage its view points into, so the view stays valid while the object lives. Also the
// error buffer every call into a plugin gets, and bytes (key-value stores) both ways.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "propdesk/dispatch_strategy.hpp"
#include "propdesk/notification.hpp"
#include "propdesk/plugin_api.h"
#include "propdesk/settings.hpp"
#include "propdesk/ticket.hpp"

namespace propdesk::plugin {

/// A std::string as propdesk_str (data NUL-terminated, as the ABI promises).
inline propdesk_str abi_str(const std::string& s) noexcept { return {s.c_str(), s.size()}; }

/// Bytes as propdesk_bytes (data never NULL, even for no bytes).
inline propdesk_bytes abi_bytes(std::string_view b) noexcept { return {b.empty() ? "" : b.data(), b.size()}; }

/// The bytes a plugin gave (NULL data counts as no bytes).
inline std::string_view bytes_view(propdesk_bytes b) noexcept {
  return b.data == nullptr ? std::string_view() : std::string_view(b.data, b.size);
}

/// The buffer a plugin writes an error or reason into: starts empty, always NUL-terminated when
/// read, whatever the plugin wrote.
class TextBuffer {
 public:
  static constexpr std::size_t kSize = 1024;
  TextBuffer() noexcept { buf_[0] = '\0'; }
  [[nodiscard]] char* data() noexcept { return buf_.data(); }
  [[nodiscard]] static constexpr std::size_t size() noexcept { return kSize; }
  /// The text, cut at the first NUL or the end of the buffer, ill-formed UTF-8 replaced by '?',
  /// control characters (newlines) replaced by spaces: it goes into one-line messages.
  [[nodiscard]] std::string text();

 private:
  std::array<char, kSize> buf_;
};

/// Settings as a propdesk_setting array.
class SettingsView {
 public:
  explicit SettingsView(const Settings& settings);
  [[nodiscard]] const propdesk_setting* data() const noexcept { return items_.empty() ? nullptr : items_.data(); }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }

 private:
  std::vector<propdesk_setting> items_;
};

/// A Ticket as propdesk_ticket.
class TicketView {
 public:
  explicit TicketView(const Ticket& ticket);
  TicketView(const TicketView&) = delete;
  TicketView& operator=(const TicketView&) = delete;
  [[nodiscard]] const propdesk_ticket& get() const noexcept { return view_; }

 private:
  std::vector<std::string> texts_;  // canonical value texts, parallel to fields_
  std::vector<propdesk_field> fields_;
  propdesk_ticket view_{};
};

/// A Notification as propdesk_notification.
class NotificationView {
 public:
  explicit NotificationView(const Notification& notification);
  NotificationView(const NotificationView&) = delete;
  NotificationView& operator=(const NotificationView&) = delete;
  [[nodiscard]] const propdesk_notification& get() const noexcept { return view_; }

 private:
  std::string at_;
  std::vector<propdesk_setting> fields_;
  propdesk_notification view_{};
};

/// Dispatch candidates as a propdesk_dispatch_candidate array.
class CandidatesView {
 public:
  explicit CandidatesView(std::span<const DispatchCandidate> candidates);
  CandidatesView(const CandidatesView&) = delete;
  CandidatesView& operator=(const CandidatesView&) = delete;
  [[nodiscard]] const propdesk_dispatch_candidate* data() const noexcept {
    return items_.empty() ? nullptr : items_.data();
  }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }

 private:
  std::vector<std::vector<propdesk_str>> skills_;
  std::vector<propdesk_dispatch_candidate> items_;
};

}  // namespace propdesk::plugin
