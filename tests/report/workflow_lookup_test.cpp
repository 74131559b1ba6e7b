// WorkflowLookup: the reports find a ticket's workflow by name and exact version. (Masking is
// tested in tests/workflow/pii_mask_test.cpp.)
#include "propdesk/workflow_lookup.hpp"

#include <gtest/gtest.h>

#include "report_test_support.hpp"

namespace propdesk {
namespace {

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
