// docs/cli.md cannot drift: its transcripts are replayed on the built `propdesk`, each command's
// output and exit status compared with the page (transcript.hpp says how a page marks them).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "docs/transcript.hpp"

namespace propdesk {
namespace {

const std::filesystem::path kPage = PROPDESK_SOURCE_DIR "/docs/cli.md";

// The page shows the installed folders; the replay uses the build's and the source tree's.
const std::vector<std::pair<std::string, std::string>> kInstalledFolders = {
    {"/usr/local/lib/propdesk/plugins", PROPDESK_PLUGIN_BUILD_DIR},
    {"/usr/local/share/propdesk/workflows", PROPDESK_WORKFLOW_DIR}};

// `propdesk plugins` looks at a folder of the integrator's with a file that is no plugin and one
// built for a plugin API this propdesk does not load.
void my_plugins(const cli_testing::Workspace& ws) {
  std::filesystem::create_directories(ws.path("my-plugins"));
  std::ofstream(ws.path("my-plugins/readme.so")) << "see README.md\n";
  std::filesystem::copy_file(PROPDESK_TEST_PLUGIN_DIR "/fixture_future_major.so",
                             ws.path("my-plugins/old_sms.so"));
}

TEST(CliDoc, EveryTranscriptPrintsWhatThePageShows) {
  doc_transcripts::ReplayOptions options;
  options.setups = {{"plugins", my_plugins}};
  options.path_map = kInstalledFolders;
  // curl says how long a refused connection took.
  options.variable_parts = {
      {std::regex("(Failed to connect to \\S+ port \\d+) after \\d+ ms"), "$1 after 0 ms"}};
  doc_transcripts::replay(kPage, options);
}

// The exit status table quotes the error for a database that is not there.
TEST(CliDoc, TheMissingDatabaseErrorIsTheOneQuoted) {
  cli_testing::Workspace ws;
  const cli_testing::CliRun r = ws.run({"ticket", "list", "--db", "x.db"});
  EXPECT_EQ(r.status, 1);
  std::ifstream in(kPage);
  const std::string page{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::smatch quoted;
  ASSERT_TRUE(
      std::regex_search(page, quoted, std::regex("`(error: no database at 'x\\.db'[^`]*)`")))
      << "the page no longer quotes the error";
  EXPECT_EQ(r.err, quoted[1].str() + "\n");
}

}  // namespace
}  // namespace propdesk
