// docs/stores.md cannot drift: its ```cpp fragments are regions of this file (doc_blocks.hpp),
// compiled in the context the page implies and run below.
// (clang-format is off: the regions keep the layout the page shows.)
// clang-format off
//
// doc-region memory
#include <propdesk/kv_store.hpp>
#include <propdesk/memory_kv_backend.hpp>

// doc-region end
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "doc_blocks.hpp"
#include "docs/scratch_folder.hpp"
#include "propdesk/clock.hpp"
#include "propdesk/engine.hpp"
#include "propdesk/engine_setup.hpp"
#include "propdesk/plugin_loader.hpp"

namespace {

const std::filesystem::path kPage = PROPDESK_SOURCE_DIR "/docs/stores.md";

TEST(StoresDoc, ThePageShowsTheCodeThisFileCompiles) {
  propdesk::doc_blocks::expect_blocks_are_regions(kPage, "cpp", PROPDESK_SOURCE_DIR "/tests/docs/stores_doc_test.cpp");
}

// The engine the fragments make runs the shipped repair workflow.
void expect_a_ticket_lives(propdesk::Engine& engine, const propdesk::EngineConfig& config) {
  ASSERT_TRUE(propdesk::load_workflows(engine, config).empty());
  const auto ticket = engine.create("repair", {{"location", "1-1-101"}, {"description", "漏水"}}, {"wangli", "front_desk"});
  ASSERT_TRUE(ticket);
  ASSERT_TRUE(engine.fire(ticket->id, "dispatch", {{"assignee", "lishifu"}}, {"zhouqiang", "dispatcher"}));
  EXPECT_EQ(engine.get(ticket->id)->state, "dispatched");
  EXPECT_TRUE(engine.verify().empty());
}

class StoresDocFragment : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = propdesk::load_engine_config_file(PROPDESK_WORKFLOW_DIR "/propdesk.yaml");
    ASSERT_TRUE(loaded.ok());
    config_ = *loaded.config;
  }
  [[nodiscard]] propdesk::EngineOptions options() const {
    return propdesk::engine_options(config_, std::make_shared<propdesk::ManualClock>(*propdesk::parse_time("2026-11-26 09:00")));
  }

  propdesk::doc_fragments::ScratchFolder folder_;
  propdesk::EngineConfig config_;
};

TEST_F(StoresDocFragment, AKvStoreOnTheLmdbPluginsBackend) {
  const std::filesystem::path plugin_folder = PROPDESK_PLUGIN_BUILD_DIR;
  const propdesk::EngineOptions options = this->options();
  // doc-region lmdb
  propdesk::PluginRegistry registry;
  propdesk::load_plugins(registry, {{plugin_folder}, {{"lmdb", {}}}, false});  // the installed lib/propdesk/plugins
  auto store = std::make_shared<propdesk::KvStore>(std::shared_ptr<propdesk::KvBackend>(
      registry.open_kv_store("lmdb", {{"path", "desk.lmdb"}})));
  propdesk::Engine engine(store, options);  // as with a SqliteStore
  // doc-region end
  expect_a_ticket_lives(engine, config_);
  EXPECT_TRUE(std::filesystem::exists("desk.lmdb"));
}

TEST_F(StoresDocFragment, AKvStoreOnTheMemoryBackend) {
  const propdesk::EngineOptions options = this->options();
  // doc-region memory
  auto backend = std::make_shared<propdesk::MemoryKvBackend>();  // or a plugin's backend
  auto store = std::make_shared<propdesk::KvStore>(backend);
  propdesk::Engine engine(store, options);
  // doc-region end
  expect_a_ticket_lives(engine, config_);
}

}  // namespace
