#include "propdesk/journal.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <vector>

namespace propdesk {
namespace {

using ::testing::HasSubstr;

TimePoint t(int minutes) {
  using namespace std::chrono;
  return TimePoint{sys_days{year{2026} / November / 26}} + hours{6} + std::chrono::minutes{minutes};
}

// A sealed journal of `n` entries for ticket 7: create, then events through states s1, s2, ...
std::vector<JournalEntry> chain(int n) {
  std::vector<JournalEntry> entries;
  std::string prev(kGenesisHash);
  for (int i = 1; i <= n; ++i) {
    JournalEntry e;
    e.ticket = 7;
    e.seq = i;
    e.at = t(i);
    e.actor = {"user-" + std::to_string(i), i == 1 ? "front_desk" : "repairer"};
    e.event = i == 1 ? "create" : "event" + std::to_string(i);
    e.from_state = i == 1 ? "" : "s" + std::to_string(i - 1);
    e.to_state = "s" + std::to_string(i);
    e.input = {{"step", i}, {"note", "第" + std::to_string(i) + "步"}};
    seal(e, prev);
    prev = e.hash;
    entries.push_back(e);
  }
  return entries;
}

TEST(Journal, HashFollowsTheDocumentedEncoding) {
  // Independently computed: sha256 of
  // 19:propdesk-journal-v1 1:7 1:2 10:1795672800 7:desk-01 10:front_desk 8:dispatch 8:reported
  // 10:dispatched 28:{"assignee":"w-3","floor":3} 64:abab...ab   (without the spaces)
  JournalEntry e;
  e.ticket = 7;
  e.seq = 2;
  e.at = t(0);
  e.actor = {"desk-01", "front_desk"};
  e.event = "dispatch";
  e.from_state = "reported";
  e.to_state = "dispatched";
  e.input = {{"floor", 3}, {"assignee", "w-3"}};
  e.prev_hash = std::string(32 * 2, 'a');
  for (std::size_t i = 1; i < e.prev_hash.size(); i += 2) e.prev_hash[i] = 'b';
  EXPECT_EQ(compute_entry_hash(e),
            "2151a478c9bca4e5c7aaa1800b1aa3d8abecf8e49b3de38e56c834b6495aab90");
}

TEST(Journal, SealLinksAndHashes) {
  JournalEntry e = chain(1)[0];
  EXPECT_EQ(e.prev_hash, kGenesisHash);
  EXPECT_EQ(e.hash.size(), 64u);
  EXPECT_EQ(e.hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(e.hash, compute_entry_hash(e));
}

TEST(Journal, EveryMemberButTheHashIsCovered) {
  const JournalEntry base = chain(2)[1];
  const std::vector<std::function<void(JournalEntry&)>> edits = {
      [](JournalEntry& e) { e.ticket = 8; },
      [](JournalEntry& e) { e.seq = 3; },
      [](JournalEntry& e) { e.at += Duration{1}; },
      [](JournalEntry& e) { e.actor.id = "someone"; },
      [](JournalEntry& e) { e.actor.role = "supervisor"; },
      [](JournalEntry& e) { e.event = "cancel"; },
      [](JournalEntry& e) { e.from_state = "s0"; },
      [](JournalEntry& e) { e.to_state = "s9"; },
      [](JournalEntry& e) { e.input["step"] = 2.0; },  // same number, other type
      [](JournalEntry& e) { e.input["extra"] = Value(); },
      [](JournalEntry& e) { e.prev_hash[0] = e.prev_hash[0] == 'a' ? 'b' : 'a'; },
      // Moving bytes between members must change the hash too (length prefixes).
      [](JournalEntry& e) {
        e.actor.id += e.actor.role.substr(0, 1);
        e.actor.role.erase(0, 1);
      },
  };
  for (std::size_t i = 0; i < edits.size(); ++i) {
    JournalEntry edited = base;
    edits[i](edited);
    EXPECT_NE(compute_entry_hash(edited), base.hash) << "edit " << i;
  }
}

TEST(Journal, AnIntactChainVerifies) {
  EXPECT_EQ(verify_chain(7, chain(6)), std::nullopt);
  EXPECT_EQ(verify_chain(7, {}), std::nullopt);
}

TEST(Journal, AnEditedEntryIsNamed) {
  auto entries = chain(5);
  entries[2].input["step"] = 99;
  const auto problem = verify_chain(7, entries);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->ticket, 7);
  EXPECT_EQ(problem->seq, 3);
  EXPECT_THAT(problem->reason, HasSubstr("hash mismatch"));
}

TEST(Journal, AnEditRehashedWithoutTheRestIsNamedAtTheNextEntry) {
  auto entries = chain(5);
  entries[2].actor.id = "forger";
  seal(entries[2], entries[1].hash);
  const auto problem = verify_chain(7, entries);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->seq, 4);
  EXPECT_THAT(problem->reason, HasSubstr("prev_hash is not the hash of entry 3"));
}

TEST(Journal, ADeletedEntryIsNamed) {
  auto entries = chain(5);
  entries.erase(entries.begin() + 1);
  const auto problem = verify_chain(7, entries);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->seq, 2);
  EXPECT_THAT(problem->reason, HasSubstr("entry 2 is missing"));
}

TEST(Journal, AnInsertedEntryIsNamed) {
  auto entries = chain(4);
  JournalEntry forged = entries[1];
  forged.event = "refund";
  entries.insert(entries.begin() + 2, forged);
  const auto problem = verify_chain(7, entries);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->seq, 2);
  EXPECT_THAT(problem->reason, HasSubstr("out of order or duplicated"));

  // Renumbered to look seamless, the forgery still breaks the links.
  auto renumbered = chain(4);
  JournalEntry fake = renumbered[1];
  fake.seq = 3;
  fake.event = "refund";
  renumbered.insert(renumbered.begin() + 2, fake);
  for (std::size_t i = 3; i < renumbered.size(); ++i) ++renumbered[i].seq;
  const auto p2 = verify_chain(7, renumbered);
  ASSERT_TRUE(p2);
  EXPECT_EQ(p2->seq, 3);
}

TEST(Journal, ReorderedEntriesAreNamed) {
  auto entries = chain(5);
  std::swap(entries[1], entries[2]);
  auto problem = verify_chain(7, entries);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->seq, 2);

  // Swapped contents under the original seq numbers.
  entries = chain(5);
  std::swap(entries[1], entries[2]);
  entries[1].seq = 2;
  entries[2].seq = 3;
  problem = verify_chain(7, entries);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->seq, 2);
  EXPECT_THAT(problem->reason, HasSubstr("prev_hash"));
}

TEST(Journal, TheChainMustStartWithACreation) {
  auto entries = chain(4);
  entries.erase(entries.begin());
  auto problem = verify_chain(7, entries);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->seq, 1);
  EXPECT_THAT(problem->reason, HasSubstr("entry 1 is missing"));

  entries = chain(1);
  entries[0].event = "dispatch";
  seal(entries[0], kGenesisHash);
  problem = verify_chain(7, entries);
  ASSERT_TRUE(problem);
  EXPECT_THAT(problem->reason, HasSubstr("not a creation"));

  entries = chain(1);
  seal(entries[0], std::string(64, 'f'));
  problem = verify_chain(7, entries);
  ASSERT_TRUE(problem);
  EXPECT_THAT(problem->reason, HasSubstr("genesis"));
}

TEST(Journal, AnEntryOfAnotherTicketIsNamed) {
  auto entries = chain(3);
  const auto problem = verify_chain(8, entries);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->ticket, 8);
  EXPECT_THAT(problem->reason, HasSubstr("belongs to ticket 7"));
}

TEST(Journal, UnencodableInputIsAProblemNotAnException) {
  auto entries = chain(2);
  entries[1].input["bad"] = std::string("\xFF");
  EXPECT_THROW(compute_entry_hash(entries[1]), std::invalid_argument);
  std::optional<JournalProblem> problem;
  EXPECT_NO_THROW(problem = verify_chain(7, entries));
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->seq, 2);
  EXPECT_THAT(problem->reason, HasSubstr("cannot be encoded"));
}

}  // namespace
}  // namespace propdesk
