// Robustness: thousands of damaged copies of the shipped workflows (bytes flipped, cut short, lines
// swapped or duplicated). Each must load or fail with diagnostics that have a place; none may crash,
// hang or produce an error without a message. A cheap, deterministic cousin of fuzzing.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "propdesk/workflow_loader.hpp"
#include "propdesk/workflow_validator.hpp"

namespace propdesk {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string mutate(std::string text, std::mt19937& rng) {
  if (text.empty()) return text;
  std::uniform_int_distribution<std::size_t> pos(0, text.size() - 1);
  switch (rng() % 5) {
    case 0:  // flip a byte to a YAML-significant or arbitrary character
      text[pos(rng)] = "{}[]:,-&*!|>'\"#%@` \n\t\xff"[rng() % 22];
      break;
    case 1:  // cut short
      text.resize(pos(rng));
      break;
    case 2: {  // delete a span
      const std::size_t at = pos(rng);
      text.erase(at, std::min<std::size_t>(rng() % 40, text.size() - at));
      break;
    }
    case 3: {  // duplicate a span
      const std::size_t at = pos(rng);
      text.insert(at, text.substr(at, rng() % 80));
      break;
    }
    default: {  // swap two lines
      std::vector<std::string> lines;
      std::stringstream in(text);
      for (std::string line; std::getline(in, line);) lines.push_back(line);
      if (lines.size() > 2) std::swap(lines[rng() % lines.size()], lines[rng() % lines.size()]);
      text.clear();
      for (const auto& l : lines) text += l + "\n";
    }
  }
  return text;
}

class WorkflowLoaderMutation : public testing::TestWithParam<const char*> {};

TEST_P(WorkflowLoaderMutation, DamagedCopiesLoadOrFailCleanly) {
  const std::string original = read(std::string(PROPDESK_WORKFLOW_DIR) + "/" + GetParam() + ".yaml");
  ASSERT_FALSE(original.empty());
  std::mt19937 rng(20261126);
  int failures = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string text = original;
    for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k) text = mutate(std::move(text), rng);
    LoadResult r = load_workflow_string(text, "mutant.yaml");
    if (r.ok()) {
      (void)validate_workflow(*r.workflow);  // must not crash either
      continue;
    }
    ++failures;
    ASSERT_FALSE(r.diagnostics.empty()) << "failed without a diagnostic:\n" << text;
    for (const auto& d : r.diagnostics) {
      ASSERT_FALSE(d.message.empty());
      ASSERT_FALSE(d.code.empty());
      ASSERT_EQ(d.where.file, "mutant.yaml");
    }
  }
  // Most damage must be noticed: a loader that accepted everything would pass the loop above.
  EXPECT_GT(failures, 500);
}

INSTANTIATE_TEST_SUITE_P(Shipped, WorkflowLoaderMutation,
                         testing::Values("repair", "complaint", "inquiry", "paid_service"));

}  // namespace
}  // namespace propdesk
