#include "cli/demo_repairs.hpp"

#include <chrono>
#include <functional>

#include "cli/demo_plot.hpp"

namespace propdesk::cli::demo {

namespace {

using std::chrono::hours;
using Reason = Rejection::Reason;

struct RepairCase {
  Resident resident;
  RepairProblem problem;
  std::string location;
  std::string channel;
};

RepairCase draw_repair(const Scene& s, const std::function<bool(const RepairProblem&)>& want) {
  RepairCase c;
  c.resident = draw_resident(s.rng);
  do {
    c.problem = pick(s.rng, repair_problems());
  } while (!want(c.problem));
  c.location = c.problem.in_flat ? c.resident.room : draw_public_place(s.rng, c.problem.place);
  c.channel = draw_channel(s.rng);
  return c;
}

Fields repair_fields(const RepairCase& c, bool paid = false) {
  return {{"location", c.location},
          {"category", c.problem.category},
          {"description", c.problem.description},
          {"reporter", c.resident.name},
          {"phone", c.resident.phone},
          {"channel", c.channel},
          {"paid", paid}};
}

// Rated in the app (which moves the order to the callback), a time named for the desk's call,
// and the call at that time, or a day late.
void rated_and_called_back(Plot& p, const Scene& s, const Resident& resident, Callback how) {
  const int satisfaction = draw(s.rng, 4, 5);
  p.then(minutes(s.rng, 30, 120), resident.actor(), "rate", {{"satisfaction", satisfaction}});
  const TimePoint slot = callback_slot(s, p.planned());
  p.then(minutes(s.rng, 1, 5), resident.actor(), "schedule_callback", {{"callback_at", slot}})
      .at(callback_time(s, slot, how), s.staff.desk(s.rng), "call_back",
          {{"satisfaction", satisfaction}});
}

// Nobody rates: the desk asks when to call, the 48-hour timer moves the order to the callback,
// and the desk calls then.
void called_back_after_the_timer(Plot& p, const Scene& s) {
  const Actor& desk = s.staff.desk(s.rng);
  const TimePoint slot = callback_slot(s, p.planned() + hours(48));
  p.then(minutes(s.rng, 10, 30), desk, "schedule_callback", {{"callback_at", slot}})
      .at(callback_time(s, slot, Callback::kOnTime), desk, "call_back",
          {{"satisfaction", draw(s.rng, 3, 5)}})
      .expecting("callback");
}

// Completion, then what residents do: rate in the app and wait for the call at their time; be
// called back by the desk at once; be unhappy at the callback (the order goes back to the
// repairer); or not rate at all.
void finish_repair(Plot& p, const Scene& s, const Actor& repairer, const Resident& resident) {
  p.then(minutes(s.rng, 30, 90), repairer, "complete");
  const int roll = draw(s.rng, 1, 100);
  if (roll <= 35) return rated_and_called_back(p, s, resident, draw_callback(s.rng, 15));
  if (roll <= 90) {
    const Actor& desk = s.staff.desk(s.rng);
    if (roll > 80) {
      p.then(minutes(s.rng, 40, 120), desk, "call_back", {{"satisfaction", 2}})
          .then(minutes(s.rng, 20, 60), repairer, "accept")
          .then(minutes(s.rng, 30, 60), repairer, "complete");
    }
    p.then(minutes(s.rng, 40, 120), desk, "call_back", {{"satisfaction", draw(s.rng, 3, 5)}});
    return;
  }
  called_back_after_the_timer(p, s);
}

}  // namespace

Story dispatched_repair(const Scene& s) {
  RepairCase c = draw_repair(s, [](const RepairProblem&) { return true; });
  const Actor& repairer = s.staff.repairer_for(c.problem.category);
  Plot p(s, "repair", repair_fields(c), s.staff.desk(s.rng));
  const char* mode = chance(s.rng, 50) ? "verbal" : "printed";
  p.then(minutes(s.rng, 3, 15), s.staff.dispatcher, "dispatch",
         {{"assignee", repairer.id}, {"dispatch_mode", mode}})
      .then(minutes(s.rng, 5, 20), repairer, "accept");
  finish_repair(p, s, repairer, c.resident);
  return std::move(p).done();
}

Story grabbed_repair(const Scene& s) {
  RepairCase c = draw_repair(s, [](const RepairProblem& p) { return p.category != "elevator"; });
  c.channel = "app";
  const Actor& repairer = s.staff.repairer_for(c.problem.category);
  Plot p(s, "repair", repair_fields(c), c.resident.actor());
  p.then(minutes(s.rng, 5, 25), repairer, "grab");
  finish_repair(p, s, repairer, c.resident);
  return std::move(p).done();
}

Story urgent_lift(const Scene& s) {
  RepairCase c = draw_repair(s, [](const RepairProblem& p) { return p.category == "elevator"; });
  c.location = draw_public_place(s.rng, "电梯");
  c.problem.description = "电梯停在" + std::to_string(draw(s.rng, 3, 17)) + "楼不动，有人被困";
  c.channel = "phone";
  const Actor& desk = s.staff.desk(s.rng);
  Plot p(s, "repair", repair_fields(c), desk);
  p.then(minutes(s.rng, 1, 2), desk, "mark_urgent")
      .then(minutes(s.rng, 1, 3), s.staff.dispatcher, "dispatch",
            {{"assignee", s.staff.lift_engineer.id}, {"dispatch_mode", "verbal"}})
      .then(minutes(s.rng, 2, 5), s.staff.lift_engineer, "accept")
      .then(minutes(s.rng, 15, 30), s.staff.lift_engineer, "complete")
      .then(minutes(s.rng, 60, 120), desk, "call_back", {{"satisfaction", 5}});
  return std::move(p).done();
}

Story held_repair(const Scene& s) {
  RepairCase c = draw_repair(
      s, [](const RepairProblem& p) { return p.in_flat && p.category == "door_window"; });
  const Actor& repairer = s.staff.repairer_for(c.problem.category);
  Plot p(s, "repair", repair_fields(c), s.staff.desk(s.rng));
  p.then(minutes(s.rng, 5, 20), s.staff.dispatcher, "dispatch",
         {{"assignee", repairer.id}, {"dispatch_mode", "printed"}})
      .then(minutes(s.rng, 10, 30), repairer, "accept")
      .then(minutes(s.rng, 20, 40), repairer, "hold", {{"reason", "配件型号特殊，去五金市场买"}})
      .then(minutes(s.rng, 90, 150), repairer, "resume");
  finish_repair(p, s, repairer, c.resident);
  return std::move(p).done();
}

Story paid_repair(const Scene& s, bool mistake) {
  RepairCase c;
  c.resident = draw_resident(s.rng);
  c.problem = {"plumbing", "厨房水龙头老化滴水，想换个新的（户内，有偿）", true, ""};
  c.location = c.resident.room;
  c.channel = "visit";
  const Actor& repairer = s.staff.plumber;
  const Actor& desk = s.staff.desk(s.rng);
  const double fee = 60.0 + 10.0 * draw(s.rng, 0, 6);
  Plot p(s, "repair", repair_fields(c, /*paid=*/true), desk);
  p.then(minutes(s.rng, 5, 15), desk, "dispatch",
         {{"assignee", repairer.id}, {"dispatch_mode", "printed"}})
      .then(minutes(s.rng, 10, 30), repairer, "accept")
      .then(minutes(s.rng, 30, 50), repairer, "complete", {{"fee", fee}});
  if (mistake) {
    p.mistake(minutes(s.rng, 5, 20), desk, "pay", {{"payment_method", "cash"}},
              Reason::kMissingInput);
  }
  p.then(minutes(s.rng, 1, 20), desk, "pay",
         {{"payment_method", "cash"},
          {"receipt_no", "SJ" + std::to_string(draw(s.rng, 100000, 999999))}})
      .then(minutes(s.rng, 60, 120), desk, "call_back", {{"satisfaction", 5}});
  return std::move(p).done();
}

Story reopened_repair(const Scene& s) {
  RepairCase c =
      draw_repair(s, [](const RepairProblem& p) { return p.in_flat && p.category == "plumbing"; });
  const Actor& repairer = s.staff.repairer_for(c.problem.category);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p(s, "repair", repair_fields(c), desk);
  p.then(minutes(s.rng, 5, 15), s.staff.dispatcher, "dispatch",
         {{"assignee", repairer.id}, {"dispatch_mode", "verbal"}})
      .then(minutes(s.rng, 10, 20), repairer, "accept")
      .then(minutes(s.rng, 30, 50), repairer, "complete")
      .then(minutes(s.rng, 40, 80), c.resident.actor(), "rate", {{"satisfaction", 2}})
      .then(minutes(s.rng, 10, 30), repairer, "accept")
      .then(minutes(s.rng, 30, 60), repairer, "complete")
      .then(minutes(s.rng, 30, 90), desk, "call_back", {{"satisfaction", 4}});
  return std::move(p).done();
}

Story returned_repair(const Scene& s) {
  RepairCase c =
      draw_repair(s, [](const RepairProblem& p) { return p.in_flat && p.category == "plumbing"; });
  Plot p(s, "repair", repair_fields(c), s.staff.desk(s.rng));
  p.then(minutes(s.rng, 5, 15), s.staff.dispatcher, "dispatch",
         {{"assignee", s.staff.electrician.id}, {"dispatch_mode", "verbal"}})
      .then(minutes(s.rng, 20, 40), s.staff.electrician, "return",
            {{"reason", "上门看了是水管的问题，不是电路，请派水工"}})
      .then(minutes(s.rng, 5, 15), s.staff.dispatcher, "dispatch",
            {{"assignee", s.staff.plumber.id}, {"dispatch_mode", "verbal"}})
      .then(minutes(s.rng, 10, 30), s.staff.plumber, "accept");
  finish_repair(p, s, s.staff.plumber, c.resident);
  return std::move(p).done();
}

Story cancelled_repair(const Scene& s) {
  RepairCase c = draw_repair(s, [](const RepairProblem& p) { return p.in_flat; });
  c.channel = "app";
  Plot p(s, "repair", repair_fields(c), c.resident.actor());
  p.then(minutes(s.rng, 20, 40), c.resident.actor(), "urge")
      .then(minutes(s.rng, 10, 30), c.resident.actor(), "cancel",
            {{"reason", "家里人已经自己修好了"}});
  return std::move(p).done();
}

Story slow_repair(const Scene& s) {
  RepairCase c{
      draw_resident(s.rng),
      {"door_window", "单元门禁坏了，刷卡开不了门，老人孩子进出都要等人开门", false, "单元门"},
      "",
      "phone"};
  c.location = draw_public_place(s.rng, "单元门");
  const Actor& repairer = s.staff.electrician;
  Plot p(s, "repair", repair_fields(c), s.staff.desk(s.rng));
  p.feature("breached_repair")
      // The dispatcher is out on another job: the 30-minute response passes (supervisor).
      .then(minutes(s.rng, 45, 60), s.staff.dispatcher, "dispatch",
            {{"assignee", repairer.id}, {"dispatch_mode", "printed"}})
      .then(minutes(s.rng, 10, 20), repairer, "accept")
      .then(minutes(s.rng, 60, 90), repairer, "add_note",
            {{"note", "门禁控制板烧了，厂家周一才能送配件（未办暂停）"}})
      .then(hours(24) + minutes(s.rng, 0, 30), c.resident.actor(), "urge")
      // Monday afternoon, four days after the report: past 200% of the 2-day resolution (manager).
      .at(s.arrival + std::chrono::days(4) + hours(5) + minutes(s.rng, 0, 30), repairer,
          "complete");
  p.then(minutes(s.rng, 30, 90), s.staff.desk(s.rng), "call_back", {{"satisfaction", 3}});
  return std::move(p).done();
}

Story unrated_repair(const Scene& s) {
  RepairCase c = draw_repair(
      s, [](const RepairProblem& p) { return p.in_flat && p.category == "electrical"; });
  const Actor& repairer = s.staff.repairer_for(c.problem.category);
  Plot p(s, "repair", repair_fields(c), s.staff.desk(s.rng));
  p.feature("timer_repair")
      .then(minutes(s.rng, 3, 10), s.staff.dispatcher, "dispatch",
            {{"assignee", repairer.id}, {"dispatch_mode", "verbal"}})
      .then(minutes(s.rng, 5, 15), repairer, "accept")
      .then(minutes(s.rng, 30, 60), repairer, "complete");
  called_back_after_the_timer(p, s);
  return std::move(p).done();
}

Story forgotten_callback_repair(const Scene& s) {
  RepairCase c = draw_repair(s, [](const RepairProblem& p) { return p.in_flat; });
  const Actor& repairer = s.staff.repairer_for(c.problem.category);
  Plot p(s, "repair", repair_fields(c), s.staff.desk(s.rng));
  p.then(minutes(s.rng, 3, 10), s.staff.dispatcher, "dispatch",
         {{"assignee", repairer.id}, {"dispatch_mode", "verbal"}})
      .then(minutes(s.rng, 5, 15), repairer, "accept")
      .then(minutes(s.rng, 30, 60), repairer, "complete");
  rated_and_called_back(p, s, c.resident, Callback::kMissed);
  return std::move(p).done();
}

Story leak_upstairs(const Scene& s, const Resident& below) {
  Resident above = draw_resident(s.rng);
  const auto last_dash = below.room.rfind('-');
  const int floor_room = std::stoi(below.room.substr(last_dash + 1));
  above.room = below.room.substr(0, last_dash + 1) + std::to_string(floor_room + 100);
  RepairCase c{above, {"plumbing", "卫生间防水层破损，水渗到楼下", true, ""}, above.room, "visit"};
  const Actor& desk = s.staff.desk_wang;
  Plot p(s, "repair", repair_fields(c), desk);
  p.then(minutes(s.rng, 1, 3), desk, "mark_urgent")
      .then(minutes(s.rng, 1, 5), s.staff.dispatcher, "dispatch",
            {{"assignee", s.staff.plumber.id}, {"dispatch_mode", "printed"}})
      .then(minutes(s.rng, 3, 5), s.staff.plumber, "accept")
      .then(minutes(s.rng, 10, 20), s.staff.plumber, "hold",
            {{"reason", "楼上业主不在家，约好下午回来开门"}})
      .then(minutes(s.rng, 120, 180), s.staff.plumber, "resume")
      .then(minutes(s.rng, 60, 90), s.staff.plumber, "complete")
      .then(minutes(s.rng, 60, 120), desk, "call_back", {{"satisfaction", 4}});
  return std::move(p).done();
}

Story balcony_door_repair(const Scene& s, const Resident& r) {
  RepairCase c{r, {"door_window", "阳台推拉门滑轮坏了，关不上", true, ""}, r.room, "phone"};
  Plot p(s, "repair", repair_fields(c), s.staff.desk(s.rng));
  p.then(minutes(s.rng, 5, 20), s.staff.dispatcher, "dispatch",
         {{"assignee", s.staff.handyman.id}, {"dispatch_mode", "verbal"}})
      .then(minutes(s.rng, 10, 30), s.staff.handyman, "accept");
  finish_repair(p, s, s.staff.handyman, r);
  return std::move(p).done();
}

}  // namespace propdesk::cli::demo
