// SHA-256 through OpenSSL's EVP interface: the one place propdesk computes digests (journal entry
// hashes, workflow source hashes).
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

namespace propdesk {

/// An incremental SHA-256 digest: update() any number of times, then hex() once.
/// Throws std::runtime_error if OpenSSL fails (it does not for SHA-256 in practice).
class Sha256 {
 public:
  Sha256();
  /// Feeds `bytes`.
  void update(std::string_view bytes);
  /// The digest of everything fed so far, as 64 lowercase hex digits. Call once.
  [[nodiscard]] std::string hex();

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

/// The SHA-256 of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace propdesk
