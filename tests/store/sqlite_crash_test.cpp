// Crash safety: a child process commits in a loop and reports every commit it was told is done;
// the parent kills it with SIGKILL at a random moment, reopens the file and checks that every
// reported commit is there with its timers, nothing is half-applied and every journal verifies.
//
// Timers and outbox messages make half-applied items visible: the change that makes version v of
// a ticket (its creation for v = 1) schedules the timer "v<v>" and queues one outbox message (key
// "<ticket>:<v>:0", subject "v<v>"), so a ticket's "v" timers and its messages must be exactly
// v1 .. v<journal length>. Now and then the child reschedules instead, adding "r<version>", or
// delivers a message (claim, then acknowledge); every reported one must be there too.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "propdesk/sqlite_store.hpp"
#include "store/store_test_support.hpp"

namespace propdesk {
namespace {

using namespace testing_support;
using Clock = std::chrono::steady_clock;

constexpr int kInitialTickets = 8;
constexpr int kChildThreads = 4;

// One commit the child was told is durable: a creation or update (with its entry's hash), a
// reschedule (hash "-") and the timer it scheduled, or an acknowledged delivery (hash "ack") and
// the message's key.
struct Reported {
  TicketId id = 0;
  std::int64_t version = 0;
  std::string hash;
  std::string key;
};

// The timer the change to `version` schedules, and the one a reschedule at `version` schedules.
Timer version_timer(std::int64_t version) {
  return timer("v" + std::to_string(version), version);
}
Timer reschedule_timer(std::int64_t version) {
  return timer("r" + std::to_string(version), 100000 + version);
}

// The message the change to `version` queues.
OutboxMessage version_message(std::int64_t version) {
  return message("crash", "v" + std::to_string(version));
}

void report(int fd, const CommitOutcome& outcome, const std::string& key) {
  char line[200];
  const int n = std::snprintf(line, sizeof line, "%lld %lld %s %s\n",
                              static_cast<long long>(outcome.id),
                              static_cast<long long>(outcome.version),
                              outcome.hash.empty() ? "-" : outcome.hash.c_str(), key.c_str());
  // One write per line, shorter than PIPE_BUF: lines of different threads never interleave.
  if (::write(fd, line, static_cast<std::size_t>(n)) != n) ::_exit(3);
}

// The child: commits updates (and now and then a creation) from several threads until killed.
[[noreturn]] void run_child(const std::filesystem::path& db, int fd, unsigned seed,
                            bool group_commit) {
  try {
    SqliteStoreOptions options;
    options.group_commit = group_commit;
    SqliteStore store(db, options);
    const std::vector<TicketId> ids = store.ticket_ids(0, 1000);
    const auto give_up = Clock::now() + std::chrono::seconds(20);  // if the parent never kills
    std::vector<std::thread> threads;
    for (int t = 0; t < kChildThreads; ++t) {
      threads.emplace_back([&, t] {
        std::mt19937 rng(seed + static_cast<unsigned>(t));
        while (Clock::now() < give_up) {
          const unsigned dice = rng() % 10;
          if (dice == 0) {
            NewTicket item = new_repair({{"thread", t}});
            item.timers = schedule({version_timer(1)});
            item.outbox = {version_message(1)};
            const CommitOutcome outcome = store.create(item);
            if (outcome.ok()) report(fd, outcome, version_timer(1).key);
            continue;
          }
          if (dice == 2) {
            const auto due = store.due_outbox(TimePoint::max(), 1, "crash");
            if (due.empty()) continue;
            if (!store.claim_outbox(due[0].key, t0(), t0(Duration{600}))) continue;
            if (!store.acknowledge_outbox(due[0].key, t0(Duration{1}))) continue;
            CommitOutcome delivered;
            delivered.id = due[0].ticket;
            delivered.version = due[0].seq;
            delivered.hash = "ack";
            report(fd, delivered, due[0].key);
            continue;
          }
          const TicketId id = ids[rng() % ids.size()];
          const Ticket current = *store.get(id);
          if (dice == 1) {
            const Timer timer = reschedule_timer(current.version);
            const CommitOutcome outcome = store.reschedule(id, current.version, schedule({timer}));
            if (outcome.ok()) report(fd, outcome, timer.key);
            continue;
          }
          Update u = change(current, "step", "s" + std::to_string(current.version), "step",
                            current.version);
          u.timers = schedule({version_timer(current.version + 1)});
          u.outbox = {version_message(current.version + 1)};
          const CommitOutcome outcome = store.update(u);
          if (outcome.ok()) report(fd, outcome, version_timer(current.version + 1).key);
        }
      });
    }
    for (auto& thread : threads) thread.join();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "crash test child: %s\n", e.what());
    ::_exit(2);
  }
  ::_exit(0);
}

// Parses complete lines out of `buffer`, keeping an incomplete tail.
void parse(std::string& buffer, std::vector<Reported>& out) {
  std::size_t start = 0;
  for (std::size_t end; (end = buffer.find('\n', start)) != std::string::npos; start = end + 1) {
    std::istringstream line(buffer.substr(start, end - start));
    Reported r;
    line >> r.id >> r.version >> r.hash >> r.key;
    out.push_back(r);
  }
  buffer.erase(0, start);
}

// Reads what the child reports until `kill_at`, kills it, then drains the pipe.
std::vector<Reported> run_round(const std::filesystem::path& db, unsigned seed, bool group_commit,
                                std::chrono::milliseconds kill_after) {
  int fds[2];
  if (::pipe(fds) != 0) ADD_FAILURE() << "pipe failed";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    run_child(db, fds[1], seed, group_commit);
  }
  ::close(fds[1]);
  std::vector<Reported> reported;
  std::string buffer;
  char chunk[4096];
  const auto kill_at = Clock::now() + kill_after;
  for (bool killed = false;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(kill_at - Clock::now()).count();
    if (!killed && left <= 0) {
      ::kill(pid, SIGKILL);
      killed = true;
    }
    pollfd p{fds[0], POLLIN, 0};
    if (::poll(&p, 1, killed ? 1000 : static_cast<int>(left)) <= 0) continue;
    const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
    if (n <= 0) break;  // EOF: the child is gone and the pipe is drained
    buffer.append(chunk, static_cast<std::size_t>(n));
    parse(buffer, reported);
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the child ended before it was killed (status " << status << ")";
  return reported;
}

TEST(SqliteCrashTest, EveryReportedCommitSurvivesSigkill) {
  TempDir dir;
  const std::filesystem::path db = dir.file("crash.db");
  {
    SqliteStore store(db);
    for (int i = 0; i < kInitialTickets; ++i) {
      NewTicket item = new_repair({{"i", i}});
      item.timers = schedule({version_timer(1)});
      item.outbox = {version_message(1)};
      ASSERT_TRUE(store.create(item).ok());
    }
  }
  const unsigned seed = std::random_device{}();
  RecordProperty("seed", static_cast<int>(seed));
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);

  std::map<TicketId, std::map<std::int64_t, std::string>> durable;  // id -> version -> hash
  std::map<TicketId, std::map<std::string, std::int64_t>> rescheduled;  // id -> key -> version
  std::set<std::string> acknowledged;                                    // message keys
  std::size_t total = 0;
  const auto stop = Clock::now() + std::chrono::seconds(4);
  for (int round = 0; round < 8 && Clock::now() < stop; ++round) {
    const auto kill_after = std::chrono::milliseconds(40 + rng() % 300);
    const bool group_commit = round % 2 == 0;
    for (const Reported& r :
         run_round(db, seed + 1000u * static_cast<unsigned>(round), group_commit, kill_after))
      if (r.hash == "-")
        rescheduled[r.id][r.key] = r.version;
      else if (r.hash == "ack")
        acknowledged.insert(r.key);
      else
        durable[r.id][r.version] = r.hash;

    SqliteStore store(db);
    total = 0;
    for (const auto& [id, versions] : durable) {
      const std::vector<JournalEntry> journal = store.history(id);
      for (const auto& [version, hash] : versions) {
        ++total;
        ASSERT_GE(static_cast<std::int64_t>(journal.size()), version)
            << "round " << round << ": ticket " << id << " lost version " << version;
        EXPECT_EQ(journal[static_cast<std::size_t>(version - 1)].hash, hash)
            << "round " << round << ": ticket " << id << " version " << version;
      }
    }
    for (const auto& [id, keys] : rescheduled) {
      const std::vector<Timer> timers = store.timers(id);
      for (const auto& [key, version] : keys) {
        ++total;
        EXPECT_NE(std::find(timers.begin(), timers.end(), Timer{id, key, reschedule_timer(version).due}),
                  timers.end())
            << "round " << round << ": ticket " << id << " lost the rescheduled timer " << key;
      }
    }
    for (const std::string& key : acknowledged) {
      ++total;
      const std::vector<OutboxMessage> delivered =
          store.outbox(page(with_status(OutboxStatus::kDelivered), 1000000, 0));
      EXPECT_TRUE(std::any_of(delivered.begin(), delivered.end(),
                              [&](const OutboxMessage& m) { return m.key == key; }))
          << "round " << round << ": the acknowledged message " << key << " is not delivered";
    }
    // Every ticket, reported or not: its "v" timers and its outbox messages are those of the
    // changes in its journal, so every reported commit has its message too.
    for (const TicketId id : store.ticket_ids(0, 100000)) {
      const auto length = static_cast<std::int64_t>(store.history(id).size());
      std::vector<Timer> expected;
      for (std::int64_t v = 1; v <= length; ++v) {
        Timer t = version_timer(v);
        t.ticket = id;
        expected.push_back(t);
      }
      std::vector<Timer> versions;
      for (const Timer& t : store.timers(id))
        if (t.key.starts_with('v')) versions.push_back(t);
      std::sort(expected.begin(), expected.end(),
                [](const Timer& a, const Timer& b) { return a.key < b.key; });
      ASSERT_EQ(versions, expected) << "round " << round << ": ticket " << id << " has "
                                    << length << " journal entries";
      const std::vector<OutboxMessage> messages = store.outbox(of_ticket(id));
      ASSERT_EQ(static_cast<std::int64_t>(messages.size()), length)
          << "round " << round << ": ticket " << id << " has " << length << " journal entries";
      for (std::int64_t v = 1; v <= length; ++v) {
        const OutboxMessage& m = messages[static_cast<std::size_t>(v - 1)];
        EXPECT_EQ(m.key, std::to_string(id) + ":" + std::to_string(v) + ":0");
        EXPECT_EQ(m.notification.subject, "v" + std::to_string(v));
      }
    }
    const std::vector<JournalProblem> problems = store.verify_all();
    ASSERT_TRUE(problems.empty()) << "round " << round << ": ticket " << problems[0].ticket
                                  << " seq " << problems[0].seq << ": " << problems[0].reason;
  }
  RecordProperty("reported_commits", static_cast<int>(total));
  EXPECT_GT(total, 0u) << "the child never reported a commit";
}

}  // namespace
}  // namespace propdesk
