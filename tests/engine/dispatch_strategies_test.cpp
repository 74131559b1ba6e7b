// The built-in dispatch strategies on their own: round robin's turns and wrap-around, least
// loaded's ties, grab, nobody on duty, and their registration beside plugins'.
#include "propdesk/builtin_dispatch_strategies.hpp"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <thread>

#include "propdesk/plugin_registry.hpp"

namespace propdesk {
namespace {

std::shared_ptr<DispatchStrategy> builtin(std::string_view name) {
  for (auto& s : builtin_dispatch_strategies())
    if (s->name() == name) return s;
  ADD_FAILURE() << "no built-in strategy " << name;
  return nullptr;
}

DispatchCandidate person(std::string id, std::uint32_t open = 0, bool on_duty = true) {
  return {std::move(id), on_duty, open, {}};
}

DispatchChoice choose(DispatchStrategy& strategy, const std::vector<DispatchCandidate>& candidates) {
  return strategy.choose(Ticket{}, candidates);
}

// The ids `strategy` picks, `n` times in a row, from the same candidates ("-" for nobody).
std::vector<std::string> picks(DispatchStrategy& strategy, const std::vector<DispatchCandidate>& candidates, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    const DispatchChoice c = strategy.choose(Ticket{}, candidates);
    out.push_back(c.chosen ? candidates.at(*c.chosen).id : "-");
  }
  return out;
}

using Ids = std::vector<std::string>;

TEST(BuiltinDispatchStrategies, NamesAndPools) {
  const auto all = builtin_dispatch_strategies();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]->name(), "round_robin");
  EXPECT_EQ(all[1]->name(), "least_loaded");
  EXPECT_EQ(all[2]->name(), "grab");
  EXPECT_EQ(all[0]->pool(), DispatchPool::kStaff);
  EXPECT_EQ(all[1]->pool(), DispatchPool::kStaff);
  EXPECT_EQ(all[2]->pool(), DispatchPool::kActor);
  EXPECT_NE(builtin_dispatch_strategies()[0], all[0]);  // new instances each time
}

TEST(RoundRobin, TakesTurnsInTheOrderOfferedAndWraps) {
  auto rr = builtin("round_robin");
  const std::vector<DispatchCandidate> staff{person("wang"), person("li"), person("zhao")};
  EXPECT_EQ(picks(*rr, staff, 7), (Ids{"wang", "li", "zhao", "wang", "li", "zhao", "wang"}));
  const DispatchChoice c = rr->choose(Ticket{}, staff);
  EXPECT_EQ(c.reason, "next in turn among 3 on duty");
}

TEST(RoundRobin, LoadDoesNotMatterOnlyTurns) {
  auto rr = builtin("round_robin");
  EXPECT_EQ(picks(*rr, {person("wang", 9), person("li", 0)}, 3), (Ids{"wang", "li", "wang"}));
}

TEST(RoundRobin, SkipsThoseOffDutyWhoAreNextWhenBack) {
  auto rr = builtin("round_robin");
  EXPECT_EQ(picks(*rr, {person("wang", 0, false), person("li"), person("zhao")}, 3), (Ids{"li", "zhao", "li"}));
  // wang is back: never chosen, so first; then the rotation goes on where it was.
  EXPECT_EQ(picks(*rr, {person("wang"), person("li"), person("zhao")}, 4), (Ids{"wang", "zhao", "li", "wang"}));
}

TEST(RoundRobin, SomeoneLeftOutAtTheirCapIsNextWhenOfferedAgain) {
  // The engine leaves out people at their cap; the rotation remembers whose turn it was.
  auto rr = builtin("round_robin");
  EXPECT_EQ(picks(*rr, {person("wang"), person("li"), person("zhao")}, 1), (Ids{"wang"}));
  EXPECT_EQ(picks(*rr, {person("wang"), person("zhao")}, 2), (Ids{"zhao", "wang"}));  // li at the cap
  EXPECT_EQ(picks(*rr, {person("wang"), person("li"), person("zhao")}, 3), (Ids{"li", "zhao", "wang"}));
}

TEST(RoundRobin, NobodyOnDutyOrNoCandidates) {
  auto rr = builtin("round_robin");
  const DispatchChoice none = rr->choose(Ticket{}, {});
  EXPECT_FALSE(none.chosen);
  EXPECT_EQ(none.reason, "no candidates");
  const std::vector<DispatchCandidate> off{person("wang", 0, false), person("li", 0, false)};
  const DispatchChoice c = rr->choose(Ticket{}, off);
  EXPECT_FALSE(c.chosen);
  EXPECT_EQ(c.reason, "nobody is on duty (wang, li are off duty)");
  EXPECT_EQ(choose(*rr, {person("wang", 0, false)}).reason, "nobody is on duty (wang is off duty)");
}

TEST(RoundRobin, ThreadsAtOnceStillTakeTurns) {
  auto rr = builtin("round_robin");
  const std::vector<DispatchCandidate> staff{person("wang"), person("li"), person("zhao")};
  constexpr int kThreads = 4;
  constexpr int kEach = 300;
  std::vector<std::map<std::string, int>> counts(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < kEach; ++k) {
        const DispatchChoice c = rr->choose(Ticket{}, staff);
        if (c.chosen) ++counts[static_cast<std::size_t>(i)][staff[*c.chosen].id];
      }
    });
  }
  for (auto& t : threads) t.join();
  std::map<std::string, int> total;
  for (const auto& per_thread : counts)
    for (const auto& [id, n] : per_thread) total[id] += n;
  // 1200 turns over 3 people: exactly 400 each, however the threads interleaved.
  EXPECT_EQ(total, (std::map<std::string, int>{{"li", 400}, {"wang", 400}, {"zhao", 400}}));
}

TEST(LeastLoaded, FewestOpenOrdersWins) {
  auto ll = builtin("least_loaded");
  const std::vector<DispatchCandidate> staff{person("wang", 3), person("li", 1), person("zhao", 2)};
  const DispatchChoice c = ll->choose(Ticket{}, staff);
  ASSERT_TRUE(c.chosen);
  EXPECT_EQ(staff[*c.chosen].id, "li");
  EXPECT_EQ(c.reason, "fewest open orders (1) among 3 on duty");
}

TEST(LeastLoaded, TiesGoToTheFirstOffered) {
  auto ll = builtin("least_loaded");
  EXPECT_EQ(picks(*ll, {person("wang", 2), person("li", 1), person("zhao", 1)}, 2), (Ids{"li", "li"}));
  EXPECT_EQ(picks(*ll, {person("zhao", 1), person("li", 1)}, 1), (Ids{"zhao"}));
}

TEST(LeastLoaded, OffDutyDoNotCountHoweverIdle) {
  auto ll = builtin("least_loaded");
  const std::vector<DispatchCandidate> staff{person("wang", 0, false), person("li", 4), person("zhao", 5)};
  EXPECT_EQ(picks(*ll, staff, 1), (Ids{"li"}));
  const DispatchChoice c = choose(*ll, {person("wang", 0, false)});
  EXPECT_FALSE(c.chosen);
  EXPECT_EQ(c.reason, "nobody is on duty (wang is off duty)");
}

TEST(Grab, TheOneOfferedTakesItOnDutyOrNot) {
  auto grab = builtin("grab");
  const DispatchChoice c = choose(*grab, {person("li", 2, false)});
  ASSERT_TRUE(c.chosen);
  EXPECT_EQ(*c.chosen, 0u);
  EXPECT_EQ(c.reason, "li took it (2 other open orders)");
  const DispatchChoice none = grab->choose(Ticket{}, {});
  EXPECT_FALSE(none.chosen);
  EXPECT_EQ(none.reason, "nobody to take it");
}

TEST(BuiltinDispatchStrategies, RegisteredAsBuiltinsTheirNamesAreTaken) {
  PluginRegistry registry;
  add_builtin_dispatch_strategies(registry);
  const std::vector<Provided> provided = registry.provided_by(PluginRegistry::kBuiltin);
  ASSERT_EQ(provided.size(), 3u);
  EXPECT_EQ(provided[0], (Provided{ProvidedKind::kDispatchStrategy, "grab",
                                   "the actor takes the ticket (抢单), within their cap and skills", "builtin"}));
  EXPECT_EQ(provided[1].name, "least_loaded");
  EXPECT_EQ(provided[2].name, "round_robin");
  const auto all = registry.dispatch_strategies();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]->name(), "grab");  // sorted by name
  EXPECT_EQ(registry.dispatch_strategy("least_loaded")->pool(), DispatchPool::kStaff);

  // A plugin cannot take a built-in name; registering the built-ins twice is refused too.
  PluginRegistry::Additions mine;
  mine.dispatch_strategies.push_back(builtin("grab"));
  try {
    registry.add(std::move(mine), "estate_extras");
    ADD_FAILURE() << "added a second 'grab'";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "dispatch strategy 'grab' is already provided by built in");
  }
  EXPECT_THROW(add_builtin_dispatch_strategies(registry), std::invalid_argument);
  EXPECT_EQ(registry.dispatch_strategies().size(), 3u);
}

}  // namespace
}  // namespace propdesk
