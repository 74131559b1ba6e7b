// Every YAML example in docs/calendars.md loads without a finding, so the page cannot drift from
// the loader.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "calendar_test_support.hpp"
#include "doc_blocks.hpp"
#include "propdesk/calendar_loader.hpp"

namespace propdesk {
namespace {

using namespace calendar_test;

struct Example {
  int line = 0;
  std::string text;
};

std::vector<Example> yaml_examples(const std::string& path) {
  std::vector<Example> out;
  for (const auto& b : doc_blocks::blocks(path, "yaml")) out.push_back({b.line, b.text});
  return out;
}

TEST(CalendarDocs, EveryYamlExampleLoads) {
  const auto examples = yaml_examples(PROPDESK_SOURCE_DIR "/docs/calendars.md");
  ASSERT_GE(examples.size(), 3u);
  for (const Example& e : examples) {
    CalendarLoadResult r = load_calendar_string(e.text, "calendars.md:" + std::to_string(e.line),
                                                PROPDESK_SOURCE_DIR "/workflows/calendars");
    EXPECT_TRUE(r.ok()) << "example at docs/calendars.md:" << e.line << "\n" << dump(r.diagnostics);
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
  }
}

TEST(CalendarDocs, TheArithmeticTableHolds) {
  const auto examples = yaml_examples(PROPDESK_SOURCE_DIR "/docs/calendars.md");
  CalendarLoadResult night = load_calendar_string(examples.at(2).text, "night.yaml");
  ASSERT_TRUE(night.ok()) << dump(night.diagnostics);
  EXPECT_EQ(night.calendar->next_change(at("2026-11-26 20:00")), at("2026-11-27 09:00"));
}

}  // namespace
}  // namespace propdesk
