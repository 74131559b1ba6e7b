// The Store contract (propdesk/store.hpp), run against every store.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <thread>

#include "model/sha256.hpp"
#include "propdesk/memory_store.hpp"
#include "propdesk/sqlite_store.hpp"
#include "propdesk/store.hpp"
#include "store/store_kinds.hpp"
#include "store/store_test_support.hpp"

namespace propdesk {
namespace {

using namespace testing_support;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Status = CommitOutcome::Status;

class StoreContract : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override { store_ = GetParam().make(dir_.path()); }

  // Creates a repair ticket and returns it as stored.
  Ticket create(Fields fields = {{"location", "3-2-1502"}}, TimePoint at = t0(),
                std::string prefix = "BX") {
    NewTicket item = new_repair(std::move(fields), at, std::move(prefix));
    const CommitOutcome outcome = store_->create(item);
    EXPECT_TRUE(outcome.ok()) << outcome.message;
    return item.ticket;
  }

  // Applies `event` to the stored ticket `id`; returns the ticket as stored afterwards.
  Ticket advance(TicketId id, const std::string& event, const std::string& to) {
    Update u = change(*store_->get(id), event, to);
    const CommitOutcome outcome = store_->update(u);
    EXPECT_TRUE(outcome.ok()) << outcome.message;
    return u.ticket;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

std::vector<TicketId> ids_of(const std::vector<Ticket>& tickets) {
  std::vector<TicketId> ids;
  for (const Ticket& t : tickets) ids.push_back(t.id);
  return ids;
}

TEST_P(StoreContract, CreateAssignsIdCodeVersionAndSealsTheFirstEntry) {
  NewTicket item = new_repair();
  const CommitOutcome outcome = store_->create(item);

  ASSERT_TRUE(outcome.ok()) << outcome.message;
  EXPECT_GT(outcome.id, 0);
  EXPECT_EQ(outcome.code, "BX-20261126-0001");
  EXPECT_EQ(outcome.version, 1);
  EXPECT_EQ(outcome.hash.size(), 64u);
  EXPECT_EQ(item.ticket.id, outcome.id);
  EXPECT_EQ(item.ticket.code, outcome.code);
  EXPECT_EQ(item.ticket.version, 1);
  EXPECT_EQ(item.entry.ticket, outcome.id);
  EXPECT_EQ(item.entry.seq, 1);
  EXPECT_EQ(item.entry.prev_hash, kGenesisHash);
  EXPECT_EQ(item.entry.hash, outcome.hash);
  EXPECT_EQ(compute_entry_hash(item.entry), outcome.hash);

  EXPECT_EQ(store_->get(outcome.id), item.ticket);
  EXPECT_THAT(store_->history(outcome.id), ElementsAre(item.entry));
}

TEST_P(StoreContract, CodesCountPerPrefixAndShanghaiBusinessDay) {
  using std::chrono::hours;
  using std::chrono::seconds;
  const TimePoint midnight_utc{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}};
  // 2026-11-26 00:00 +08:00 is 2026-11-25 16:00 UTC.
  EXPECT_EQ(create({}, midnight_utc - hours{8} - seconds{1}).code, "BX-20261125-0001");
  EXPECT_EQ(create({}, midnight_utc - hours{8}).code, "BX-20261126-0001");
  EXPECT_EQ(create({}, midnight_utc + hours{15} + std::chrono::minutes{59}).code,
            "BX-20261126-0002");
  EXPECT_EQ(create({}, midnight_utc + hours{16}).code, "BX-20261127-0001");
  EXPECT_EQ(create({}, midnight_utc, "TS").code, "TS-20261126-0001");
  EXPECT_EQ(create({}, midnight_utc).code, "BX-20261126-0003");
}

TEST_P(StoreContract, CodesGrowPastFourDigits) {
  std::vector<NewTicket> items;
  for (int i = 0; i < 10000; ++i) items.push_back(new_repair({}));
  for (const CommitOutcome& o : store_->commit(items, {})) ASSERT_TRUE(o.ok()) << o.message;
  EXPECT_EQ(items[9998].ticket.code, "BX-20261126-9999");
  EXPECT_EQ(create({}).code, "BX-20261126-10001");
}

TEST_P(StoreContract, FieldsKeepTheirTypes) {
  const Fields fields = {
      {"count", 1},
      {"amount", 1.0},
      {"ratio", -0.125},
      {"text", "1"},
      {"flag", false},
      {"nothing", Value()},
      {"due", t0(Duration{3600})},
      {"big", std::numeric_limits<std::int64_t>::max()},
      {"small", std::numeric_limits<std::int64_t>::min()},
      {"chinese", "水管漏水，三号楼二单元"},
      {"looks_like_time", "{\"$time\":\"2026-11-26T06:00:00Z\"}"},
  };
  const Ticket created = create(fields);
  EXPECT_TRUE(same_typed(store_->get(created.id)->fields, fields));
  EXPECT_TRUE(same_typed(store_->history(created.id).front().input, fields));
}

TEST_P(StoreContract, SqlLookingTextIsStoredVerbatim) {
  const std::string evil = "'; DROP TABLE tickets; --";
  NewTicket item = new_repair({{"location", evil}, {"note", "\" OR 1=1; --"}});
  item.ticket.assignee = evil;
  item.entry.actor.id = evil;
  ASSERT_TRUE(store_->create(item).ok());
  const auto stored = store_->get(item.ticket.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->assignee, evil);
  EXPECT_EQ(stored->fields.at("location").as_string(), evil);
  EXPECT_EQ(store_->history(item.ticket.id).front().actor.id, evil);
  TicketQuery q;
  q.assignee = evil;
  EXPECT_EQ(store_->query(q).size(), 1u);
  q = {};
  q.location = "'; DROP";
  EXPECT_EQ(store_->query(q).size(), 1u);
  EXPECT_EQ(store_->query({}).size(), 1u);
}

TEST_P(StoreContract, UpdateAdvancesVersionAndChainsTheJournal) {
  const Ticket created = create();
  advance(created.id, "dispatch", "dispatched");
  advance(created.id, "accept", "in_progress");
  const Ticket last = advance(created.id, "complete", "completed");

  EXPECT_EQ(last.version, 4);
  EXPECT_EQ(store_->get(created.id), last);
  const std::vector<JournalEntry> journal = store_->history(created.id);
  ASSERT_EQ(journal.size(), 4u);
  for (std::size_t i = 0; i < journal.size(); ++i) {
    EXPECT_EQ(journal[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(journal[i].ticket, created.id);
    if (i > 0) {
      EXPECT_EQ(journal[i].prev_hash, journal[i - 1].hash);
    }
  }
  EXPECT_EQ(journal.back().from_state, "in_progress");
  EXPECT_EQ(journal.back().to_state, "completed");
  EXPECT_EQ(verify_chain(created.id, journal), std::nullopt);
}

TEST_P(StoreContract, UpdateFillsInTheItemAsStored) {
  const Ticket created = create();
  Update u = change(created, "dispatch", "dispatched");
  u.ticket.code = "HACKED-1";                 // immutable: ignored
  u.ticket.created_at = t0(Duration{99999});  // immutable: ignored
  const CommitOutcome outcome = store_->update(u);
  ASSERT_TRUE(outcome.ok()) << outcome.message;
  EXPECT_EQ(outcome.version, 2);
  EXPECT_EQ(outcome.code, created.code);
  EXPECT_EQ(u.ticket.code, created.code);
  EXPECT_EQ(u.ticket.created_at, created.created_at);
  EXPECT_EQ(u.ticket.version, 2);
  EXPECT_EQ(u.entry.seq, 2);
  EXPECT_EQ(u.entry.ticket, created.id);
  EXPECT_EQ(u.entry.hash, outcome.hash);
  EXPECT_EQ(store_->get(created.id), u.ticket);
  EXPECT_EQ(store_->history(created.id).back(), u.entry);
}

TEST_P(StoreContract, StaleUpdateIsAConflictAndChangesNothing) {
  const Ticket created = create();
  Update first = change(created, "dispatch", "dispatched");
  Update second = change(created, "cancel", "cancelled");
  ASSERT_TRUE(store_->update(first).ok());
  const Update untouched = second;

  const CommitOutcome outcome = store_->update(second);
  EXPECT_EQ(outcome.status, Status::kConflict);
  EXPECT_EQ(outcome.id, created.id);
  EXPECT_THAT(outcome.message, HasSubstr("is at version 2, not 1"));
  EXPECT_EQ(second.ticket, untouched.ticket);
  EXPECT_EQ(second.entry, untouched.entry);
  EXPECT_EQ(store_->get(created.id)->state, "dispatched");
  EXPECT_EQ(store_->history(created.id).size(), 2u);
}

TEST_P(StoreContract, UpdateOfAnUnknownTicketIsAConflict) {
  Ticket ghost;
  ghost.id = 4242;
  ghost.workflow = "repair";
  ghost.state = "reported";
  ghost.version = 1;
  Update u = change(ghost, "dispatch", "dispatched");
  const CommitOutcome outcome = store_->update(u);
  EXPECT_EQ(outcome.status, Status::kConflict);
  EXPECT_THAT(outcome.message, HasSubstr("no ticket 4242"));
  EXPECT_FALSE(store_->get(4242));
}

TEST_P(StoreContract, BatchItemsSucceedOrFailOnTheirOwn) {
  const Ticket a = create();
  const Ticket b = create();
  std::vector<NewTicket> creates = {new_repair(), new_repair()};
  creates[1].code_prefix = "bad prefix!";
  std::vector<Update> updates = {change(a, "dispatch", "dispatched"),
                                 change(b, "dispatch", "dispatched"),
                                 change(a, "cancel", "cancelled")};  // stale after the first
  updates[1].expected_version = 7;

  const std::vector<CommitOutcome> outcomes = store_->commit(creates, updates);
  ASSERT_EQ(outcomes.size(), 5u);
  EXPECT_EQ(outcomes[0].status, Status::kOk);
  EXPECT_EQ(outcomes[1].status, Status::kRejected);
  EXPECT_THAT(outcomes[1].message, HasSubstr("code prefix"));
  EXPECT_EQ(outcomes[2].status, Status::kOk);
  EXPECT_EQ(outcomes[3].status, Status::kConflict);
  EXPECT_EQ(outcomes[4].status, Status::kConflict);

  EXPECT_EQ(outcomes[0].code, "BX-20261126-0003");
  EXPECT_EQ(store_->get(a.id)->state, "dispatched");
  EXPECT_EQ(store_->get(b.id)->version, 1);
  EXPECT_EQ(store_->query({}).size(), 3u);
  EXPECT_EQ(creates[1].ticket.id, 0);  // refused items are left as given
  EXPECT_TRUE(store_->verify_all().empty());
}

TEST_P(StoreContract, UpdatesOfOneTicketInOneBatchApplyInOrder) {
  const Ticket created = create();
  Update first = change(created, "dispatch", "dispatched");
  Ticket after_first = first.ticket;
  after_first.version = 2;
  std::vector<Update> updates = {first, change(after_first, "accept", "in_progress")};
  const std::vector<CommitOutcome> outcomes = store_->commit({}, updates);
  ASSERT_TRUE(outcomes[0].ok()) << outcomes[0].message;
  ASSERT_TRUE(outcomes[1].ok()) << outcomes[1].message;
  EXPECT_EQ(store_->get(created.id)->version, 3);
  EXPECT_EQ(store_->history(created.id)[2].prev_hash, outcomes[0].hash);
}

TEST_P(StoreContract, EmptyCommitDoesNothing) {
  EXPECT_TRUE(store_->commit({}, {}).empty());
  EXPECT_TRUE(store_->query({}).empty());
}

TEST_P(StoreContract, RefusesInvalidUtf8WithAClearMessage) {
  NewTicket bad_field = new_repair({{"description", std::string("pipe \xFF\xFE leaks")}});
  CommitOutcome outcome = store_->create(bad_field);
  EXPECT_EQ(outcome.status, Status::kRejected);
  EXPECT_THAT(outcome.message, HasSubstr("field 'description'"));
  EXPECT_THAT(outcome.message, HasSubstr("not valid UTF-8"));

  NewTicket bad_key = new_repair({{std::string("k\xC0\xAF"), 1}});
  EXPECT_EQ(store_->create(bad_key).status, Status::kRejected);

  NewTicket bad_name = new_repair();
  bad_name.ticket.assignee = "\xE2\x82";  // truncated sequence
  outcome = store_->create(bad_name);
  EXPECT_EQ(outcome.status, Status::kRejected);
  EXPECT_THAT(outcome.message, HasSubstr("assignee is not valid UTF-8"));

  const Ticket good = create();
  Update bad_input = change(good, "comment", "reported", "note", std::string("\xED\xA0\x80"));
  bad_input.ticket.fields.erase("note");
  outcome = store_->update(bad_input);
  EXPECT_EQ(outcome.status, Status::kRejected);
  EXPECT_THAT(outcome.message, HasSubstr("input"));
  EXPECT_EQ(store_->query({}).size(), 1u);
  EXPECT_EQ(store_->get(good.id)->version, 1);
}

TEST_P(StoreContract, RefusesFieldsBeyondTheLimit) {
  // The encoding adds {"note":""} around the text: 11 bytes.
  const std::string fits(kMaxEncodedFieldsBytes - 11, 'a');
  NewTicket at_limit = new_repair({{"note", fits}});
  at_limit.entry.input = {};
  const CommitOutcome ok = store_->create(at_limit);
  ASSERT_TRUE(ok.ok()) << ok.message;
  EXPECT_EQ(store_->get(ok.id)->fields.at("note").as_string().size(), fits.size());

  NewTicket over = new_repair({{"note", fits + "a"}});
  over.entry.input = {};
  const CommitOutcome outcome = store_->create(over);
  EXPECT_EQ(outcome.status, Status::kRejected);
  EXPECT_THAT(outcome.message, HasSubstr("more than the limit of 1048576"));

  Update big_input = change(*store_->get(ok.id), "comment", "reported", "log", fits + "ab");
  big_input.ticket.fields.erase("log");
  EXPECT_EQ(store_->update(big_input).status, Status::kRejected);

  NewTicket long_name = new_repair();
  long_name.ticket.assignee = std::string(kMaxNameBytes + 1, 'x');
  EXPECT_EQ(store_->create(long_name).status, Status::kRejected);
  EXPECT_EQ(store_->query({}).size(), 1u);
}

TEST_P(StoreContract, RefusesInconsistentItems) {
  NewTicket wrong_state = new_repair();
  wrong_state.entry.to_state = "closed";
  EXPECT_THAT(store_->create(wrong_state).message, HasSubstr("is not the ticket's state"));

  NewTicket not_create = new_repair();
  not_create.entry.event = "dispatch";
  EXPECT_EQ(store_->create(not_create).status, Status::kRejected);

  NewTicket no_workflow = new_repair();
  no_workflow.ticket.workflow.clear();
  EXPECT_THAT(store_->create(no_workflow).message, HasSubstr("workflow is empty"));

  NewTicket nan = new_repair({{"reading", std::numeric_limits<double>::quiet_NaN()}});
  EXPECT_THAT(store_->create(nan).message, HasSubstr("not finite"));

  const Ticket good = create();
  Update zero = change(good, "dispatch", "dispatched");
  zero.expected_version = 0;
  EXPECT_EQ(store_->update(zero).status, Status::kRejected);
  EXPECT_EQ(store_->query({}).size(), 1u);
  EXPECT_TRUE(store_->verify_all().empty());
}

TEST_P(StoreContract, FindByCode) {
  const Ticket a = create();
  const Ticket b = create();
  EXPECT_EQ(store_->find(b.code), b);
  EXPECT_EQ(store_->find(a.code), a);
  EXPECT_FALSE(store_->find("BX-20261126-0099"));
  EXPECT_FALSE(store_->find(""));
}

TEST_P(StoreContract, UnknownTicketsReadAsAbsent) {
  EXPECT_FALSE(store_->get(1));
  EXPECT_TRUE(store_->history(1).empty());
  EXPECT_FALSE(store_->get_with_history(1));
}

class QueryContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    // id 1..6
    ids_ = {
        make("repair", "reported", "", "general", "3-2-1502", 0),
        make("repair", "dispatched", "w1", "general", "3-2-0801", 1),
        make("repair", "dispatched", "w2", "urgent", "3-20-0101", 2),
        make("complaint", "reported", "", "major", "3-2-1502", 3),
        make("complaint", "closed", "w1", "general", "", 4),
        make("inquiry", "reported", "", "general", std::nullopt, 5),
    };
  }

  TicketId make(std::string workflow, std::string state, std::string assignee, std::string severity,
                std::optional<std::string> location, int hour) {
    Fields fields;
    if (location) fields["location"] = *location;
    NewTicket item = new_repair(fields, t0(std::chrono::hours{hour}));
    item.ticket.workflow = std::move(workflow);
    item.ticket.state = state;
    item.ticket.assignee = std::move(assignee);
    item.ticket.severity = std::move(severity);
    item.entry.to_state = std::move(state);
    const CommitOutcome outcome = store_->create(item);
    EXPECT_TRUE(outcome.ok()) << outcome.message;
    return outcome.id;
  }

  std::vector<TicketId> ids_;
};

TEST_P(QueryContract, EachFilter) {
  auto run = [&](auto set) {
    TicketQuery q;
    set(q);
    return ids_of(store_->query(q));
  };
  const auto& id = ids_;
  EXPECT_EQ(run([](TicketQuery&) {}), id);
  EXPECT_THAT(run([](TicketQuery& q) { q.workflow = "complaint"; }), ElementsAre(id[3], id[4]));
  EXPECT_THAT(run([](TicketQuery& q) { q.state = "dispatched"; }), ElementsAre(id[1], id[2]));
  EXPECT_THAT(run([](TicketQuery& q) { q.assignee = "w1"; }), ElementsAre(id[1], id[4]));
  EXPECT_THAT(run([](TicketQuery& q) { q.assignee = ""; }), ElementsAre(id[0], id[3], id[5]));
  EXPECT_THAT(run([](TicketQuery& q) { q.severity = "major"; }), ElementsAre(id[3]));
  EXPECT_THAT(run([](TicketQuery& q) { q.location = "3-2-1502"; }), ElementsAre(id[0], id[3]));
  EXPECT_THAT(run([](TicketQuery& q) { q.location = "3-2-"; }), ElementsAre(id[0], id[1], id[3]));
  EXPECT_THAT(run([](TicketQuery& q) { q.location = "3-2"; }),
              ElementsAre(id[0], id[1], id[2], id[3]));
  EXPECT_THAT(run([](TicketQuery& q) { q.location = ""; }),
              ElementsAre(id[0], id[1], id[2], id[3], id[4]));
  EXPECT_THAT(run([](TicketQuery& q) { q.location = "4"; }), ElementsAre());
  EXPECT_THAT(run([](TicketQuery& q) { q.created_from = t0(std::chrono::hours{4}); }),
              ElementsAre(id[4], id[5]));
  EXPECT_THAT(run([](TicketQuery& q) { q.created_to = t0(std::chrono::hours{1}); }),
              ElementsAre(id[0]));
  EXPECT_THAT(run([](TicketQuery& q) {
                q.created_from = t0(std::chrono::hours{1});
                q.created_to = t0(std::chrono::hours{3});
              }),
              ElementsAre(id[1], id[2]));
}

// A location query follows a ticket whose location an update changes, removes or makes a
// non-string.
TEST_P(QueryContract, LocationFollowsUpdates) {
  auto at = [&](const std::string& prefix) {
    TicketQuery q;
    q.location = prefix;
    return ids_of(store_->query(q));
  };
  const TicketId moved = ids_[1];  // "3-2-0101"
  Update u = change(*store_->get(moved), "move", "dispatched", "location", "7-1-0101");
  ASSERT_TRUE(store_->update(u).ok());
  EXPECT_THAT(at("3-2-"), ElementsAre(ids_[0], ids_[3]));
  EXPECT_THAT(at("7-1"), ElementsAre(moved));
  u = change(*store_->get(moved), "move", "dispatched", "location", 42);
  ASSERT_TRUE(store_->update(u).ok());
  EXPECT_THAT(at("7-1"), ElementsAre());
  EXPECT_THAT(at(""), ElementsAre(ids_[0], ids_[2], ids_[3], ids_[4]));
  u = change(*store_->get(moved), "move", "dispatched", "location", "3-2-0101");
  ASSERT_TRUE(store_->update(u).ok());
  EXPECT_THAT(at("3-2-"), ElementsAre(ids_[0], moved, ids_[3]));
  u = change(*store_->get(moved), "move", "dispatched", "location", Value());
  ASSERT_TRUE(store_->update(u).ok());
  EXPECT_THAT(at("3-2-"), ElementsAre(ids_[0], ids_[3]));
}

TEST_P(QueryContract, CombinedFiltersAndPaging) {
  TicketQuery q;
  q.workflow = "repair";
  q.location = "3-2";
  q.state = "dispatched";
  EXPECT_THAT(ids_of(store_->query(q)), ElementsAre(ids_[1], ids_[2]));
  q.assignee = "w2";
  EXPECT_THAT(ids_of(store_->query(q)), ElementsAre(ids_[2]));

  TicketQuery page;
  page.limit = 2;
  EXPECT_THAT(ids_of(store_->query(page)), ElementsAre(ids_[0], ids_[1]));
  page.offset = 2;
  EXPECT_THAT(ids_of(store_->query(page)), ElementsAre(ids_[2], ids_[3]));
  page.offset = 6;
  EXPECT_TRUE(store_->query(page).empty());
  page.offset = 0;
  page.limit = 0;
  EXPECT_TRUE(store_->query(page).empty());
  TicketQuery filtered_page;
  filtered_page.state = "reported";
  filtered_page.offset = 1;
  filtered_page.limit = 1;
  EXPECT_THAT(ids_of(store_->query(filtered_page)), ElementsAre(ids_[3]));
}

// `after` pages by id: with or without filters and a location, each page starts past the last id
// of the one before, and the pages together are the whole result in order.
TEST_P(QueryContract, AfterPagesByIdThroughEveryFilter) {
  const auto pages = [&](TicketQuery q) {
    q.limit = 2;
    std::vector<std::vector<TicketId>> out;
    for (;;) {
      const std::vector<TicketId> page = ids_of(store_->query(q));
      if (page.empty()) return out;
      out.push_back(page);
      q.after = page.back();
    }
  };
  const auto& id = ids_;
  EXPECT_THAT(pages({}), ElementsAre(ElementsAre(id[0], id[1]), ElementsAre(id[2], id[3]),
                                     ElementsAre(id[4], id[5])));
  TicketQuery reported;
  reported.state = "reported";
  EXPECT_THAT(pages(reported), ElementsAre(ElementsAre(id[0], id[3]), ElementsAre(id[5])));
  TicketQuery located;
  located.location = "3-2";
  EXPECT_THAT(pages(located), ElementsAre(ElementsAre(id[0], id[1]), ElementsAre(id[2], id[3])));

  TicketQuery q;
  q.after = id[2];
  EXPECT_THAT(ids_of(store_->query(q)), ElementsAre(id[3], id[4], id[5]));
  q.offset = 1;  // skips matches after `after`
  EXPECT_THAT(ids_of(store_->query(q)), ElementsAre(id[4], id[5]));
  q.offset = 0;
  q.after = -7;  // every id is greater
  EXPECT_EQ(ids_of(store_->query(q)), id);
  q.after = std::numeric_limits<TicketId>::max();
  EXPECT_TRUE(store_->query(q).empty());
  q.after = id[5];
  EXPECT_TRUE(store_->query(q).empty());
}

TEST_P(QueryContract, QueriesFollowUpdates) {
  advance(ids_[0], "dispatch", "dispatched");
  TicketQuery q;
  q.state = "dispatched";
  EXPECT_THAT(ids_of(store_->query(q)), ElementsAre(ids_[0], ids_[1], ids_[2]));
  for (const Ticket& t : store_->query({})) EXPECT_TRUE(matches({}, t));
}

TEST_P(QueryContract, CountByState) {
  EXPECT_THAT(
      store_->count_by_state(),
      ElementsAre(StateCount{"complaint", "closed", 1}, StateCount{"complaint", "reported", 1},
                  StateCount{"inquiry", "reported", 1}, StateCount{"repair", "dispatched", 2},
                  StateCount{"repair", "reported", 1}));
}

TEST_P(QueryContract, TicketIdsPageThroughEverything) {
  EXPECT_THAT(store_->ticket_ids(0, 4), ElementsAre(ids_[0], ids_[1], ids_[2], ids_[3]));
  EXPECT_THAT(store_->ticket_ids(ids_[3], 4), ElementsAre(ids_[4], ids_[5]));
  EXPECT_TRUE(store_->ticket_ids(ids_[5], 4).empty());
}

TEST_P(StoreContract, GetWithHistoryIsOneSnapshot) {
  const Ticket created = create();
  advance(created.id, "dispatch", "dispatched");
  const auto h = store_->get_with_history(created.id);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->ticket, *store_->get(created.id));
  EXPECT_EQ(h->entries, store_->history(created.id));
}

TEST_P(StoreContract, VerifyAllIsCleanAfterManyChanges) {
  for (int i = 0; i < 20; ++i) {
    const Ticket t = create({{"location", "1-1-" + std::to_string(i)}});
    for (int k = 0; k < i % 5; ++k) advance(t.id, "step", "s" + std::to_string(k));
  }
  EXPECT_TRUE(store_->verify_all().empty());
}

TEST_P(StoreContract, ConcurrentWritersNeverLoseAnUpdate) {
  const Ticket counter = create({{"count", 0}});
  constexpr int kThreads = 4;
  constexpr int kIncrements = 25;
  std::vector<std::thread> threads;
  std::atomic<int> conflicts{0};
  std::atomic<int> created{0};
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      for (int done = 0; done < kIncrements;) {
        const Ticket current = *store_->get(counter.id);
        Update u =
            change(current, "count", "reported", "count", current.fields.at("count").as_int() + 1);
        const CommitOutcome outcome = store_->update(u);
        if (outcome.ok()) {
          ++done;
        } else {
          ASSERT_EQ(outcome.status, Status::kConflict) << outcome.message;
          ++conflicts;
        }
        // Readers and creators run alongside.
        (void)store_->query({});
        create();
        ++created;
      }
    });
  }
  for (auto& t : threads) t.join();
  const Ticket final = *store_->get(counter.id);
  EXPECT_EQ(final.fields.at("count").as_int(), kThreads * kIncrements);
  EXPECT_EQ(final.version, 1 + kThreads * kIncrements);
  EXPECT_TRUE(store_->verify_all().empty());
  TicketQuery all;
  all.limit = 100000;
  EXPECT_EQ(store_->query(all).size(), 1u + static_cast<std::size_t>(created.load()));
}

// --- timers and clocks ----------------------------------------------------------------------

class TimerContract : public StoreContract {
 protected:
  // Creates a repair ticket with `changes`; returns it as stored.
  Ticket create_with(TimerChanges changes) {
    NewTicket item = new_repair();
    item.timers = std::move(changes);
    const CommitOutcome outcome = store_->create(item);
    EXPECT_TRUE(outcome.ok()) << outcome.message;
    return item.ticket;
  }

  // Updates the stored ticket `id` with `changes`; returns the outcome.
  CommitOutcome update_with(TicketId id, TimerChanges changes) {
    Update u = change(*store_->get(id), "step", "reported");
    u.timers = std::move(changes);
    return store_->update(u);
  }

  // Every timer, in (due, ticket, key) order.
  std::vector<Timer> all_timers() { return store_->due_timers(TimePoint::max(), 1000000); }
};

TEST_P(TimerContract, AnEmptyStoreHasNoTimers) {
  EXPECT_EQ(store_->next_timer(), std::nullopt);
  EXPECT_TRUE(all_timers().empty());
  EXPECT_TRUE(store_->timers(1).empty());
  create();
  EXPECT_EQ(store_->next_timer(), std::nullopt);  // a ticket without timers adds none
}

TEST_P(TimerContract, ACreationSchedulesItsTimers) {
  // Timer::ticket is ignored: the creation's ticket is meant.
  const Ticket t = create_with(schedule({timer("clock:response", 7200, 999),
                                         timer("after:0", 172800), timer("clock:resolve", 3600)}));
  const Ticket other = create();
  EXPECT_THAT(store_->timers(t.id),
              ElementsAre(timer("after:0", 172800, t.id), timer("clock:resolve", 3600, t.id),
                          timer("clock:response", 7200, t.id)));
  EXPECT_TRUE(store_->timers(other.id).empty());
  EXPECT_TRUE(store_->timers(999).empty());
  EXPECT_EQ(store_->next_timer(), timer("clock:resolve", 3600, t.id));
  // Timers are not a change of the ticket: version 1, one journal entry.
  EXPECT_EQ(store_->get(t.id)->version, 1);
  EXPECT_EQ(store_->history(t.id).size(), 1u);
}

TEST_P(TimerContract, ScheduleReplacesATimerWithTheSameKey) {
  const Ticket t = create_with(schedule({timer("a", 100), timer("b", 200)}));
  ASSERT_TRUE(update_with(t.id, schedule({timer("a", 500)})).ok());
  EXPECT_THAT(store_->timers(t.id), ElementsAre(timer("a", 500, t.id), timer("b", 200, t.id)));
  EXPECT_THAT(all_timers(), ElementsAre(timer("b", 200, t.id), timer("a", 500, t.id)));
  EXPECT_EQ(store_->next_timer(), timer("b", 200, t.id));
  // Two schedules of one key in one change: the later wins; earlier is fine too.
  ASSERT_TRUE(update_with(t.id, schedule({timer("b", 900), timer("b", 50)})).ok());
  EXPECT_THAT(all_timers(), ElementsAre(timer("b", 50, t.id), timer("a", 500, t.id)));
}

TEST_P(TimerContract, CancelRemovesKeysAndIgnoresMissingOnes) {
  const Ticket t = create_with(schedule({timer("a", 100), timer("b", 200), timer("c", 300)}));
  TimerChanges cancel;
  cancel.cancel = {"a", "nope", "c"};
  ASSERT_TRUE(update_with(t.id, cancel).ok());
  EXPECT_THAT(store_->timers(t.id), ElementsAre(timer("b", 200, t.id)));
  EXPECT_EQ(store_->next_timer(), timer("b", 200, t.id));
  cancel.cancel = {"b"};
  ASSERT_TRUE(update_with(t.id, cancel).ok());
  EXPECT_TRUE(store_->timers(t.id).empty());
  EXPECT_EQ(store_->next_timer(), std::nullopt);
}

TEST_P(TimerContract, ChangesApplyInOrderCancelAllCancelSchedule) {
  const Ticket t = create_with(schedule({timer("a", 100), timer("b", 200)}));
  const Ticket other = create_with(schedule({timer("a", 150)}));
  TimerChanges changes;
  changes.cancel_all = true;
  changes.cancel = {"c"};  // cancel comes before schedule: "c" is scheduled below and stays
  changes.schedule = {timer("c", 400), timer("d", 50)};
  ASSERT_TRUE(update_with(t.id, changes).ok());
  EXPECT_THAT(store_->timers(t.id), ElementsAre(timer("c", 400, t.id), timer("d", 50, t.id)));
  EXPECT_THAT(store_->timers(other.id), ElementsAre(timer("a", 150, other.id)));  // untouched
  TimerChanges clear;
  clear.cancel_all = true;
  ASSERT_TRUE(update_with(t.id, clear).ok());
  EXPECT_TRUE(store_->timers(t.id).empty());
  EXPECT_THAT(all_timers(), ElementsAre(timer("a", 150, other.id)));
}

TEST_P(TimerContract, DueTimersAreOrderedByDueThenTicketThenKey) {
  const Ticket a = create();
  const Ticket b = create();
  ASSERT_LT(a.id, b.id);
  ASSERT_TRUE(update_with(b.id, schedule({timer("a", 10), timer("x", 20)})).ok());
  ASSERT_TRUE(update_with(a.id, schedule({timer("z", 10), timer("b", 10), timer("c", 5)})).ok());
  EXPECT_THAT(all_timers(), ElementsAre(timer("c", 5, a.id), timer("b", 10, a.id),
                                        timer("z", 10, a.id), timer("a", 10, b.id),
                                        timer("x", 20, b.id)));
  EXPECT_EQ(store_->next_timer(), timer("c", 5, a.id));
  // Keys compare bytewise: "B" < "a" < "é".
  ASSERT_TRUE(update_with(a.id, schedule({timer("é", 1), timer("B", 1), timer("a", 1)})).ok());
  EXPECT_THAT(store_->due_timers(t0(Duration{1}), 10),
              ElementsAre(timer("B", 1, a.id), timer("a", 1, a.id), timer("é", 1, a.id)));
}

TEST_P(TimerContract, DueTimersStopAtUntilInclusiveAndAtTheLimit) {
  const Ticket t = create_with(
      schedule({timer("a", 100), timer("b", 200), timer("c", 200), timer("d", 300)}));
  EXPECT_TRUE(store_->due_timers(t0(Duration{99}), 10).empty());
  EXPECT_THAT(store_->due_timers(t0(Duration{100}), 10), ElementsAre(timer("a", 100, t.id)));
  EXPECT_THAT(store_->due_timers(t0(Duration{200}), 10),
              ElementsAre(timer("a", 100, t.id), timer("b", 200, t.id), timer("c", 200, t.id)));
  EXPECT_THAT(store_->due_timers(t0(Duration{299}), 10).size(), 3u);
  EXPECT_THAT(store_->due_timers(t0(Duration{1000}), 2),
              ElementsAre(timer("a", 100, t.id), timer("b", 200, t.id)));
  EXPECT_TRUE(store_->due_timers(t0(Duration{1000}), 0).empty());
  EXPECT_EQ(store_->due_timers(TimePoint::max(), std::numeric_limits<std::size_t>::max()).size(),
            4u);
  // Times far from now are kept exactly.
  ASSERT_TRUE(update_with(t.id, schedule({Timer{0, "min", TimePoint::min()},
                                          Timer{0, "max", TimePoint::max()}}))
                  .ok());
  EXPECT_EQ(store_->next_timer(), (Timer{t.id, "min", TimePoint::min()}));
  EXPECT_EQ(all_timers().back(), (Timer{t.id, "max", TimePoint::max()}));
}

TEST_P(TimerContract, AConflictingUpdateLeavesTheTimersAlone) {
  const Ticket t = create_with(schedule({timer("a", 100)}));
  ASSERT_TRUE(update_with(t.id, {}).ok());  // now at version 2
  Update stale = change(t, "step", "reported");  // computed at version 1
  TimerChanges changes;
  changes.cancel_all = true;
  changes.schedule = {timer("b", 5)};
  stale.timers = changes;
  EXPECT_EQ(store_->update(stale).status, Status::kConflict);
  EXPECT_THAT(all_timers(), ElementsAre(timer("a", 100, t.id)));
}

TEST_P(TimerContract, ARejectedItemSchedulesNothing) {
  NewTicket bad_entry = new_repair();
  bad_entry.entry.to_state = "closed";
  bad_entry.timers = schedule({timer("a", 100)});
  EXPECT_EQ(store_->create(bad_entry).status, Status::kRejected);

  NewTicket empty_key = new_repair();
  empty_key.timers = schedule({timer("a", 100), timer("", 200)});
  CommitOutcome outcome = store_->create(empty_key);
  EXPECT_EQ(outcome.status, Status::kRejected);
  EXPECT_THAT(outcome.message, HasSubstr("timer key is empty"));

  const Ticket t = create_with(schedule({timer("keep", 100)}));
  TimerChanges bad_cancel;
  bad_cancel.cancel_all = true;
  bad_cancel.cancel = {std::string(kMaxNameBytes + 1, 'k')};
  outcome = update_with(t.id, bad_cancel);
  EXPECT_EQ(outcome.status, Status::kRejected);
  EXPECT_THAT(outcome.message, HasSubstr("timer key is 4097 bytes long"));
  outcome = update_with(t.id, schedule({timer("bad \xFF", 1)}));
  EXPECT_EQ(outcome.status, Status::kRejected);
  EXPECT_THAT(outcome.message, HasSubstr("timer key is not valid UTF-8"));

  EXPECT_THAT(all_timers(), ElementsAre(timer("keep", 100, t.id)));
  EXPECT_EQ(store_->get(t.id)->version, 1);
  EXPECT_EQ(store_->query({}).size(), 1u);
}

TEST_P(TimerContract, InABatchOnlyTheItemsThatCommitLeaveTimers) {
  const Ticket a = create_with(schedule({timer("a0", 1)}));
  const Ticket b = create_with(schedule({timer("b0", 2)}));
  std::vector<NewTicket> creates = {new_repair(), new_repair()};
  creates[0].timers = schedule({timer("new-ok", 10)});
  creates[1].code_prefix = "bad prefix!";
  creates[1].timers = schedule({timer("new-refused", 11)});
  std::vector<Update> updates = {change(a, "dispatch", "dispatched"),
                                 change(b, "dispatch", "dispatched")};
  updates[0].timers.cancel_all = true;
  updates[0].timers.schedule = {timer("a-ok", 20)};
  updates[1].expected_version = 7;  // a conflict
  updates[1].timers.cancel_all = true;
  updates[1].timers.schedule = {timer("b-conflict", 21)};

  const std::vector<CommitOutcome> outcomes = store_->commit(creates, updates);
  ASSERT_EQ(outcomes.size(), 4u);
  EXPECT_EQ(outcomes[0].status, Status::kOk);
  EXPECT_EQ(outcomes[1].status, Status::kRejected);
  EXPECT_EQ(outcomes[2].status, Status::kOk);
  EXPECT_EQ(outcomes[3].status, Status::kConflict);
  EXPECT_THAT(all_timers(), ElementsAre(timer("b0", 2, b.id), timer("new-ok", 10, outcomes[0].id),
                                        timer("a-ok", 20, a.id)));
}

TEST_P(TimerContract, RescheduleChangesTimersButNotTheTicket) {
  const Ticket t = create_with(schedule({timer("a", 100), timer("b", 200)}));
  ASSERT_TRUE(update_with(t.id, {}).ok());
  const Ticket before = *store_->get(t.id);
  TimerChanges changes;
  changes.cancel = {"b"};
  changes.schedule = {timer("a", 900), timer("c", 50)};
  const CommitOutcome outcome = store_->reschedule(t.id, 2, changes);
  ASSERT_TRUE(outcome.ok()) << outcome.message;
  EXPECT_EQ(outcome.id, t.id);
  EXPECT_EQ(outcome.version, 2);
  EXPECT_EQ(outcome.code, t.code);
  EXPECT_EQ(outcome.hash, "");
  EXPECT_THAT(all_timers(), ElementsAre(timer("c", 50, t.id), timer("a", 900, t.id)));
  EXPECT_EQ(store_->get(t.id), before);
  EXPECT_EQ(store_->history(t.id).size(), 2u);
  // An update still expects version 2: a reschedule does not move it.
  EXPECT_TRUE(update_with(t.id, {}).ok());
}

TEST_P(TimerContract, RescheduleOfAStaleVersionIsAConflict) {
  const Ticket t = create_with(schedule({timer("a", 100)}));
  ASSERT_TRUE(update_with(t.id, {}).ok());
  TimerChanges changes;
  changes.cancel_all = true;
  changes.schedule = {timer("b", 5)};
  const CommitOutcome outcome = store_->reschedule(t.id, 1, changes);
  EXPECT_EQ(outcome.status, Status::kConflict);
  EXPECT_EQ(outcome.id, t.id);
  EXPECT_EQ(outcome.message, "ticket " + std::to_string(t.id) + " is at version 2, not 1");
  EXPECT_EQ(store_->reschedule(t.id, 3, changes).status, Status::kConflict);
  EXPECT_THAT(all_timers(), ElementsAre(timer("a", 100, t.id)));
}

TEST_P(TimerContract, RescheduleOfAnUnknownTicketIsAConflict) {
  const CommitOutcome outcome = store_->reschedule(4242, 1, schedule({timer("a", 1)}));
  EXPECT_EQ(outcome.status, Status::kConflict);
  EXPECT_EQ(outcome.id, 4242);
  EXPECT_EQ(outcome.message, "no ticket 4242");
  EXPECT_TRUE(store_->timers(4242).empty());
  EXPECT_EQ(store_->next_timer(), std::nullopt);
}

TEST_P(TimerContract, RescheduleRefusesABadKey) {
  const Ticket t = create_with(schedule({timer("a", 100)}));
  TimerChanges changes;
  changes.cancel_all = true;
  changes.schedule = {timer("b", 5), timer("", 6)};
  CommitOutcome outcome = store_->reschedule(t.id, 1, changes);
  EXPECT_EQ(outcome.status, Status::kRejected);
  EXPECT_EQ(outcome.id, t.id);
  EXPECT_THAT(outcome.message, HasSubstr("timer key is empty"));
  changes.schedule = {timer(std::string(kMaxNameBytes + 1, 'x'), 5)};
  EXPECT_EQ(store_->reschedule(t.id, 1, changes).status, Status::kRejected);
  changes.schedule = {timer("\xC0\xAF", 5)};  // overlong
  EXPECT_EQ(store_->reschedule(t.id, 1, changes).status, Status::kRejected);
  EXPECT_THAT(all_timers(), ElementsAre(timer("a", 100, t.id)));
}

TEST_P(TimerContract, ConcurrentReschedulesAndUpdatesKeepOneTimerPerKey) {
  const Ticket t = create_with(schedule({timer("k", 0)}));
  constexpr int kThreads = 4;
  constexpr int kRounds = 20;
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < kRounds; ++round) {
        const Ticket current = *store_->get(t.id);
        const std::int64_t due = 1000 * i + round;
        if (round % 2 == 0) {
          (void)store_->reschedule(t.id, current.version, schedule({timer("k", due)}));
        } else {
          Update u = change(current, "step", "reported");
          u.timers = schedule({timer("k", due)});
          (void)store_->update(u);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(store_->timers(t.id).size(), 1u);
  EXPECT_EQ(all_timers(), store_->timers(t.id));
  EXPECT_TRUE(store_->verify_all().empty());
}

TEST_P(TimerContract, ClocksRoundTripOnCreateAndUpdate) {
  NewTicket item = new_repair();
  item.ticket.clocks = sample_clocks();
  ASSERT_TRUE(store_->create(item).ok());
  EXPECT_EQ(item.ticket.clocks, sample_clocks());
  EXPECT_EQ(store_->get(item.ticket.id), item.ticket);
  EXPECT_EQ(store_->find(item.ticket.code)->clocks, sample_clocks());
  EXPECT_EQ(store_->query({}).front().clocks, sample_clocks());
  EXPECT_EQ(store_->get_with_history(item.ticket.id)->ticket.clocks, sample_clocks());

  Update u = change(item.ticket, "resolve", "resolved");
  u.ticket.clocks[0].phase = SlaClockState::Phase::kStopped;
  u.ticket.clocks[0].due.reset();
  u.ticket.clocks[0].steps_done = ~std::uint64_t{0};
  u.ticket.clocks.pop_back();
  ASSERT_TRUE(store_->update(u).ok());
  EXPECT_EQ(store_->get(item.ticket.id), u.ticket);
  ASSERT_EQ(store_->get(item.ticket.id)->clocks.size(), 1u);
  EXPECT_EQ(store_->get(item.ticket.id)->clocks[0].steps_done, ~std::uint64_t{0});

  Update clear = change(u.ticket, "reopen", "reported");
  clear.ticket.clocks.clear();
  ASSERT_TRUE(store_->update(clear).ok());
  EXPECT_TRUE(store_->get(item.ticket.id)->clocks.empty());
}

TEST_P(TimerContract, RefusesClocksThatCannotBeStored) {
  NewTicket bad_name = new_repair();
  bad_name.ticket.clocks = sample_clocks();
  bad_name.ticket.clocks[1].name = "bad \xE2\x82";
  CommitOutcome outcome = store_->create(bad_name);
  EXPECT_EQ(outcome.status, Status::kRejected);
  EXPECT_THAT(outcome.message, HasSubstr("clock name is not valid UTF-8"));

  NewTicket no_name = new_repair();
  no_name.ticket.clocks = sample_clocks();
  no_name.ticket.clocks[0].name.clear();
  EXPECT_THAT(store_->create(no_name).message, HasSubstr("clock name is empty"));

  const Ticket good = create();
  Update bad_phase = change(good, "step", "reported");
  bad_phase.ticket.clocks = sample_clocks();
  bad_phase.ticket.clocks[0].phase = static_cast<SlaClockState::Phase>(9);
  outcome = store_->update(bad_phase);
  EXPECT_EQ(outcome.status, Status::kRejected);
  EXPECT_THAT(outcome.message, HasSubstr("clocks: clock 1 ('response'): phase 9 is not a phase"));

  Update too_many = change(good, "step", "reported");
  too_many.ticket.clocks.assign(kMaxEncodedFieldsBytes / 150, sample_clocks()[0]);
  outcome = store_->update(too_many);
  EXPECT_EQ(outcome.status, Status::kRejected);
  EXPECT_THAT(outcome.message, HasSubstr("clocks take"));
  EXPECT_THAT(outcome.message, HasSubstr("more than the limit of 1048576"));

  EXPECT_EQ(store_->query({}).size(), 1u);
  EXPECT_EQ(store_->get(good.id)->version, 1);
  EXPECT_TRUE(store_->get(good.id)->clocks.empty());
}

// A workflow version as a store keeps it.
StoredWorkflow stored_workflow(std::string name, int version, std::string text) {
  StoredWorkflow w;
  w.name = std::move(name);
  w.version = version;
  w.source_name = w.name + ".yaml";
  w.source_text = std::move(text);
  w.source_hash = sha256_hex(w.source_text);
  w.saved_at = t0();
  return w;
}

TEST_P(StoreContract, WorkflowsStartEmpty) { EXPECT_TRUE(store_->workflows().empty()); }

TEST_P(StoreContract, SavedWorkflowsAreListedByNameThenVersion) {
  const StoredWorkflow repair2 = stored_workflow("repair", 2, "name: repair\nversion: 2\n");
  const StoredWorkflow repair1 = stored_workflow("repair", 1, "name: repair\nversion: 1\n");
  const StoredWorkflow complaint = stored_workflow("complaint", 1, "name: complaint # 投诉\n");
  for (const StoredWorkflow* w : {&repair2, &repair1, &complaint}) {
    const WorkflowSaveOutcome outcome = store_->save_workflow(*w);
    EXPECT_EQ(outcome.status, WorkflowSaveOutcome::Status::kSaved) << outcome.message;
    EXPECT_TRUE(outcome.ok());
  }
  EXPECT_THAT(store_->workflows(), ElementsAre(complaint, repair1, repair2));
}

TEST_P(StoreContract, SavingTheSameContentAgainIsANoOp) {
  const StoredWorkflow first = stored_workflow("repair", 1, "name: repair\n");
  ASSERT_TRUE(store_->save_workflow(first).ok());
  StoredWorkflow again = first;
  again.source_name = "elsewhere/repair.yaml";
  again.saved_at = t0(Duration{3600});
  const WorkflowSaveOutcome outcome = store_->save_workflow(again);
  EXPECT_EQ(outcome.status, WorkflowSaveOutcome::Status::kAlreadyStored);
  EXPECT_TRUE(outcome.ok());
  EXPECT_THAT(store_->workflows(), ElementsAre(first));  // the first save stays as it was
}

TEST_P(StoreContract, SavingOtherContentUnderAStoredVersionIsRefused) {
  const StoredWorkflow first = stored_workflow("repair", 1, "name: repair\n");
  ASSERT_TRUE(store_->save_workflow(first).ok());
  const WorkflowSaveOutcome outcome =
      store_->save_workflow(stored_workflow("repair", 1, "name: repair\n# edited\n"));
  EXPECT_EQ(outcome.status, WorkflowSaveOutcome::Status::kDifferentContent);
  EXPECT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.message,
            "workflow 'repair' version 1 is already stored with different content; give the "
            "changed workflow a new version");
  EXPECT_THAT(store_->workflows(), ElementsAre(first));
  EXPECT_TRUE(store_->save_workflow(stored_workflow("repair", 2, "name: repair\n# edited\n")).ok());
}

TEST_P(StoreContract, RefusesUnacceptableWorkflows) {
  struct Case {
    StoredWorkflow workflow;
    std::string message;
  };
  StoredWorkflow wrong_hash = stored_workflow("repair", 1, "a");
  wrong_hash.source_hash = sha256_hex("b");
  const Case cases[] = {
      {stored_workflow("", 1, "a"), "workflow name is empty"},
      {stored_workflow("repair", 0, "a"), "workflow version 0 is below 1"},
      {stored_workflow("repair", 1, "bad \xC3"), "not valid UTF-8"},
      {stored_workflow("repair", 1, std::string(kMaxWorkflowSourceBytes + 1, 'x')),
       "more than the limit"},
      {wrong_hash, "is not the SHA-256 of its source text"},
  };
  for (const Case& c : cases) {
    const WorkflowSaveOutcome outcome = store_->save_workflow(c.workflow);
    EXPECT_EQ(outcome.status, WorkflowSaveOutcome::Status::kRejected) << c.message;
    EXPECT_THAT(outcome.message, HasSubstr(c.message));
  }
  EXPECT_TRUE(store_->workflows().empty());
}

TEST_P(StoreContract, ConcurrentSavesOfOneVersionStoreItOnce) {
  constexpr int kThreads = 8;
  std::atomic<int> saved{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      // Half the threads bring other content: exactly one save may win overall.
      const std::string text = "name: repair\n# " + std::to_string(i % 2) + "\n";
      const WorkflowSaveOutcome outcome = store_->save_workflow(stored_workflow("repair", 1, text));
      if (outcome.status == WorkflowSaveOutcome::Status::kSaved) ++saved;
      if (outcome.status == WorkflowSaveOutcome::Status::kDifferentContent) ++refused;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(saved.load(), 1);
  EXPECT_EQ(refused.load(), kThreads / 2);
  EXPECT_EQ(store_->workflows().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreContract, ::testing::ValuesIn(every_store()), store_name);
INSTANTIATE_TEST_SUITE_P(Stores, QueryContract, ::testing::ValuesIn(every_store()), store_name);
INSTANTIATE_TEST_SUITE_P(Stores, TimerContract, ::testing::ValuesIn(every_store()), store_name);

}  // namespace
}  // namespace propdesk
