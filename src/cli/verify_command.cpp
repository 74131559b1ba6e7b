// `propdesk verify --db FILE`: check every ticket's hash-chained journal; exit 1 when one is
// broken.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "cli/command.hpp"
#include "cli/engine_session.hpp"
#include "cli/exit_status.hpp"
#include "cli/journal_check.hpp"
#include "cli/ticket_json.hpp"

namespace propdesk::cli {

namespace {
struct VerifyOptions {
  SessionOptions session;
  bool json = false;
};

int run_verify(const VerifyOptions& opt) {
  // The journal carries everything its hashes cover: no workflow is needed to check it.
  auto store = open_store(opt.session, DbAccess::kRead);
  const JournalVerification check = store->verify_journals();
  if (opt.json) {
    Json problems = Json::array();
    for (const JournalProblem& p : check.problems)
      problems.push_back(problem_json(p, ticket_code(*store, p.ticket)));
    Json out;
    out["intact"] = check.intact();
    out["tickets"] = check.tickets;
    out["entries"] = check.entries;
    out["problems"] = std::move(problems);
    std::cout << out.dump(2) << '\n';
  } else {
    (check.intact() ? std::cout : std::cerr) << describe(check, *store) << '\n';
  }
  return check.intact() ? kExitOk : kExitError;
}
}  // namespace

void add_verify_command(CLI::App& app) {
  auto opt = std::make_shared<VerifyOptions>();
  CLI::App* cmd =
      app.add_subcommand("verify", "Verify every ticket's journal; exit 1 when one was tampered");
  add_session_options(*cmd, opt->session, {.db_required = true, .workflows = false});
  cmd->add_flag("--json", opt->json, "Print the result as JSON");
  cmd->callback([opt] { std::exit(run_verb([&] { return run_verify(*opt); })); });
}

}  // namespace propdesk::cli
