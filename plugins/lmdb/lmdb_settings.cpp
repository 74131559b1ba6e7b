#include "lmdb_settings.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace propdesk::plugins {

namespace fs = std::filesystem;

std::size_t parse_byte_size(std::string_view text) noexcept {
  constexpr std::uint64_t kMax = std::uint64_t{1} << 50;  // 1 PiB: beyond any disk it would sit on
  std::size_t i = 0;
  std::uint64_t number = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    number = number * 10 + static_cast<std::uint64_t>(text[i] - '0');
    if (number > kMax) return 0;
    ++i;
  }
  if (i == 0) return 0;
  const std::string_view unit = text.substr(i);
  unsigned shift = 0;
  if (unit == "" || unit == "B") {
    shift = 0;
  } else if (unit == "KiB") {
    shift = 10;
  } else if (unit == "MiB") {
    shift = 20;
  } else if (unit == "GiB") {
    shift = 30;
  } else if (unit == "TiB") {
    shift = 40;
  } else {
    return 0;
  }
  if (number == 0 || number > (kMax >> shift)) return 0;
  return static_cast<std::size_t>(number << shift);
}

LmdbSettings LmdbSettings::read(const sdk::SettingsView& settings) {
  settings.allow_only({"path", "map_size"});
  LmdbSettings out;
  out.path = settings.require("path");
  if (const auto text = settings.find("map_size")) {
    out.map_size = parse_byte_size(*text);
    if (out.map_size == 0) {
      throw sdk::Error(PROPDESK_STATUS_INVALID,
                       "setting 'map_size' must be a size in bytes, or with KiB, MiB, GiB or TiB (\"1GiB\"), "
                       "from 1 byte to 1 PiB, not '" + std::string(*text) + "'");
    }
  }
  const fs::path file(out.path);
  std::error_code ec;
  if (fs::is_directory(file, ec)) {
    throw sdk::Error(PROPDESK_STATUS_INVALID, "setting 'path': '" + out.path +
                                                  "' is a folder; name the database file in it (e.g. '" +
                                                  (file / "propdesk.lmdb").string() + "')");
  }
  const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  if (!fs::is_directory(folder, ec)) {
    throw sdk::Error(PROPDESK_STATUS_INVALID, "setting 'path': the folder '" + folder.string() + "' of '" +
                                                  out.path + "' does not exist (create it first)");
  }
  return out;
}

}  // namespace propdesk::plugins
