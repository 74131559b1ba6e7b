#include "webhook/dingtalk_sign.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>
#include <vector>

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
  std::vector<unsigned char> b64(4 * ((mac_size + 2) / 3) + 1);
  const int n = EVP_EncodeBlock(b64.data(), mac, static_cast<int>(mac_size));
  const std::string sign(reinterpret_cast<const char*>(b64.data()), static_cast<std::size_t>(n));
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "timestamp=" + ts + "&sign=" + url_encode(sign);
}

}  // namespace propdesk::plugins
