// One HTTP POST with libcurl, for the webhook notifier: timeouts always, TLS verification always,
// no redirects followed, the answer's body kept (up to a limit).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace propdesk::plugins {

/// How to talk to one receiver.
struct HttpOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds timeout{10000};  ///< the whole request, connect included
  std::string ca_file;                       ///< extra CA bundle (PEM) to trust; empty: the system's
  std::vector<std::string> headers;          ///< "Name: value"
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

  /// Initialises libcurl for the process (once; call before threads use it).
  static void init_once();

 private:
  struct Handle;
  std::string url_;
  HttpOptions options_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace propdesk::plugins
