#include "email/smtp_send.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace propdesk::plugins {

namespace {

// The message being uploaded.
struct Upload {
  std::string_view text;
  std::size_t done = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, up->text.size() - up->done);
  std::memcpy(buffer, up->text.data() + up->done, n);
  up->done += n;
  return n;
}

// Failures that another attempt later may not meet: the connection, the network, the time.
bool transient(CURLcode rc) {
  return rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_OPERATION_TIMEDOUT ||
         rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING;
}

}  // namespace

struct SmtpSender::Handle {
  CURL* curl = nullptr;
  ~Handle() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

SmtpSender::SmtpSender(SmtpOptions options) : options_(std::move(options)), handle_(std::make_unique<Handle>()) {
  curl_init_once();
  handle_->curl = curl_easy_init();
  if (handle_->curl == nullptr) throw std::runtime_error("libcurl: cannot create a handle");
}

SmtpSender::~SmtpSender() = default;

SmtpAnswer SmtpSender::send(const std::string& from, const std::vector<std::string>& to, const std::string& message) {
  CURL* c = handle_->curl;
  curl_slist* rcpt = nullptr;
  for (const std::string& address : to) rcpt = curl_slist_append(rcpt, ("<" + address + ">").c_str());
  const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(rcpt, &curl_slist_free_all);
  if (recipients == nullptr) return {false, false, "no recipients"};
  Upload upload{message, 0};
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(c, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  apply_transfer_options(c, options_.transfer);
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(options_.starttls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
  if (!options_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password.c_str());
  }
  const std::string mail_from = "<" + from + ">";
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(c, CURLOPT_READDATA, nullptr);
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
  if (rc == CURLE_OK) return {true, false, {}};

  const std::string why = error[0] != '\0' ? std::string(error) : std::string(curl_easy_strerror(rc));
  if (is_tls_verification_failure(rc)) return {false, false, "TLS verification failed: " + why};
  if (rc == CURLE_USE_SSL_FAILED) return {false, false, "the server does not offer STARTTLS: " + why};
  if (rc == CURLE_LOGIN_DENIED) return {false, false, "login denied: " + why};
  if (code >= 400 && code < 600) {
    // The server said no: 4xx for now, 5xx for good.
    return {false, code < 500, "SMTP " + std::to_string(code) + ": " + why};
  }
  if (rc == CURLE_OPERATION_TIMEDOUT) {
    return {false, true, "no answer within " + std::to_string(options_.transfer.timeout.count()) + " ms: " + why};
  }
  return {false, transient(rc), why};
}

}  // namespace propdesk::plugins
