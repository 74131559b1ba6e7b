// Every YAML example in docs/calendars.md loads without a finding, so the page cannot drift from
// the loader.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "calendar_test_support.hpp"
#include "propdesk/calendar_loader.hpp"

namespace propdesk {
namespace {

using namespace calendar_test;

struct Example {
  int line = 0;
  std::string text;
};

std::vector<Example> yaml_examples(const std::string& path) {
  std::ifstream in(path);
  std::vector<Example> out;
  std::string line;
  int number = 0;
  bool inside = false;
  while (std::getline(in, line)) {
    ++number;
    if (!inside && line == "```yaml") {
      inside = true;
      out.push_back({number + 1, ""});
    } else if (inside && line == "```") {
      inside = false;
    } else if (inside) {
      out.back().text += line + "\n";
    }
  }
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
