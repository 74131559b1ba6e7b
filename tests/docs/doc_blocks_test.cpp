// doc_blocks.hpp reads what the docs tests compare: a page's fenced blocks with their notes, and a
// source file's regions.
#include "doc_blocks.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace propdesk::doc_blocks {
namespace {

std::filesystem::path write(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::path(::testing::TempDir()) /
                    ("propdesk_doc_blocks_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(path) << text;
  return path;
}

TEST(DocBlocks, BlocksKeepTheirLanguageLineAndNote) {
  const auto page = write("page.md",
                          "# Title\n"
                          "\n"
                          "<!-- session: desk, clock: 2026-11-27 09:05 -->\n"
                          "```\n"
                          "$ propdesk verify --db desk.db\n"
                          "```\n"
                          "Text with ```inline``` fences.\n"
                          "```cpp\n"
                          "int x = 1;\n"
                          "\n"
                          "```\n");
  const auto all = blocks(page);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].line, 5);
  EXPECT_EQ(all[0].language, "");
  EXPECT_EQ(all[0].note, "session: desk, clock: 2026-11-27 09:05");
  EXPECT_EQ(all[0].text, "$ propdesk verify --db desk.db\n");
  EXPECT_EQ(all[1].line, 9);
  EXPECT_EQ(all[1].note, "");
  EXPECT_EQ(all[1].text, "int x = 1;\n\n");
  ASSERT_EQ(blocks(page, "cpp").size(), 1u);
  EXPECT_TRUE(blocks(page, "yaml").empty());
}

TEST(DocBlocks, RegionsJoinTheirPiecesDedentedInTheOrderOfTheirLastPiece) {
  const auto source = write("source.cpp",
                            "// doc-region second\n"
                            "#include <a.hpp>\n"
                            "\n"
                            "// doc-region end\n"
                            "void f() {\n"
                            "  // doc-region first\n"
                            "  int a = 0;\n"
                            "  if (a)\n"
                            "    ++a;\n"
                            "  // doc-region end\n"
                            "  // doc-region second\n"
                            "  g();\n"
                            "  // doc-region end\n"
                            "}\n");
  const auto all = regions(source);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "first");
  EXPECT_EQ(all[0].line, 7);
  EXPECT_EQ(all[0].text, "int a = 0;\nif (a)\n  ++a;\n");
  EXPECT_EQ(all[1].name, "second");
  EXPECT_EQ(all[1].line, 12);
  EXPECT_EQ(all[1].text, "#include <a.hpp>\n\ng();\n");
}

}  // namespace
}  // namespace propdesk::doc_blocks
