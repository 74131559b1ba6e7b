// What the shipped plugins that talk over the network with libcurl (webhook, e-mail) do the same
// way: initialise libcurl once, read the timeout and CA settings, set timeouts, TLS verification of
// the peer and its host name (always; there is no setting to turn it off) and no signals on every
// transfer, and tell a TLS verification failure from other failures.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <string>

#include "propdesk/plugin_sdk.hpp"

namespace propdesk::plugins {

/// Timeouts and extra trust for one channel.
struct TransferOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds timeout{10000};  ///< the whole transfer, connect included
  std::string ca_file;                       ///< extra CA bundle (PEM) to trust; empty: the system's
};

/// The settings `timeout_ms` (1 to 600000, default 10000), `connect_timeout_ms` (1 to
/// timeout_ms, default 5000 or timeout_ms if smaller) and `ca_file`. Throws
/// sdk::Error(PROPDESK_STATUS_INVALID) naming the setting and its range.
TransferOptions read_transfer_options(const sdk::SettingsView& settings);

/// curl_global_init, once per process; call it before threads use libcurl (at registration).
/// Throws std::runtime_error when libcurl cannot be initialised.
void curl_init_once();

/// Sets `options` on a handle, with TLS verification of peer and host and CURLOPT_NOSIGNAL.
void apply_transfer_options(CURL* curl, const TransferOptions& options);

/// Whether a transfer failed because the peer's certificate (or the CA file) did not verify.
bool is_tls_verification_failure(CURLcode code);

}  // namespace propdesk::plugins
