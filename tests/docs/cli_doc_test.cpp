// docs/cli.md cannot drift: its transcripts are replayed on the built `propdesk`, each command's
// output and exit status compared with the page (transcript.hpp says how a page marks them).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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
  std::filesystem::copy_file(PROPDESK_TEST_PLUGIN_DIR "/fixture_future_major.so", ws.path("my-plugins/old_sms.so"));
}

TEST(CliDoc, EveryTranscriptPrintsWhatThePageShows) {
  doc_transcripts::replay(kPage, {{"plugins", my_plugins}}, kInstalledFolders);
}

// The exit status table quotes the error for a database that is not there.
TEST(CliDoc, TheMissingDatabaseErrorIsTheOneQuoted) {
  cli_testing::Workspace ws;
  const cli_testing::CliRun r = ws.run({"ticket", "list", "--db", "x.db"});
  EXPECT_EQ(r.status, 1);
  const std::string quoted = "`error: no database at 'x.db'`";
  std::ifstream in(kPage);
  const std::string page{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  ASSERT_NE(page.find(quoted), std::string::npos) << "the page no longer quotes " << quoted;
  EXPECT_EQ(r.err, quoted.substr(1, quoted.size() - 2) + "\n");
}

}  // namespace
}  // namespace propdesk
