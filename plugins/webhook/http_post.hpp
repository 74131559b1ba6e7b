// One HTTP POST with libcurl, for the webhook notifier: timeouts always, TLS verification always
// (common/curl_transfer), no redirects followed, the answer's body kept (up to a limit).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/curl_transfer.hpp"

namespace propdesk::plugins {

/// How to talk to one receiver.
struct HttpOptions {
  TransferOptions transfer;          ///< timeouts and extra CA
  std::vector<std::string> headers;  ///< "Name: value"
};

/// What came back.
struct HttpAnswer {
  bool transport_ok = false;  ///< a response was received (any status)
  bool timed_out = false;
  bool tls_failure = false;   ///< the peer's certificate did not verify
  long status = 0;            ///< HTTP status when transport_ok
  std::string body;           ///< the response body, at most 64 KiB
  std::string error;          ///< curl's message when !transport_ok
};

/// A connection to reuse between posts to one URL. Not thread-safe: one post at a time (the plugin
/// ABI promises that per notifier instance).
class HttpPoster {
 public:
  HttpPoster(std::string url, HttpOptions options);
  ~HttpPoster();
  HttpPoster(const HttpPoster&) = delete;
  HttpPoster& operator=(const HttpPoster&) = delete;

  /// POSTs `body` (JSON) to `url` (the constructor's when empty), with `headers` ("Name: value")
  /// besides the constructor's. Never throws but std::bad_alloc.
  HttpAnswer post(const std::string& body, const std::string& url = {}, const std::vector<std::string>& headers = {});

 private:
  struct Handle;
  std::string url_;
  HttpOptions options_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace propdesk::plugins
