// sdk::add_kv_store (propdesk/plugin_sdk.hpp) on a host table of its own: the C table it builds
// keeps the class's exceptions on the plugin's side, and a propdesk that is older than plugin API
// 1.1 (a host table without add_kv_store) is told apart instead of called through garbage.
#include <gtest/gtest.h>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "propdesk/plugin_sdk.hpp"

namespace {

namespace sdk = propdesk::sdk;

// A store in a std::map, failing on demand.
class MapTxn {
 public:
  explicit MapTxn(std::map<std::string, std::string>& data) : data_(data) {}
  std::optional<std::string_view> get(std::string_view key) {
    if (key == "boom") throw std::runtime_error("get exploded");
    auto it = data_.find(std::string(key));
    if (it == data_.end()) return std::nullopt;
    return it->second;
  }
  template <class Visit>
  void scan(std::string_view from, std::string_view to, Visit&& visit) {
    for (auto it = data_.lower_bound(std::string(from)); it != data_.end(); ++it) {
      if (!to.empty() && it->first >= to) return;
      if (!visit(it->first, it->second)) return;
    }
  }
  void put(std::string_view key, std::string_view value) { data_[std::string(key)] = value; }
  void erase(std::string_view) { throw sdk::Error(PROPDESK_STATUS_RETRY, "busy"); }
  void commit() {}

 private:
  std::map<std::string, std::string>& data_;
};

class MapStore {
 public:
  explicit MapStore(const sdk::SettingsView& settings) { settings.allow_only({}); }
  std::string describe() const { return "map"; }
  std::unique_ptr<MapTxn> begin(bool) { return std::make_unique<MapTxn>(data_); }

 private:
  std::map<std::string, std::string> data_;
};

// A host table that keeps what add_kv_store is given.
struct Host {
  propdesk_host table{};
  propdesk_kv_store_type added{};
  Host() {
    table.size = sizeof table;
    table.api_major = 1;
    table.api_minor = 1;
    table.context = this;
    table.add_kv_store = [](void* self, const propdesk_kv_store_type* type, char*, size_t) -> propdesk_status {
      static_cast<Host*>(self)->added = *type;
      return PROPDESK_STATUS_OK;
    };
  }
};

TEST(SdkKvStore, BuildsATableWhoseFunctionsNeverThrow) {
  Host host;
  sdk::add_kv_store<MapStore>(host.table, "map", "a map");
  const propdesk_kv_store_type& t = host.added;
  EXPECT_STREQ(t.name, "map");
  char error[256] = "";
  void* instance = nullptr;
  const propdesk_setting bad{{"x", 1}, {"1", 1}};
  EXPECT_EQ(t.open(t.user, &bad, 1, &instance, error, sizeof error), PROPDESK_STATUS_INVALID);
  EXPECT_STREQ(error, "unknown setting 'x' (known: )");
  ASSERT_EQ(t.open(t.user, nullptr, 0, &instance, error, sizeof error), PROPDESK_STATUS_OK);
  t.describe(instance, error, sizeof error);
  EXPECT_STREQ(error, "map");

  void* txn = nullptr;
  ASSERT_EQ(t.begin(instance, 1, &txn, error, sizeof error), PROPDESK_STATUS_OK);
  EXPECT_EQ(t.put(txn, {"k\0x", 3}, {"v", 1}, error, sizeof error), PROPDESK_STATUS_OK);
  EXPECT_EQ(t.put(txn, {"l", 1}, {"w", 1}, error, sizeof error), PROPDESK_STATUS_OK);
  propdesk_bytes value{};
  int32_t found = -1;
  ASSERT_EQ(t.get(txn, {"k\0x", 3}, &value, &found, error, sizeof error), PROPDESK_STATUS_OK);
  EXPECT_EQ(found, 1);
  EXPECT_EQ(std::string(value.data, value.size), "v");
  EXPECT_EQ(t.get(txn, {"boom", 4}, &value, &found, error, sizeof error), PROPDESK_STATUS_FAILED);
  EXPECT_STREQ(error, "get exploded");
  EXPECT_EQ(t.erase(txn, {"k", 1}, error, sizeof error), PROPDESK_STATUS_RETRY);
  EXPECT_STREQ(error, "busy");
  int visits = 0;
  EXPECT_EQ(t.scan(txn, {"", 0}, {"", 0},
                   [](void* user, propdesk_bytes, propdesk_bytes) -> int32_t {
                     ++*static_cast<int*>(user);
                     return 0;  // stop after the first
                   },
                   &visits, error, sizeof error),
            PROPDESK_STATUS_OK);
  EXPECT_EQ(visits, 1);
  EXPECT_EQ(t.commit(txn, error, sizeof error), PROPDESK_STATUS_OK);  // and the transaction is gone
  ASSERT_EQ(t.begin(instance, 0, &txn, error, sizeof error), PROPDESK_STATUS_OK);
  t.abort(txn);
  t.close(instance);
}

class Nameless : public MapStore {
 public:
  using MapStore::MapStore;
  std::string describe() const { throw std::runtime_error("no name"); }
};

TEST(SdkKvStore, ADescribeThatThrowsLeavesTheDescriptionEmpty) {
  Host host;
  sdk::add_kv_store<Nameless>(host.table, "nameless", nullptr);
  char text[256] = "";
  void* instance = nullptr;
  ASSERT_EQ(host.added.open(nullptr, nullptr, 0, &instance, text, sizeof text), PROPDESK_STATUS_OK);
  host.added.describe(instance, text, sizeof text);
  EXPECT_STREQ(text, "");  // not "no name"
  host.added.close(instance);
}

TEST(SdkKvStore, AnOlderHostWithoutAddKvStoreIsAnErrorNotACall) {
  Host host;
  host.table.api_minor = 0;
  host.table.size = static_cast<uint32_t>(offsetof(propdesk_host, add_kv_store));  // 1.0's table
  try {
    sdk::add_kv_store<MapStore>(host.table, "map", nullptr);
    FAIL() << "added";
  } catch (const sdk::Error& e) {
    EXPECT_STREQ(e.what(), "this propdesk loads plugin API 1.0; store types need plugin API 1.1 or later");
  }
  EXPECT_EQ(host.added.name, nullptr);
}

}  // namespace
