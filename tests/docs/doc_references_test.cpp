// The files the checked docs pages name (`src/...`, `tests/...`, `propdesk/store.hpp`, ...) exist,
// so a renamed or removed file does not leave a page pointing at nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace {

const std::filesystem::path kSource = PROPDESK_SOURCE_DIR;

class DocReferences : public ::testing::TestWithParam<const char*> {};

TEST_P(DocReferences, EveryNamedFileExists) {
  const std::filesystem::path page = kSource / "docs" / GetParam();
  std::ifstream in(page);
  ASSERT_TRUE(in) << page;
  const std::regex repo_path(
      "`((src|tests|examples|include|workflows|plugins|scripts|docs)/[A-Za-z0-9_./"
      "-]*[A-Za-z0-9_])`");
  const std::regex header("`(propdesk/[a-z0-9_]+\\.hpp)`");
  int line_number = 0;
  int named = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    for (std::sregex_iterator m(line.begin(), line.end(), repo_path), end; m != end; ++m, ++named) {
      EXPECT_TRUE(std::filesystem::exists(kSource / (*m)[1].str()))
          << page.filename() << ":" << line_number << ": " << (*m)[1];
    }
    for (std::sregex_iterator m(line.begin(), line.end(), header), end; m != end; ++m, ++named) {
      EXPECT_TRUE(std::filesystem::exists(kSource / "include" / (*m)[1].str()))
          << page.filename() << ":" << line_number << ": " << (*m)[1];
    }
  }
  EXPECT_GT(named, 0) << page << " names no file: is this test still reading it right?";
}

INSTANTIATE_TEST_SUITE_P(CheckedPages, DocReferences,
                         ::testing::Values("embedding.md", "cli.md", "reports.md", "stores.md"),
                         [](const ::testing::TestParamInfo<const char*>& page) {
                           const std::string name = page.param;
                           return name.substr(0, name.find('.'));
                         });

}  // namespace
