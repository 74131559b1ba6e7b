// mask_pii() and friends, now in the library: characters, not bytes, are masked.
#include "propdesk/pii_mask.hpp"

#include <gtest/gtest.h>

#include "report_test_support.hpp"

namespace propdesk {
namespace {

TEST(PiiMask, LongValuesKeepThreeAndFourShortOnesTheFirstCharacter) {
  EXPECT_EQ(mask_pii("13812345678"), "138****5678");
  EXPECT_EQ(mask_pii("王建国"), "王**");
  EXPECT_EQ(mask_pii("欧阳娜娜的手机号码"), "欧阳娜**手机号码");  // 9 characters, 27 bytes
  EXPECT_EQ(mask_pii("x"), "x");
  EXPECT_EQ(mask_pii(""), "");
}

TEST(PiiMask, FieldsArePersonalAsTheWorkflowDeclares) {
  report_testing::ReportDesk desk;
  const auto repair = desk.lookup()("repair", 1);
  ASSERT_TRUE(repair);
  EXPECT_TRUE(is_pii_field(repair.get(), "phone"));
  EXPECT_FALSE(is_pii_field(repair.get(), "location"));
  EXPECT_TRUE(is_pii_field(nullptr, "phone"));  // unknown workflow: everything but location
  EXPECT_FALSE(is_pii_field(nullptr, "location"));
  const Fields shown =
      present_fields({{"phone", "13812345678"}, {"reporter", Value()}}, repair.get(), false);
  EXPECT_EQ(shown.at("phone"), Value("138****5678"));
  EXPECT_TRUE(shown.at("reporter").is_null());
}

TEST(WorkflowLookup, FindsByNameAndExactVersion) {
  report_testing::ReportDesk desk;
  const WorkflowLookup lookup = desk.lookup();
  const int version = desk.shipped_version("complaint");
  ASSERT_TRUE(lookup("complaint", version));
  EXPECT_EQ(lookup("complaint", version)->prefix(), "TS");
  EXPECT_EQ(lookup("complaint", version + 1), nullptr);
  EXPECT_EQ(lookup("nothing", 1), nullptr);
  EXPECT_EQ(workflow_lookup({nullptr})("repair", 1), nullptr);
}

}  // namespace
}  // namespace propdesk
