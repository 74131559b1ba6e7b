// The stores the contract suites run over (every_store()), each made fresh in a folder.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "propdesk/kv_store.hpp"
#include "propdesk/memory_kv_backend.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/plugin_loader.hpp"
#include "propdesk/plugin_registry.hpp"
#include "propdesk/sqlite_store.hpp"
#include "propdesk/store.hpp"
#include "propdesk/store_wrapper.hpp"

namespace propdesk::testing_support {

/// A store the contract suites (TEST_P) run against.
struct StoreKind {
  std::string name;
  std::function<std::unique_ptr<Store>(const std::filesystem::path& dir)> make;
};

inline void PrintTo(const StoreKind& kind, std::ostream* os) { *os << kind.name; }

/// The lmdb plugin's store type (plugins/lmdb), loaded once from its shared object in the build
/// through the real loader, as a program loads it.
inline const PluginRegistry& lmdb_plugin() {
  static const std::unique_ptr<PluginRegistry> registry = [] {
    auto r = std::make_unique<PluginRegistry>();
    const PluginLoadReport report = load_plugins(
        *r, {{std::filesystem::path(PROPDESK_PLUGIN_BUILD_DIR) / "propdesk_store_lmdb.so"},
             {{"lmdb", {}}},
             false});
    if (!report.ok()) throw std::runtime_error("the lmdb plugin did not load");
    return r;
  }();
  return *registry;
}

/// Every store: in memory, SQLite, SQLite without group commit, SQLite behind a StoreWrapper,
/// KvStore over the in-memory reference backend, and KvStore over a store type a plugin provides
/// (the shipped lmdb plugin, an LMDB file).
inline std::vector<StoreKind> every_store() {
  return {
      {"Memory",
       [](const std::filesystem::path&) -> std::unique_ptr<Store> {
         return std::make_unique<MemoryStore>();
       }},
      {"Sqlite",
       [](const std::filesystem::path& dir) -> std::unique_ptr<Store> {
         return std::make_unique<SqliteStore>(dir / "desk.db");
       }},
      {"SqliteWithoutGroupCommit",
       [](const std::filesystem::path& dir) -> std::unique_ptr<Store> {
         SqliteStoreOptions options;
         options.group_commit = false;
         return std::make_unique<SqliteStore>(dir / "desk.db", options);
       }},
      // A StoreWrapper that overrides nothing must keep every promise of the store it wraps.
      {"WrappedSqlite",
       [](const std::filesystem::path& dir) -> std::unique_ptr<Store> {
         return std::make_unique<StoreWrapper>(std::make_shared<SqliteStore>(dir / "desk.db"));
       }},
      {"KvMemory",
       [](const std::filesystem::path&) -> std::unique_ptr<Store> {
         return std::make_unique<KvStore>(std::make_shared<MemoryKvBackend>());
       }},
      {"KvLmdbPlugin",
       [](const std::filesystem::path& dir) -> std::unique_ptr<Store> {
         return std::make_unique<KvStore>(std::shared_ptr<KvBackend>(
             lmdb_plugin().open_kv_store("lmdb", {{"path", (dir / "desk.lmdb").string()}})));
       }},
  };
}

inline std::string store_name(const ::testing::TestParamInfo<StoreKind>& info) {
  return info.param.name;
}

}  // namespace propdesk::testing_support
