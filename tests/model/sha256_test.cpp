// The one SHA-256 of the library, against the FIPS 180-2 test vectors.
#include "model/sha256.hpp"

#include <gtest/gtest.h>

#include <string>

namespace propdesk {
namespace {

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, IncrementalEqualsOneShot) {
  Sha256 digest;
  digest.update("ab");
  digest.update("");
  digest.update("c");
  EXPECT_EQ(digest.hex(), sha256_hex("abc"));
}

}  // namespace
}  // namespace propdesk
