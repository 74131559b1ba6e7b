// The settings of an lmdb database, read and checked:
//   path      the database file (required). LMDB keeps it and a lock file "<path>-lock" side by
//             side (MDB_NOSUBDIR); the folder must exist.
//   map_size  the most the file may grow to: bytes, or a number with KiB, MiB, GiB or TiB
//             ("512MiB"); default 1GiB. A database that reaches it refuses writes until it is raised.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "propdesk/plugin_sdk.hpp"

namespace propdesk::plugins {

struct LmdbSettings {
  static constexpr std::size_t kDefaultMapSize = std::size_t{1} << 30;

  std::string path;
  std::size_t map_size = kDefaultMapSize;

  /// Throws sdk::Error(PROPDESK_STATUS_INVALID) naming the setting: a missing path, a folder that
  /// does not exist, a path that is a folder, a bad map_size, an unknown setting.
  static LmdbSettings read(const sdk::SettingsView& settings);
};

/// "1073741824", "64KiB", "512MiB", "1GiB", "2TiB" as bytes (at least 1, at most 1 PiB); 0 when the
/// text is none of those.
std::size_t parse_byte_size(std::string_view text) noexcept;

}  // namespace propdesk::plugins
