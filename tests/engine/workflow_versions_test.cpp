// Workflow versions across engines: every version an engine adds is kept in the store, so a later
// engine (another process, a restart) still works the tickets of versions whose file is gone, and
// a file edited without a new version is refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "model/sha256.hpp"
#include "propdesk/engine.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/sqlite_store.hpp"
#include "propdesk/workflow_loader.hpp"
#include "shipped_config.hpp"
#include "store/store_test_support.hpp"

namespace propdesk {
namespace {

using ::testing::HasSubstr;
using testing_support::TempDir;
using testing_support::write_bytes;

// A tiny repair workflow whose one event is `event`.
std::string repair_yaml(int version, const std::string& event) {
  return "workflow: repair\nversion: " + std::to_string(version) +
         "\nprefix: BX\n"
         "fields: {location: {type: string}}\n"
         "roles: [front_desk]\n"
         "states: {reported: {initial: true}, done: {final: true}}\n"
         "transitions: [{event: " +
         event + ", from: reported, to: done}]\n";
}

constexpr const char* kEditedMessage =
    "workflow 'repair' version 1 is already stored with different content; give the changed "
    "workflow a new version";

class WorkflowVersionsTest : public ::testing::Test {
 protected:
  // An engine on the database file, as a new process would open it.
  std::unique_ptr<Engine> open_engine() {
    auto engine = std::make_unique<Engine>(std::make_shared<SqliteStore>(db_),
                                           shipped_engine_options(std::make_shared<ManualClock>(t0())));
    EXPECT_TRUE(engine->stored_workflow_diagnostics().empty());
    return engine;
  }

  // Loads repair.yaml from the workflows folder; returns the diagnostics.
  std::vector<Diagnostic> load(Engine& engine) { return engine.load_workflow_file(file_); }

  TempDir dir_;
  std::filesystem::path db_ = dir_.file("desk.db");
  std::filesystem::path file_ = dir_.file("repair.yaml");
  Actor desk_{"wang", "front_desk"};

  static TimePoint t0() { return testing_support::t0(); }
};

TEST_F(WorkflowVersionsTest, ARestartWithOnlyVersion2OnDiskKeepsVersion1TicketsWorking) {
  TicketId old_ticket = 0;
  {
    auto engine = open_engine();
    write_bytes(file_, repair_yaml(1, "close"));
    ASSERT_FALSE(has_errors(load(*engine)));
    auto created = engine->create("repair", {{"location", Value("3-2-1502")}}, desk_);
    ASSERT_TRUE(created.ok());
    old_ticket = created->id;
  }
  write_bytes(file_, repair_yaml(2, "finish"));  // the integrator replaces v1 by v2

  auto engine = open_engine();
  ASSERT_FALSE(has_errors(load(*engine)));
  ASSERT_TRUE(engine->workflow("repair", 1));
  EXPECT_EQ(engine->workflow("repair")->version(), 2);
  // The old ticket follows version 1, from the store ...
  EXPECT_EQ(engine->fire(old_ticket, "finish", {}, desk_).rejection().reason,
            Rejection::Reason::kUnknownEvent);
  EXPECT_TRUE(engine->fire(old_ticket, "close", {}, desk_).ok());
  // ... new tickets the file's version 2.
  auto fresh = engine->create("repair", {{"location", Value("1-1-101")}}, desk_);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->workflow_version, 2);
  EXPECT_TRUE(engine->fire(fresh->id, "finish", {}, desk_).ok());
  EXPECT_EQ(engine->store().workflows().size(), 2u);
}

TEST_F(WorkflowVersionsTest, AFileEditedWithoutANewVersionIsRefused) {
  {
    auto engine = open_engine();
    write_bytes(file_, repair_yaml(1, "close"));
    ASSERT_FALSE(has_errors(load(*engine)));
  }
  write_bytes(file_, repair_yaml(1, "finish"));  // edited, version not bumped

  auto engine = open_engine();
  const std::vector<Diagnostic> findings = load(*engine);
  ASSERT_TRUE(has_errors(findings));
  EXPECT_EQ(findings.back().code, "version-conflict");
  EXPECT_EQ(findings.back().where.file, file_.string());
  EXPECT_EQ(findings.back().message, kEditedMessage);
  // The stored version stays in force, and stays stored as it was.
  EXPECT_TRUE(engine->workflow("repair", 1)->find_event("close"));
  ASSERT_EQ(engine->store().workflows().size(), 1u);
  EXPECT_EQ(engine->store().workflows().front().source_text, repair_yaml(1, "close"));
}

TEST_F(WorkflowVersionsTest, AddWorkflowRefusesOtherContentUnderAStoredVersion) {
  auto store = std::make_shared<MemoryStore>();
  Engine engine(store, shipped_engine_options());  // started before version 1 was stored
  Engine other(store);
  other.add_workflow(load_workflow_string(repair_yaml(1, "close"), "repair.yaml").workflow);

  auto edited = load_workflow_string(repair_yaml(1, "finish"), "repair.yaml").workflow;
  try {
    engine.add_workflow(edited);
    FAIL() << "the edited version 1 was added";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), kEditedMessage);
  }
  EXPECT_FALSE(engine.workflow("repair", 1));
  EXPECT_EQ(store->workflows().front().source_text, repair_yaml(1, "close"));

  // The same content again is that version: it is added, and stored once.
  engine.add_workflow(load_workflow_string(repair_yaml(1, "close"), "repair.yaml").workflow);
  EXPECT_TRUE(engine.workflow("repair", 1)->find_event("close"));
  EXPECT_EQ(store->workflows().size(), 1u);
}

TEST_F(WorkflowVersionsTest, TheSameFileLoadedAgainIsFine) {
  write_bytes(file_, repair_yaml(1, "close"));
  {
    auto engine = open_engine();
    ASSERT_FALSE(has_errors(load(*engine)));
  }
  auto engine = open_engine();  // has version 1 from the store already
  EXPECT_FALSE(has_errors(load(*engine)));
  EXPECT_FALSE(has_errors(load(*engine)));  // twice in one engine, too
  EXPECT_TRUE(engine->workflow("repair", 1));
  EXPECT_EQ(engine->store().workflows().size(), 1u);
}

TEST_F(WorkflowVersionsTest, FireFindsAVersionAnotherEngineAddedLater) {
  auto store = std::make_shared<MemoryStore>();
  Engine early(store);  // knows no workflow at all
  Engine late(store);
  late.add_workflow(load_workflow_string(repair_yaml(3, "close"), "repair.yaml").workflow);
  auto created = late.create("repair", {}, desk_);
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(early.fire(created->id, "close", {}, desk_).ok());
}

TEST_F(WorkflowVersionsTest, AStoredVersionThatDoesNotCompileIsReportedNotThrown) {
  auto store = std::make_shared<MemoryStore>();
  const std::string broken = "workflow: repair\nversion: 1\nstates: [";
  ASSERT_TRUE(
      store->save_workflow({"repair", 1, "old/repair.yaml", broken, sha256_hex(broken), t0()})
          .ok());
  const std::string good = repair_yaml(2, "close");
  ASSERT_TRUE(
      store->save_workflow({"repair", 2, "repair.yaml", good, sha256_hex(good), t0()}).ok());

  std::unique_ptr<Engine> engine;
  ASSERT_NO_THROW(engine = std::make_unique<Engine>(store, shipped_engine_options()));
  EXPECT_FALSE(engine->workflow("repair", 1));
  EXPECT_TRUE(engine->workflow("repair", 2));
  const auto& findings = engine->stored_workflow_diagnostics();
  ASSERT_TRUE(has_errors(findings));
  EXPECT_EQ(findings.back().code, "stored-workflow");
  EXPECT_EQ(findings.back().where.file, "old/repair.yaml");
  EXPECT_THAT(findings.back().message,
              HasSubstr("stored workflow 'repair' version 1 does not compile"));
}

TEST(WorkflowSource, TheLoaderKeepsTheExactTextAndItsHash) {
  const std::string text = repair_yaml(1, "close") + "# 备注\n";
  auto loaded = load_workflow_string(text, "repair.yaml");
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded.workflow->source_text(), text);
  EXPECT_EQ(loaded.workflow->source_hash(), sha256_hex(text));
}

}  // namespace
}  // namespace propdesk
