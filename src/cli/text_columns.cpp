#include "cli/text_columns.hpp"

#include <algorithm>
#include <cstdint>

#include "model/utf8.hpp"

namespace propdesk::cli {

namespace {

// Decodes the character at `i` and advances `i`; an ill-formed byte counts as one narrow character
// (stored text is valid UTF-8; this only has to keep going).
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const std::size_t len = utf8_char_length(s, i);
  const auto b = static_cast<unsigned char>(s[i]);
  char32_t cp = len == 1 ? b : b & (0xFF >> (len + 1));
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

std::size_t cell_width(char32_t cp) {
  if (cp >= 0x300 && cp < 0x370) return 0;  // combining diacritics
  const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
                    (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

}  // namespace

std::vector<std::string_view> split_characters(std::string_view text) {
  return split_utf8_characters(text);
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) width += cell_width(next_code_point(text, i));
  return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const std::size_t w = cell_width(next_code_point(text, i));
    if (used + w + 1 > width) break;  // keep one cell for the ellipsis
    out.append(text.substr(start, i - start));
    used += w;
  }
  return out + "…";
}

void TextTable::print(std::ostream& out) const {
  // A cell may hold several lines (a description typed over two lines): its lines stack in its
  // column, and the row is as tall as its tallest cell.
  std::vector<std::vector<std::vector<std::string_view>>> cells;  // row, column, line
  std::vector<std::size_t> widths;
  for (const auto& row : rows_) {
    auto& split = cells.emplace_back();
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t c = 0; c < row.size(); ++c) {
      auto& lines = split.emplace_back();
      for (std::string_view rest = row[c];;) {
        const std::size_t end = rest.find('\n');
        lines.push_back(rest.substr(0, end));
        widths[c] = std::max(widths[c], display_width(lines.back()));
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
      }
    }
  }
  for (const auto& row : cells) {
    std::size_t height = 0;
    for (const auto& lines : row) height = std::max(height, lines.size());
    for (std::size_t k = 0; k < height; ++k) {
      std::string line = indent_;
      for (std::size_t c = 0; c < row.size(); ++c) {
        const std::string_view piece = k < row[c].size() ? row[c][k] : std::string_view();
        line += piece;
        if (c + 1 < row.size()) line.append(widths[c] - display_width(piece) + 2, ' ');
      }
      // Trailing blanks of empty last cells help nobody.
      line.erase(line.find_last_not_of(' ') + 1);
      out << line << '\n';
    }
  }
}

}  // namespace propdesk::cli
