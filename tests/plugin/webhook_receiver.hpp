// A real webhook receiver for the tests: webhook_receiver.py (script_server.hpp), HTTP or HTTPS.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "script_server.hpp"

namespace propdesk::plugin_testing {

class WebhookReceiver {
 public:
  /// Starts the receiver logging to `log`; with a certificate and key it speaks HTTPS.
  explicit WebhookReceiver(std::filesystem::path log, const std::string& cert = {}, const std::string& key = {})
      : server_(PROPDESK_WEBHOOK_RECEIVER, std::move(log),
                cert.empty() ? std::vector<std::string>{} : std::vector<std::string>{"--tls", cert, key}) {}

  /// "http://127.0.0.1:<port><path>" (https with a certificate).
  [[nodiscard]] std::string url(const std::string& path, const std::string& scheme = "http",
                                const std::string& host = "127.0.0.1") const {
    return scheme + "://" + host + ":" + std::to_string(server_.port()) + path;
  }

  /// The requests received so far: {method, path, headers, body}.
  [[nodiscard]] std::vector<nlohmann::json> requests() const { return server_.received(); }

 private:
  ScriptServer server_;
};

}  // namespace propdesk::plugin_testing
