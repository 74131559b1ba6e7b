#include "model/text_file.hpp"

#include <fstream>
#include <system_error>

namespace propdesk {

TextFile read_text_file(const std::filesystem::path& path, std::size_t max_bytes,
                        std::string_view what) {
  const std::string name = path.string();
  auto fail = [&](std::string code, std::string message) {
    TextFile f;
    f.error = {DiagnosticSeverity::kError, {name, 0, 0}, std::move(code), std::move(message)};
    return f;
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return fail("io", "is a directory, not " + std::string(what));
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail("io", "cannot read: " + ec.message());
  // Refuse before reading: a 100 MB file must cost nothing.
  if (size > max_bytes) {
    return fail("too-large", "file is " + std::to_string(size) + " bytes; the limit is " +
                                 std::to_string(max_bytes) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("io", "cannot open the file");
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(in.gcount()));
  TextFile f;
  f.text = std::move(text);
  return f;
}

}  // namespace propdesk
