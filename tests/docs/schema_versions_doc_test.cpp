// The schema versions docs/embedding.md (SQLite) and docs/stores.md (KvStore) name are the
// stores' current ones, so a new schema version cannot leave the pages behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "propdesk/sqlite_store.hpp"
#include "store/kv_keys.hpp"

namespace propdesk {
namespace {

std::string page(const std::string& name) {
  std::ifstream in(std::filesystem::path(PROPDESK_SOURCE_DIR) / "docs" / name);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(SchemaVersionsDoc, EmbeddingNamesTheSqliteSchemaVersion) {
  const std::string said = "the current one is " + std::to_string(SqliteStore::kSchemaVersion);
  EXPECT_NE(page("embedding.md").find(said), std::string::npos) << said;
}

TEST(SchemaVersionsDoc, StoresNamesTheKvSchemaVersion) {
  const std::string said =
      "the schema version, in decimal: `" + std::to_string(kv::kSchemaVersion) + "`";
  EXPECT_NE(page("stores.md").find(said), std::string::npos) << said;
  const std::string heading = "### Key layout (schema " + std::to_string(kv::kSchemaVersion) + ")";
  EXPECT_NE(page("stores.md").find(heading), std::string::npos) << heading;
}

}  // namespace
}  // namespace propdesk
