// The shipped `lmdb` store type (plugins/lmdb, propdesk_store_lmdb.so), loaded from its real file
// through the real loader: the KvBackend contract (propdesk/kv_backend.hpp) on a real LMDB file,
// and every bad setting and failure a clear error.
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "plugin_test_support.hpp"
#include "propdesk/kv_store_type.hpp"
#include "propdesk/store_error.hpp"

extern char** environ;

namespace propdesk {
namespace {

using plugin_testing::failures;
using plugin_testing::ScratchDir;
using plugin_testing::shipped;

using namespace std::string_literals;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Each key and value a scan visits, as "key=value" (NULs kept).
std::vector<std::string> scanned(KvTransaction& txn, std::string_view from, std::string_view to,
                                 std::size_t stop_after = SIZE_MAX) {
  std::vector<std::string> out;
  txn.scan(from, to, [&](std::string_view k, std::string_view v) {
    out.push_back(std::string(k) + "=" + std::string(v));
    return out.size() < stop_after;
  });
  return out;
}

class LmdbPlugin : public testing::Test {
 protected:
  void SetUp() override {
    const PluginLoadReport report = load_plugins(registry_, {{shipped("propdesk_store_lmdb")}, {{"lmdb", {}}}, false});
    ASSERT_TRUE(report.ok()) << failures(report);
  }

  std::string file() const { return dir_.path("desk.lmdb").string(); }
  std::unique_ptr<KvBackend> open(Settings settings = {}) {
    if (!settings.contains("path")) settings["path"] = file();
    return registry_.open_kv_store("lmdb", settings);
  }
  // The message of the std::invalid_argument that opening with `settings` throws.
  std::string refusal(const Settings& settings) {
    try {
      (void)registry_.open_kv_store("lmdb", settings);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "(opened)";
  }
  static void write(KvBackend& db, const std::vector<std::pair<std::string, std::string>>& items) {
    auto txn = db.begin(true);
    for (const auto& [k, v] : items) txn->put(k, v);
    txn->commit();
  }

  ScratchDir dir_;
  PluginRegistry registry_;
};

TEST_F(LmdbPlugin, IsListedAsAStoreType) {
  const auto provided = registry_.provided_by("lmdb");
  ASSERT_EQ(provided.size(), 1u);
  EXPECT_EQ(provided[0].kind, ProvidedKind::kKvStore);
  EXPECT_EQ(provided[0].name, "lmdb");
  EXPECT_EQ(to_string(provided[0].kind), "store");
  EXPECT_TRUE(contains(provided[0].description, "LMDB")) << provided[0].description;
  ASSERT_TRUE(registry_.kv_store_type("lmdb"));
  EXPECT_EQ(registry_.kv_store_type("lmdb")->name(), "lmdb");
  EXPECT_EQ(open()->describe(), "lmdb " + file());
}

TEST_F(LmdbPlugin, AnUnknownStoreTypeIsRefusedNamingTheKnownOnes) {
  try {
    (void)registry_.open_kv_store("rocksdb", {});
    FAIL() << "opened";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "no store type 'rocksdb' (provided: lmdb; load the plugin that provides it)");
  }
}

TEST_F(LmdbPlugin, PutGetErase) {
  auto db = open();
  {
    auto txn = db->begin(true);
    EXPECT_EQ(txn->get("a"), std::nullopt);
    txn->put("a", "1");
    txn->put("b", "2");
    txn->put("a", "one");                  // replaces
    EXPECT_EQ(txn->get("a"), "one");       // a write transaction sees its own writes
    txn->put("empty", "");
    txn->commit();
  }
  {
    auto txn = db->begin(false);
    EXPECT_EQ(txn->get("a"), "one");
    EXPECT_EQ(txn->get("b"), "2");
    EXPECT_EQ(txn->get("empty"), "");
    EXPECT_EQ(txn->get("c"), std::nullopt);
    txn->commit();  // ends a read transaction
  }
  {
    auto txn = db->begin(true);
    txn->erase("a");
    txn->erase("never-there");  // nothing happens
    EXPECT_EQ(txn->get("a"), std::nullopt);
    txn->commit();
  }
  auto txn = db->begin(false);
  EXPECT_EQ(txn->get("a"), std::nullopt);
  EXPECT_EQ(txn->get("b"), "2");
}

TEST_F(LmdbPlugin, ScansRangesInOrderAndStopsWhenAsked) {
  auto db = open();
  write(*db, {{"d", "4"}, {"b", "2"}, {"ba", "21"}, {"a", "1"}, {"c", "3"}});
  auto txn = db->begin(false);
  EXPECT_EQ(scanned(*txn, "", ""), (std::vector<std::string>{"a=1", "b=2", "ba=21", "c=3", "d=4"}));
  EXPECT_EQ(scanned(*txn, "b", "d"), (std::vector<std::string>{"b=2", "ba=21", "c=3"}));  // `to` excluded
  EXPECT_EQ(scanned(*txn, "bb", ""), (std::vector<std::string>{"c=3", "d=4"}));          // empty `to`: no bound
  EXPECT_EQ(scanned(*txn, "", "b"), (std::vector<std::string>{"a=1"}));
  EXPECT_EQ(scanned(*txn, "b", "b"), std::vector<std::string>{});
  EXPECT_EQ(scanned(*txn, "e", ""), std::vector<std::string>{});
  EXPECT_EQ(scanned(*txn, "", "", 2), (std::vector<std::string>{"a=1", "b=2"}));  // visit said stop
}

TEST_F(LmdbPlugin, KeysAndValuesAreBytesOrderedBytewise) {
  auto db = open();
  const std::string nul_b = "a\0b"s, nul = "a\0"s, high = "\xff"s, low = "\x01"s;
  write(*db, {{high, "high"}, {nul_b, "v\0w"s}, {"a", "plain"}, {nul, "nul"}, {low, "low"}});
  auto txn = db->begin(false);
  EXPECT_EQ(txn->get(nul_b), "v\0w"s);
  EXPECT_EQ(txn->get(nul), "nul");
  // Bytewise: a shorter key before its extensions, 0xff after every ASCII byte.
  EXPECT_EQ(scanned(*txn, "", ""),
            (std::vector<std::string>{low + "=low", "a=plain", nul + "=nul", nul_b + "=v\0w"s, high + "=high"}));
  EXPECT_EQ(scanned(*txn, nul, nul_b), (std::vector<std::string>{nul + "=nul"}));
}

TEST_F(LmdbPlugin, AReadTransactionIsASnapshot) {
  auto db = open();
  write(*db, {{"x", "old"}});
  auto reader = db->begin(false);
  EXPECT_EQ(reader->get("x"), "old");
  write(*db, {{"x", "new"}, {"y", "added"}});
  EXPECT_EQ(reader->get("x"), "old");  // committed after the reader began: not seen
  EXPECT_EQ(reader->get("y"), std::nullopt);
  EXPECT_EQ(scanned(*reader, "", ""), std::vector<std::string>{"x=old"});
  auto later = db->begin(false);
  EXPECT_EQ(later->get("x"), "new");
}

TEST_F(LmdbPlugin, AnAbandonedWriteTransactionAppliesNothing) {
  auto db = open();
  write(*db, {{"kept", "1"}});
  {
    auto txn = db->begin(true);
    txn->put("lost", "1");
    txn->erase("kept");
  }  // destroyed without commit
  auto txn = db->begin(false);
  EXPECT_EQ(txn->get("lost"), std::nullopt);
  EXPECT_EQ(txn->get("kept"), "1");
  txn.reset();
  write(*db, {{"next", "1"}});  // the writer lock was let go
}

TEST_F(LmdbPlugin, DataSurvivesClosingAndReopening) {
  write(*open(), {{"ticket/1", "BX-1"}, {"ticket/2", "BX-2"}});
  PluginRegistry fresh;  // another registry, as another run of the program
  ASSERT_TRUE(load_plugins(fresh, {{shipped("propdesk_store_lmdb")}, {{"lmdb", {}}}, false}).ok());
  auto db = fresh.open_kv_store("lmdb", {{"path", file()}});
  auto txn = db->begin(false);
  EXPECT_EQ(scanned(*txn, "ticket/", ""), (std::vector<std::string>{"ticket/1=BX-1", "ticket/2=BX-2"}));
}

TEST_F(LmdbPlugin, TwoBackendsOnOneFileInOneProcessShareIt) {
  auto a = open();
  auto b = open();
  write(*a, {{"k", "from a"}});
  EXPECT_EQ(b->begin(false)->get("k"), "from a");
  a.reset();  // closing one leaves the other working
  write(*b, {{"k", "from b"}});
  EXPECT_EQ(open()->begin(false)->get("k"), "from b");
}

// A writer commits counter n with keys item/0..n-1 in each transaction; readers on another thread
// must always see a counter and exactly that many items.
TEST_F(LmdbPlugin, AReaderThreadAndAWriterThreadAtOnce) {
  auto db = open();
  write(*db, {{"n", "0"}});
  constexpr int kWrites = 150;
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::string problem;
  std::thread reader([&] {
    while (!done.load() || reads.load() == 0) {
      auto txn = db->begin(false);
      const int n = std::stoi(*txn->get("n"));
      const auto items = scanned(*txn, "item/", "item0");
      if (static_cast<int>(items.size()) != n) {
        problem = "saw n=" + std::to_string(n) + " with " + std::to_string(items.size()) + " items";
        return;
      }
      ++reads;
    }
  });
  std::thread writer([&] {
    for (int i = 0; i < kWrites; ++i) {
      auto txn = db->begin(true);
      txn->put("item/" + std::to_string(1000 + i), "x");
      txn->put("n", std::to_string(i + 1));
      txn->commit();
    }
    done = true;
  });
  writer.join();
  reader.join();
  EXPECT_EQ(problem, "");
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(db->begin(false)->get("n"), std::to_string(kWrites));
}

// Another process (lmdb_writer) writes while this one holds a write transaction: it waits for the
// commit (LMDB's writer lock is shared between processes), then writes.
TEST_F(LmdbPlugin, WritersOfTwoProcessesTakeTurns) {
  auto db = open();
  auto txn = db->begin(true);
  txn->put("parent", "1");
  const std::string path = file();
  const char* argv[] = {PROPDESK_LMDB_WRITER, path.c_str(), "child", "2", nullptr};
  pid_t pid = 0;
  ASSERT_EQ(::posix_spawn(&pid, argv[0], nullptr, nullptr, const_cast<char* const*>(argv), environ), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  int status = 0;
  EXPECT_EQ(::waitpid(pid, &status, WNOHANG), 0) << "the other process wrote while this one held the lock";
  txn->commit();
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  auto reader = db->begin(false);
  EXPECT_EQ(reader->get("parent"), "1");
  EXPECT_EQ(reader->get("child"), "2");  // written after our commit, seen through this process's environment
}

TEST_F(LmdbPlugin, ReadTransactionsMayEndOnAnotherThread) {
  auto db = open();
  write(*db, {{"k", "v"}});
  auto txn = db->begin(false);  // MDB_NOTLS: a read transaction is not tied to its thread
  std::thread([&] {
    EXPECT_EQ(txn->get("k"), "v");
    txn.reset();
  }).join();
  write(*db, {{"k", "w"}});
}

TEST_F(LmdbPlugin, BadSettingsAreRefusedNamingThem) {
  EXPECT_EQ(refusal({}), "store type 'lmdb', plugin 'lmdb': setting 'path' is required");
  EXPECT_EQ(refusal({{"path", file()}, {"map_size", "lots"}}),
            "store type 'lmdb', plugin 'lmdb': setting 'map_size' must be a size in bytes, or with KiB, MiB, GiB "
            "or TiB (\"1GiB\"), from 1 byte to 1 PiB, not 'lots'");
  EXPECT_TRUE(contains(refusal({{"path", file()}, {"map_size", "0"}}), "setting 'map_size'"));
  EXPECT_TRUE(contains(refusal({{"path", file()}, {"map_size", "1GB"}}), "not '1GB'"));
  EXPECT_TRUE(contains(refusal({{"path", file()}, {"map_size", "99999999999999999999"}}), "setting 'map_size'"));
  EXPECT_EQ(refusal({{"path", file()}, {"pth", "x"}}),
            "store type 'lmdb', plugin 'lmdb': unknown setting 'pth' (known: path, map_size)");
  const std::string nowhere = dir_.path("no/such/folder").string();
  EXPECT_EQ(refusal({{"path", nowhere + "/desk.lmdb"}}),
            "store type 'lmdb', plugin 'lmdb': setting 'path': the folder '" + nowhere + "' of '" + nowhere +
                "/desk.lmdb' does not exist (create it first)");
  EXPECT_TRUE(contains(refusal({{"path", dir_.path().string()}}), "is a folder; name the database file in it"));
  // Sizes with units are taken.
  EXPECT_NO_THROW(open({{"map_size", "64MiB"}}));
  EXPECT_NO_THROW(open({{"map_size", "1048576"}}));
}

TEST_F(LmdbPlugin, AFileThatIsNoDatabaseIsAStoreError) {
  dir_.write("junk.lmdb", std::string(8192, 'j'));
  try {
    (void)open({{"path", dir_.path("junk.lmdb").string()}});
    FAIL() << "opened";
  } catch (const StoreError& e) {
    EXPECT_TRUE(contains(e.what(), "store type 'lmdb', plugin 'lmdb': lmdb " + dir_.path("junk.lmdb").string() +
                                       ": mdb_env_open: "))
        << e.what();
  }
}

TEST_F(LmdbPlugin, AFullMapIsAStoreErrorNotACrash) {
  auto db = open({{"map_size", "64KiB"}});
  const std::string big(256 * 1024, 'v');
  try {
    auto txn = db->begin(true);
    txn->put("big", big);
    txn->commit();
    FAIL() << "a 256 KiB value fitted a 64 KiB map";
  } catch (const StoreError& e) {
    EXPECT_TRUE(contains(e.what(), "lmdb " + file() + " (store type 'lmdb', plugin 'lmdb'): put: lmdb " + file() +
                                       " is full (map_size "))
        << e.what();
    EXPECT_TRUE(contains(e.what(), "raise map_size")) << e.what();
  }
  write(*db, {{"small", "fits"}});  // the database goes on
  EXPECT_EQ(db->begin(false)->get("small"), "fits");
  EXPECT_EQ(db->begin(false)->get("big"), std::nullopt);
}

TEST_F(LmdbPlugin, AKeyLMDBCannotTakeIsAClearError) {
  auto db = open();
  auto txn = db->begin(true);
  try {
    txn->put(std::string(kMaxKvKeyBytes + 1, 'k'), "v");
    FAIL() << "put a 512-byte key";
  } catch (const StoreError& e) {
    EXPECT_TRUE(contains(e.what(), ": put: lmdb " + file() + ": a key of 512 bytes; LMDB takes keys of 1 to 511 bytes"))
        << e.what();
  }
  txn->put(std::string(kMaxKvKeyBytes, 'k'), "the longest key KvStore writes");
  txn->commit();
}

TEST_F(LmdbPlugin, AnExceptionOfTheVisitorCrossesThePluginIntact) {
  auto db = open();
  write(*db, {{"a", "1"}, {"b", "2"}, {"c", "3"}});
  auto txn = db->begin(false);
  int visited = 0;
  EXPECT_THROW(txn->scan("", "",
                         [&](std::string_view, std::string_view) -> bool {
                           if (++visited == 2) throw std::out_of_range("the visitor's own");
                           return true;
                         }),
               std::out_of_range);
  EXPECT_EQ(visited, 2);  // the plugin stopped at once
  EXPECT_EQ(scanned(*txn, "", ""), (std::vector<std::string>{"a=1", "b=2", "c=3"}));  // still usable
}

TEST_F(LmdbPlugin, MisuseOfATransactionIsALogicError) {
  auto db = open();
  auto reader = db->begin(false);
  EXPECT_THROW(reader->put("k", "v"), std::logic_error);
  EXPECT_THROW(reader->erase("k"), std::logic_error);
  auto writer = db->begin(true);
  writer->commit();
  EXPECT_THROW(writer->commit(), std::logic_error);
  EXPECT_THROW((void)writer->get("k"), std::logic_error);
}

TEST_F(LmdbPlugin, ABackendOutlivesItsRegistry) {
  std::unique_ptr<KvBackend> db;
  {
    PluginRegistry short_lived;
    ASSERT_TRUE(load_plugins(short_lived, {{shipped("propdesk_store_lmdb")}, {{"lmdb", {}}}, false}).ok());
    db = short_lived.open_kv_store("lmdb", {{"path", file()}});
  }
  write(*db, {{"k", "v"}});
  EXPECT_EQ(db->begin(false)->get("k"), "v");
}

}  // namespace
}  // namespace propdesk
