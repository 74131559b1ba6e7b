#include "webhook/http_post.hpp"

#include <curl/curl.h>

#include <stdexcept>

namespace propdesk::plugins {

namespace {

constexpr std::size_t kMaxAnswer = 64 * 1024;

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  const std::size_t n = size * count;
  if (out->size() < kMaxAnswer) out->append(data, std::min(n, kMaxAnswer - out->size()));
  return n;  // read everything, keep the first kMaxAnswer bytes
}

}  // namespace

struct HttpPoster::Handle {
  CURL* curl = nullptr;
  curl_slist* headers = nullptr;
  ~Handle() {
    if (headers != nullptr) curl_slist_free_all(headers);
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

HttpPoster::HttpPoster(std::string url, HttpOptions options)
    : url_(std::move(url)), options_(std::move(options)), handle_(std::make_unique<Handle>()) {
  curl_init_once();
  handle_->curl = curl_easy_init();
  if (handle_->curl == nullptr) throw std::runtime_error("libcurl: cannot create a handle");
  handle_->headers = curl_slist_append(nullptr, "Content-Type: application/json; charset=utf-8");
  handle_->headers = curl_slist_append(handle_->headers, "Expect:");  // no 100-continue round trip
  for (const std::string& h : options_.headers) handle_->headers = curl_slist_append(handle_->headers, h.c_str());
  if (handle_->headers == nullptr) throw std::runtime_error("libcurl: out of memory");
}

HttpPoster::~HttpPoster() = default;

HttpAnswer HttpPoster::post(const std::string& body, const std::string& url, const std::vector<std::string>& headers) {
  CURL* c = handle_->curl;
  HttpAnswer answer;
  // The constructor's headers, then this request's (a copy, freed when the request is done).
  curl_slist* all = nullptr;
  for (const curl_slist* h = handle_->headers; h != nullptr; h = h->next) all = curl_slist_append(all, h->data);
  for (const std::string& h : headers) all = curl_slist_append(all, h.c_str());
  const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> request_headers(all, &curl_slist_free_all);
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(c, CURLOPT_URL, url.empty() ? url_.c_str() : url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  apply_transfer_options(c, options_.transfer);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "propdesk-webhook/" PROPDESK_PLUGIN_VERSION);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, request_headers.get());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr);
  if (rc == CURLE_OK) {
    answer.transport_ok = true;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &answer.status);
    return answer;
  }
  answer.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
  answer.tls_failure = is_tls_verification_failure(rc);
  answer.error = error[0] != '\0' ? std::string(error) : std::string(curl_easy_strerror(rc));
  return answer;
}

}  // namespace propdesk::plugins
