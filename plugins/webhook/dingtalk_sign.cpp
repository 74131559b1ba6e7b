#include "webhook/dingtalk_sign.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

#include "common/base64.hpp"

namespace propdesk::plugins {

namespace {

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

}  // namespace

std::string dingtalk_signed_url(const std::string& url, const std::string& secret, std::int64_t timestamp_ms) {
  const std::string ts = std::to_string(timestamp_ms);
  const std::string to_sign = ts + "\n" + secret;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(to_sign.data()), to_sign.size(), mac, &mac_size) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  const std::string sign = base64({reinterpret_cast<const char*>(mac), mac_size});
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "timestamp=" + ts + "&sign=" + url_encode(sign);
}

}  // namespace propdesk::plugins
