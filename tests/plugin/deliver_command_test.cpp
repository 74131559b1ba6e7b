// `propdesk deliver` end to end: tickets fired through the real binary queue notifications in the
// database's outbox; `propdesk deliver` loads the shipped webhook plugin and posts them to a real
// HTTP receiver on 127.0.0.1 - once: a second run sends nothing. A receiver that fails makes the
// exit status 3 with a retry scheduled (backoff with jitter) or a dead letter; --until-idle waits
// for the retry; a channel whose type is not loaded is a configuration error.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "cli/cli_test_support.hpp"
#include "propdesk/value.hpp"
#include "webhook_receiver.hpp"

namespace propdesk {
namespace {

using cli_testing::CliRun;
using cli_testing::Workspace;
using plugin_testing::WebhookReceiver;
using Json = nlohmann::json;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class DeliverCommand : public ::testing::Test {
 protected:
  // A configuration with one channel, field_staff: the repairers' app at `url`, for people.
  void configure(const std::string& url, const std::string& type = "webhook",
                 const std::string& retry = "") {
    cli_testing::write_field_staff_config(ws_.path("desk.yaml"), type,
                                          "{url: \"" + url + "\", timeout_ms: 5000}",
                                          retry.empty() ? "" : "    retry: " + retry + "\n");
  }

  CliRun run(std::vector<std::string> args) const {
    args.insert(args.end(), {"--db", "desk.db", "--config", "desk.yaml"});
    return ws_.run(args);
  }

  // A repair dispatched to lishifu through the CLI: one work order queued for field_staff.
  std::string dispatched_repair() {
    const CliRun created =
        run({"ticket", "create", "repair", "location=3-2-1502", "category=plumbing",
             "description=厨房漏水", "phone=13812345678", "--as", "wangli:front_desk", "--json"});
    EXPECT_EQ(created.status, 0) << created.err;
    const std::string code = created.json()["code"];
    const CliRun fired = run(
        {"ticket", "fire", code, "dispatch", "assignee=lishifu", "--as", "zhouqiang:dispatcher"});
    EXPECT_EQ(fired.status, 0) << fired.err;
    return code;
  }

  Json outbox_report() const {
    const CliRun r = ws_.run({"report", "outbox", "--db", "desk.db", "--json"});
    EXPECT_EQ(r.status, 0) << r.err;
    return Json::parse(r.out);
  }

  Workspace ws_;
  WebhookReceiver receiver_{ws_.path("received.jsonl")};
};

TEST_F(DeliverCommand, SendsWhatTheCliQueuedOnceAndASecondRunSendsNothing) {
  configure(receiver_.url("/ok"));
  const std::string code = dispatched_repair();
  ASSERT_EQ(outbox_report()["pending_count"], 1);
  EXPECT_TRUE(receiver_.requests().empty());  // the CLI queued it; nobody sent it yet

  const CliRun first = run({"deliver"});
  ASSERT_EQ(first.status, 0) << first.err << first.out;
  EXPECT_TRUE(contains(first.out, "delivered  field_staff  1:2:0  " + code + "  lishifu  #1"))
      << first.out;
  EXPECT_TRUE(contains(first.out,
                       "delivered 1, to retry 0, dead letters 0 (1 attempt); pending now 0, next attempt none"))
      << first.out;

  const auto received = receiver_.requests();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0]["path"], "/ok");
  EXPECT_EQ(received[0]["headers"]["Idempotency-Key"], "1:2:0");
  const Json body = Json::parse(received[0]["body"].get<std::string>());
  EXPECT_EQ(body["ticket"], code);
  EXPECT_EQ(body["to"], "lishifu");
  EXPECT_EQ(body["template"], "work_order");
  EXPECT_EQ(body["fields"]["phone"], "138****5678");  // the channel is not trusted

  // Idempotent: nothing is due any more, nothing is sent again.
  const CliRun second = run({"deliver", "--json"});
  ASSERT_EQ(second.status, 0) << second.err;
  const Json j = Json::parse(second.out);
  EXPECT_EQ(j["channels"], Json::array({"field_staff"}));
  EXPECT_TRUE(j["attempts"].empty());
  EXPECT_EQ(j["delivered"], 0);
  EXPECT_EQ(j["pending"], 0);
  EXPECT_EQ(receiver_.requests().size(), 1u);
  const Json report = outbox_report();
  EXPECT_EQ(report["delivered_count"], 1);
  EXPECT_EQ(report["pending_count"], 0);
}

TEST_F(DeliverCommand, AFailingReceiverExitsThreeWithARetryWithinTheBackoff) {
  configure(receiver_.url("/status/503"));
  dispatched_repair();
  const CliRun r = run({"deliver", "--json"});
  EXPECT_EQ(r.status, 3) << r.err << r.out;
  const Json j = Json::parse(r.out);
  ASSERT_EQ(j["attempts"].size(), 1u);
  const Json& a = j["attempts"][0];
  EXPECT_EQ(a["outcome"], "retry");
  EXPECT_EQ(a["attempt"], 1);
  EXPECT_TRUE(contains(a["error"], "503")) << a;
  EXPECT_EQ(j["retried"], 1);
  EXPECT_EQ(j["pending"], 1);
  // The first retry waits 30 s less at most 10 % jitter, from the attempt.
  const Json pending = outbox_report()["pending"][0];
  EXPECT_EQ(pending["attempts"], 1);
  const auto next = parse_time(a["retry_at"].get<std::string>());
  ASSERT_TRUE(next);
  EXPECT_EQ(j["next_attempt"], a["retry_at"]);
  const auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  EXPECT_LE(*next - now, Duration{30});
  EXPECT_GE(*next - now, Duration{27 - 5});  // 27 s at the least, minus the time the test took
  EXPECT_EQ(receiver_.requests().size(), 1u);

  // Run again at once: not due yet, nothing sent, nothing failed in this run.
  const CliRun again = run({"deliver"});
  EXPECT_EQ(again.status, 0) << again.out;
  EXPECT_TRUE(contains(again.out, "delivered 0, to retry 0, dead letters 0 (0 attempts); pending now 1"))
      << again.out;
  EXPECT_EQ(receiver_.requests().size(), 1u);
}

TEST_F(DeliverCommand, APermanentFailureIsADeadLetterAtOnce) {
  configure(receiver_.url("/status/400"));
  const std::string code = dispatched_repair();
  const CliRun r = run({"deliver"});
  EXPECT_EQ(r.status, 3) << r.err << r.out;
  EXPECT_TRUE(contains(r.out, "dead  field_staff  1:2:0  " + code + "  lishifu  #1  ")) << r.out;
  EXPECT_TRUE(contains(r.out, "HTTP 400")) << r.out;
  const Json report = outbox_report();
  EXPECT_EQ(report["dead_count"], 1);
  EXPECT_TRUE(contains(report["dead"][0]["last_error"], "HTTP 400")) << report;
}

TEST_F(DeliverCommand, UntilIdleWaitsForTheRetryAndSucceeds) {
  configure(receiver_.url("/fail-first/1/hook"), "webhook", "{first_delay: 1s, max_delay: 1s}");
  dispatched_repair();
  const CliRun r = run({"deliver", "--until-idle", "--max-wait", "1m", "--json"});
  EXPECT_EQ(r.status, 0) << r.err << r.out;  // retried, then delivered: no failure left
  const Json j = Json::parse(r.out);
  ASSERT_EQ(j["attempts"].size(), 2u) << j;
  EXPECT_EQ(j["attempts"][0]["outcome"], "retry");
  EXPECT_EQ(j["attempts"][1]["outcome"], "delivered");
  EXPECT_EQ(j["attempts"][1]["attempt"], 2);
  // Counted by how each message ended: one message, delivered, though one attempt failed.
  EXPECT_EQ(j["delivered"], 1);
  EXPECT_EQ(j["retried"], 0);
  EXPECT_EQ(j["dead"], 0);
  EXPECT_EQ(j["pending"], 0);
  EXPECT_EQ(receiver_.requests().size(), 2u);
  EXPECT_EQ(outbox_report()["delivered_count"], 1);
}

TEST_F(DeliverCommand, UntilIdleGivesUpWaitingAfterMaxWait) {
  configure(receiver_.url("/status/503"));  // retried after about 30 s
  dispatched_repair();
  const CliRun r = run({"deliver", "--until-idle", "--max-wait", "2s"});
  EXPECT_EQ(r.status, 3) << r.out;
  EXPECT_EQ(receiver_.requests().size(), 1u);
  EXPECT_TRUE(contains(r.out, "pending now 1")) << r.out;
}

TEST_F(DeliverCommand, AChannelWhoseTypeIsNotLoadedIsAConfigurationError) {
  configure(receiver_.url("/ok"), "webhok");
  dispatched_repair();
  const CliRun r = run({"deliver"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(contains(r.err, "no notifier type 'webhok' is loaded (did you mean 'webhook'?)"))
      << r.err;
  EXPECT_TRUE(contains(r.err, "error: cannot set up the notifiers")) << r.err;
  EXPECT_TRUE(receiver_.requests().empty());
  EXPECT_EQ(outbox_report()["pending_count"], 1);  // kept for a fixed configuration
}

TEST_F(DeliverCommand, OnceAndUntilIdleExcludeEachOther) {
  configure(receiver_.url("/ok"));
  dispatched_repair();
  const CliRun r = run({"deliver", "--once", "--until-idle"});
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(receiver_.requests().empty());
}

// `propdesk deliver --follow` started in the background, its output in `out`; stopped with
// `signal`, returning the exit status.
class FollowingDeliverer {
 public:
  FollowingDeliverer(const Workspace& ws, const std::filesystem::path& out) : out_(out) {
    const std::string db = ws.path("desk.db").string(), config = ws.path("desk.yaml").string();
    std::vector<const char*> argv = {PROPDESK_CLI, "deliver", "--follow", "--poll", "1s",
                                     "--db", db.c_str(), "--config", config.c_str(), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int rc = ::posix_spawn(&pid_, argv[0], &actions, nullptr,
                                 const_cast<char* const*>(argv.data()), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) pid_ = -1;
  }
  ~FollowingDeliverer() {
    if (pid_ > 0) (void)stop(SIGKILL);
  }
  FollowingDeliverer(const FollowingDeliverer&) = delete;
  FollowingDeliverer& operator=(const FollowingDeliverer&) = delete;

  [[nodiscard]] bool running() const { return pid_ > 0; }

  // The exit status, or -1 when it did not exit normally.
  int stop(int signal) {
    ::kill(pid_, signal);
    int raw = 0;
    ::waitpid(pid_, &raw, 0);
    pid_ = -1;
    return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  }

  [[nodiscard]] std::string output() const {
    std::ifstream in(out_);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  std::filesystem::path out_;
  pid_t pid_ = -1;
};

// Waits up to 20 s for the receiver to have `n` requests.
bool received(const WebhookReceiver& receiver, std::size_t n) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (receiver.requests().size() < n) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

// A service: it sends what other processes queue while it runs, each message once, and a stop
// signal ends it cleanly with the summary of its whole run.
TEST_F(DeliverCommand, FollowSendsWhatOthersQueueUntilStopped) {
  configure(receiver_.url("/ok"));
  const std::string first = dispatched_repair();  // queued before it starts (the database exists)
  FollowingDeliverer follower(ws_, ws_.path("follow.out"));
  ASSERT_TRUE(follower.running());
  ASSERT_TRUE(received(receiver_, 1)) << follower.output();
  const std::string second = dispatched_repair();
  ASSERT_TRUE(received(receiver_, 2)) << follower.output();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // another poll: nothing more
  EXPECT_EQ(follower.stop(SIGTERM), 0);
  const std::string out = follower.output();
  EXPECT_TRUE(contains(out, "delivered  field_staff  1:2:0  " + first)) << out;
  EXPECT_TRUE(contains(out, "delivered  field_staff  2:2:0  " + second)) << out;
  EXPECT_TRUE(contains(out, "delivered 2, to retry 0, dead letters 0 (2 attempts); pending now 0"))
      << out;
  EXPECT_EQ(receiver_.requests().size(), 2u);
  EXPECT_EQ(outbox_report()["delivered_count"], 2);
}

TEST_F(DeliverCommand, FollowStopsOnInterruptAndRefusesJsonAndABadPoll) {
  configure(receiver_.url("/ok"));
  dispatched_repair();
  FollowingDeliverer follower(ws_, ws_.path("follow.out"));
  ASSERT_TRUE(follower.running());
  ASSERT_TRUE(received(receiver_, 1)) << follower.output();
  EXPECT_EQ(follower.stop(SIGINT), 0);
  EXPECT_TRUE(contains(follower.output(), "delivered 1, to retry 0, dead letters 0 (1 attempt)"))
      << follower.output();

  const CliRun json = run({"deliver", "--follow", "--json"});
  EXPECT_EQ(json.status, 1);
  EXPECT_TRUE(contains(json.err, "--json")) << json.err;
  const CliRun poll = run({"deliver", "--follow", "--poll", "0s"});
  EXPECT_EQ(poll.status, 1);
  EXPECT_TRUE(contains(poll.err, "--poll")) << poll.err;
}

}  // namespace
}  // namespace propdesk
