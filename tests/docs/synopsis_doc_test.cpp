// The usage synopses of docs/cli.md and docs/reports.md (fenced blocks of lines starting with
// "propdesk ") name verbs and options the built binary has: each verb's --help lists every option
// the synopsis gives it.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_test_support.hpp"
#include "doc_blocks.hpp"

namespace propdesk {
namespace {

// One verb of a synopsis ("ticket create") and the options it is shown with.
struct Usage {
  int line = 0;
  std::vector<std::string> verb;
  std::vector<std::string> options;
};

// The verbs are the lower-case words after "propdesk" ("daily|callbacks" is one usage each); the
// options every --name on the line and on the indented lines that continue it.
std::vector<Usage> synopses(const std::string& page) {
  std::vector<Usage> out;
  const std::regex option("--[a-z][a-z-]*");
  for (const auto& block : doc_blocks::blocks(PROPDESK_SOURCE_DIR "/docs/" + page, "")) {
    if (block.text.rfind("propdesk ", 0) != 0) continue;
    std::istringstream lines(block.text);
    std::size_t first_of_command = out.size();
    int number = block.line;
    for (std::string line; std::getline(lines, line); ++number) {
      if (line.rfind("propdesk ", 0) == 0) {
        first_of_command = out.size();
        std::istringstream words(line.substr(9));
        std::vector<std::vector<std::string>> verbs = {{}};
        for (std::string word; words >> word && std::regex_match(word, std::regex("[a-z|_]+"));) {
          std::vector<std::vector<std::string>> longer;
          std::istringstream alternatives(word);
          for (std::string alternative; std::getline(alternatives, alternative, '|');) {
            for (auto v : verbs) {
              v.push_back(alternative);
              longer.push_back(v);
            }
          }
          verbs = longer;
        }
        for (const auto& v : verbs) out.push_back({number, v, {}});
      }
      for (std::sregex_iterator m(line.begin(), line.end(), option), end; m != end; ++m) {
        for (std::size_t i = first_of_command; i < out.size(); ++i)
          out[i].options.push_back(m->str());
      }
    }
  }
  return out;
}

class SynopsisDoc : public ::testing::TestWithParam<const char*> {};

TEST_P(SynopsisDoc, EveryVerbHasTheOptionsShown) {
  const auto usages = synopses(GetParam());
  ASSERT_FALSE(usages.empty()) << GetParam() << " shows no synopsis";
  cli_testing::Workspace ws;
  for (const Usage& u : usages) {
    std::vector<std::string> args = u.verb;
    args.push_back("--help");
    const cli_testing::CliRun help = ws.run(args);
    std::string verb;
    for (const auto& w : u.verb) verb += " " + w;
    SCOPED_TRACE(std::string(GetParam()) + ":" + std::to_string(u.line) + ": propdesk" + verb);
    EXPECT_EQ(help.status, 0) << help.err;
    for (const auto& o : u.options) {
      EXPECT_TRUE(std::regex_search(help.out,
                                    std::regex("(^|[ ,])" + o + "([ =]|$)", std::regex::multiline)))
          << o << " is not an option of propdesk" << verb << ":\n"
          << help.out;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Pages, SynopsisDoc, ::testing::Values("cli.md", "reports.md"),
                         [](const ::testing::TestParamInfo<const char*>& page) {
                           const std::string name = page.param;
                           return name.substr(0, name.find('.'));
                         });

}  // namespace
}  // namespace propdesk
