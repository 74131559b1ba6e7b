// Aligned columns for human output. Chinese characters take two terminal cells, so alignment
// counts display width, not bytes.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace propdesk::cli {

/// The number of terminal cells `text` (UTF-8) takes: 2 for East Asian wide and full-width
/// characters, 0 for combining marks, 1 otherwise.
std::size_t display_width(std::string_view text);

/// `text` cut to at most `width` cells, with "…" when something was cut.
std::string truncate_to_width(std::string_view text, std::size_t width);

/// Rows of cells printed with every column padded to its widest cell (the last column is not
/// padded), columns separated by two spaces.
class TextTable {
 public:
  explicit TextTable(std::string indent = {}) : indent_(std::move(indent)) {}
  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  [[nodiscard]] bool empty() const { return rows_.empty(); }
  void print(std::ostream& out) const;

 private:
  std::string indent_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace propdesk::cli
