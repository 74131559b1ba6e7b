// The fenced blocks of a docs page, and the marked regions of a source file that a page shows:
// what the docs tests read so that a page's examples are the code and output the tests check.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace propdesk::doc_blocks {

/// One fenced block of a Markdown page.
struct DocBlock {
  int line = 0;          ///< the page's line number of the block's first line (after the fence)
  std::string language;  ///< what follows the opening ``` ("cpp", "yaml", "" for none)
  std::string text;      ///< the lines between the fences, each ending in '\n'
  /// The text of an HTML comment (`<!-- ... -->`, on one line) directly above the opening fence,
  /// trimmed; empty when there is none. Pages use it to tell a test how to check the block.
  std::string note;
};

/// Every fenced block of `page`, in order. A fence is a line that is exactly ``` followed by the
/// language, and a block ends at the next line that is exactly ```.
inline std::vector<DocBlock> blocks(const std::filesystem::path& page) {
  std::ifstream in(page);
  std::vector<DocBlock> out;
  std::string previous;
  bool inside = false;
  int number = 0;
  for (std::string line; std::getline(in, line); previous = line) {
    ++number;
    if (inside) {
      if (line == "```") {
        inside = false;
      } else {
        out.back().text += line + "\n";
      }
    } else if (line.rfind("```", 0) == 0 && line.find('`', 3) == std::string::npos) {
      inside = true;
      DocBlock b;
      b.line = number + 1;
      b.language = line.substr(3);
      const std::string open = "<!--", close = "-->";
      if (previous.rfind(open, 0) == 0 && previous.size() >= open.size() + close.size() &&
          previous.compare(previous.size() - close.size(), close.size(), close) == 0) {
        b.note = previous.substr(open.size(), previous.size() - open.size() - close.size());
        b.note.erase(0, b.note.find_first_not_of(' '));
        b.note.erase(b.note.find_last_not_of(' ') + 1);
      }
      out.push_back(std::move(b));
    }
  }
  return out;
}

/// The fenced blocks of `page` in `language`, in order.
inline std::vector<DocBlock> blocks(const std::filesystem::path& page,
                                    const std::string& language) {
  std::vector<DocBlock> out = blocks(page);
  std::erase_if(out, [&](const DocBlock& b) { return b.language != language; });
  return out;
}

/// A region of a source file shown on a page.
struct SourceRegion {
  std::string name;
  int line = 0;      ///< the file's line number of the region's last piece
  std::string text;  ///< its pieces in order, each with its common indentation removed
};

/// The regions of `source`: the lines between `// doc-region NAME` and `// doc-region end`
/// (each marker alone on its line, indented as the code around it). A region may come in pieces
/// (e.g. its #include lines at the top of the file, its statements inside a function): pieces of
/// one name are joined in order. Regions are listed in the order their last piece appears, which
/// is where the code they show runs.
inline std::vector<SourceRegion> regions(const std::filesystem::path& source) {
  std::ifstream in(source);
  std::vector<SourceRegion> out;
  std::vector<std::string> piece;
  std::size_t open = 0;  // 1 + the index of the region being read, 0 outside one
  int number = 0;
  const auto close_piece = [&] {
    std::size_t indent = std::string::npos;
    for (const auto& l : piece) {
      if (l.find_first_not_of(' ') != std::string::npos)
        indent = std::min(indent, l.find_first_not_of(' '));
    }
    for (const auto& l : piece)
      out[open - 1].text += (l.size() > indent ? l.substr(indent) : std::string()) + "\n";
    piece.clear();
  };
  const std::string marker = "// doc-region ";
  for (std::string line; std::getline(in, line);) {
    ++number;
    const auto start = line.find_first_not_of(' ');
    if (start == std::string::npos || line.compare(start, marker.size(), marker) != 0) {
      if (open) piece.push_back(line);
      continue;
    }
    const std::string name = line.substr(start + marker.size());
    if (name == "end") {
      if (open) close_piece();
      open = 0;
      continue;
    }
    if (open) close_piece();
    const auto found =
        std::find_if(out.begin(), out.end(), [&](const SourceRegion& r) { return r.name == name; });
    open = static_cast<std::size_t>(found - out.begin()) + 1;
    if (found == out.end()) out.push_back({name, 0, ""});
    out[open - 1].line = number + 1;
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SourceRegion& a, const SourceRegion& b) { return a.line < b.line; });
  return out;
}

/// Expects the blocks of `language` on `page` to be the regions of `source`, one for one, in order:
/// the page shows exactly the code the test compiles.
inline void expect_blocks_are_regions(const std::filesystem::path& page,
                                      const std::string& language,
                                      const std::filesystem::path& source) {
  const auto shown = blocks(page, language);
  const auto compiled = regions(source);
  ASSERT_EQ(shown.size(), compiled.size())
      << page << "'s ```" << language << " blocks and " << source << "'s regions";
  for (std::size_t i = 0; i < shown.size(); ++i) {
    EXPECT_EQ(shown[i].text, compiled[i].text)
        << page.filename().string() << ":" << shown[i].line << " is not region '"
        << compiled[i].name << "' of " << source << ":" << compiled[i].line;
  }
}

}  // namespace propdesk::doc_blocks
