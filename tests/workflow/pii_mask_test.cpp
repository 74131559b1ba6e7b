// Masking residents' personal data: one implementation in the library, used by the CLI and by
// notification rendering.
#include "propdesk/pii_mask.hpp"

#include <gtest/gtest.h>

#include "propdesk/workflow_loader.hpp"

namespace propdesk {
namespace {

TEST(PiiMask, PhoneNumbersKeepFirstThreeAndLastFour) {
  EXPECT_EQ(mask_pii("13812345678"), "138****5678");
  EXPECT_EQ(mask_pii("+8613812345678"), "+86*******5678");
  EXPECT_EQ(mask_pii("12345678"), "123*5678");  // 8 characters: the shortest with head and tail
}

TEST(PiiMask, ShortValuesKeepOnlyTheFirstCharacter) {
  EXPECT_EQ(mask_pii("张三"), "张*");
  EXPECT_EQ(mask_pii("王建国"), "王**");
  EXPECT_EQ(mask_pii("1234567"), "1******");
  EXPECT_EQ(mask_pii("x"), "x");
  EXPECT_EQ(mask_pii(""), "");
}

TEST(PiiMask, CountsCharactersNotBytes) {
  // Eight Chinese characters (24 bytes): head 3, tail 4, one star.
  EXPECT_EQ(mask_pii("欧阳娜娜的联系人"), "欧阳娜*的联系人");
  // Never cuts a multi-byte character in half, so the result is valid UTF-8.
  EXPECT_EQ(mask_pii("李"), "李");
}

TEST(PiiMask, IllFormedBytesCountAsOneCharacterEach) {
  // Two bad bytes around "ab": four characters, only the first kept.
  EXPECT_EQ(mask_pii("\xff" "ab\xfe"), "\xff***");
}

TEST(PiiMask, FieldsMarkedPiiAreMaskedOthersNot) {
  auto w = load_workflow_file(std::string(PROPDESK_WORKFLOW_DIR) + "/repair.yaml").workflow;
  ASSERT_TRUE(w);
  EXPECT_TRUE(is_pii_field(w.get(), "phone"));
  EXPECT_TRUE(is_pii_field(w.get(), "reporter"));
  EXPECT_FALSE(is_pii_field(w.get(), "location"));
  EXPECT_FALSE(is_pii_field(w.get(), "description"));
  const Fields fields{{"phone", Value("13812345678")}, {"reporter", Value("张三")},
                      {"location", Value("3-2-1201")}, {"satisfaction", Value()}};
  const Fields shown = present_fields(fields, w.get(), false);
  EXPECT_EQ(shown.at("phone"), Value("138****5678"));
  EXPECT_EQ(shown.at("reporter"), Value("张*"));
  EXPECT_EQ(shown.at("location"), Value("3-2-1201"));
  EXPECT_TRUE(shown.at("satisfaction").is_null());
  EXPECT_EQ(present_fields(fields, w.get(), true), fields);
}

TEST(PiiMask, WithoutTheWorkflowEverythingButLocationIsMasked) {
  EXPECT_TRUE(is_pii_field(nullptr, "description"));
  EXPECT_FALSE(is_pii_field(nullptr, "location"));
  const Fields shown = present_fields({{"description", Value("厨房水管漏水")}, {"count", Value(42)}}, nullptr, false);
  EXPECT_EQ(shown.at("description"), Value("厨*****"));
  EXPECT_EQ(shown.at("count"), Value("4*"));
}

}  // namespace
}  // namespace propdesk
