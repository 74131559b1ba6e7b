#include "common/curl_transfer.hpp"

#include <algorithm>
#include <mutex>
#include <stdexcept>

namespace propdesk::plugins {

TransferOptions read_transfer_options(const sdk::SettingsView& s) {
  TransferOptions o;
  o.timeout = std::chrono::milliseconds(s.get_int("timeout_ms", 10000, 1, 600000));
  o.connect_timeout = std::chrono::milliseconds(
      s.get_int("connect_timeout_ms", std::min<long long>(5000, o.timeout.count()), 1, o.timeout.count()));
  o.ca_file = s.get("ca_file");
  return o;
}

void curl_init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl cannot be initialised");
  });
}

void apply_transfer_options(CURL* c, const TransferOptions& o) {
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without signals: safe in threads
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(o.timeout.count()));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!o.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_file.c_str());
}

bool is_tls_verification_failure(CURLcode code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_CERTPROBLEM;
}

}  // namespace propdesk::plugins
