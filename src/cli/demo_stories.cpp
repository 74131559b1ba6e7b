#include "cli/demo_stories.hpp"

#include <functional>

#include "cli/demo_plot.hpp"

namespace propdesk::cli::demo {

namespace {

using std::chrono::hours;
using Reason = Rejection::Reason;

// Everything a story needs to be written.
struct Scene {
  Rng& rng;
  const Staff& staff;
  TimePoint arrival;
};

const std::vector<std::string> kChannels = {"phone", "phone", "visit", "app"};

std::string receipt_number(Rng& rng) { return "SJ" + std::to_string(draw(rng, 100000, 999999)); }

// --- repair (报事报修) ---------------------------------------------------------------------

struct RepairCase {
  Resident resident;
  RepairProblem problem;
  std::string location;
  std::string channel;
};

RepairCase draw_repair(Scene& s, const std::function<bool(const RepairProblem&)>& want) {
  RepairCase c;
  c.resident = draw_resident(s.rng);
  do {
    c.problem = pick(s.rng, repair_problems());
  } while (!want(c.problem));
  c.location = c.problem.in_flat ? c.resident.room : draw_public_place(s.rng, c.problem.place);
  c.channel = pick(s.rng, kChannels);
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

// Completion, then the resident's rating in the app or the desk's callback, then closing.
void finish_repair(Plot& p, Scene& s, const Actor& repairer, const Resident& resident,
                   const std::string& closing_note = {}) {
  const int satisfaction = draw(s.rng, 4, 5);
  p.then(minutes(s.rng, 30, 90), repairer, "complete");
  if (chance(s.rng, 50)) {
    p.then(minutes(s.rng, 30, 120), resident.actor(), "rate", {{"satisfaction", satisfaction}});
  }
  const Actor& desk = s.staff.desk(s.rng);
  p.then(minutes(s.rng, 40, 120), desk, "call_back", {{"satisfaction", satisfaction}},
         closing_note);
}

Story dispatched_repair(Scene& s, bool first_call) {
  RepairCase c = draw_repair(s, [](const RepairProblem& p) { return p.category == "plumbing"; });
  const Actor& repairer = s.staff.repairer_for(c.problem.category);
  Plot p("repair", repair_fields(c), s.staff.desk(s.rng), s.arrival);
  if (first_call) p.note("first call of the day: " + c.location + " " + c.problem.description);
  const char* mode = chance(s.rng, 50) ? "verbal" : "printed";
  p.then(minutes(s.rng, 3, 15), s.staff.dispatcher, "dispatch",
         {{"assignee", repairer.id}, {"dispatch_mode", mode}})
      .then(minutes(s.rng, 5, 20), repairer, "accept");
  finish_repair(p, s, repairer, c.resident);
  return std::move(p).done();
}

Story grabbed_repair(Scene& s) {
  RepairCase c = draw_repair(s, [](const RepairProblem& p) { return p.category != "elevator"; });
  c.channel = "app";
  const Actor& repairer = s.staff.repairer_for(c.problem.category);
  Plot p("repair", repair_fields(c), c.resident.actor(), s.arrival);
  p.then(minutes(s.rng, 5, 25), repairer, "grab", {},
         "grabbed from the pool by " + repairer.id + " (reported in the app)");
  finish_repair(p, s, repairer, c.resident);
  return std::move(p).done();
}

Story urgent_lift(Scene& s) {
  RepairCase c = draw_repair(s, [](const RepairProblem& p) { return p.category == "elevator"; });
  c.location = draw_public_place(s.rng, "电梯");
  c.problem.description = "电梯停在" + std::to_string(draw(s.rng, 3, 17)) + "楼不动，有人被困";
  c.channel = "phone";
  const Actor& desk = s.staff.desk(s.rng);
  Plot p("repair", repair_fields(c), desk, s.arrival);
  p.note("lift fault at " + c.location + ": " + c.problem.description)
      .then(minutes(s.rng, 1, 2), desk, "mark_urgent", {},
            "marked urgent: severity major, supervisor notified")
      .then(minutes(s.rng, 1, 3), s.staff.dispatcher, "dispatch",
            {{"assignee", s.staff.lift_engineer.id}, {"dispatch_mode", "verbal"}})
      .then(minutes(s.rng, 2, 5), s.staff.lift_engineer, "accept")
      .then(minutes(s.rng, 15, 30), s.staff.lift_engineer, "complete", {},
            "lift running again, nobody hurt")
      .then(minutes(s.rng, 60, 120), desk, "call_back", {{"satisfaction", 5}});
  return std::move(p).done();
}

Story held_repair(Scene& s) {
  RepairCase c = draw_repair(
      s, [](const RepairProblem& p) { return p.in_flat && p.category == "door_window"; });
  const Actor& repairer = s.staff.repairer_for(c.problem.category);
  Plot p("repair", repair_fields(c), s.staff.desk(s.rng), s.arrival);
  p.then(minutes(s.rng, 5, 20), s.staff.dispatcher, "dispatch",
         {{"assignee", repairer.id}, {"dispatch_mode", "printed"}})
      .then(minutes(s.rng, 10, 30), repairer, "accept")
      .then(minutes(s.rng, 20, 40), repairer, "hold", {{"reason", "配件型号特殊，去五金市场买"}},
            "on hold at " + c.location + ": waiting for a part")
      .then(minutes(s.rng, 90, 150), repairer, "resume", {}, "resumed: the part has arrived");
  finish_repair(p, s, repairer, c.resident);
  return std::move(p).done();
}

Story paid_repair(Scene& s) {
  RepairCase c;
  c.resident = draw_resident(s.rng);
  c.problem = {"plumbing", "厨房水龙头老化滴水，想换个新的（户内，有偿）", true, ""};
  c.location = c.resident.room;
  c.channel = "visit";
  const Actor& repairer = s.staff.plumber;
  const Actor& desk = s.staff.desk(s.rng);
  const double fee = 60.0 + 10.0 * draw(s.rng, 0, 6);
  const std::string receipt = receipt_number(s.rng);
  Plot p("repair", repair_fields(c, /*paid=*/true), desk, s.arrival);
  p.then(minutes(s.rng, 5, 15), desk, "dispatch",
         {{"assignee", repairer.id}, {"dispatch_mode", "printed"}})
      .then(minutes(s.rng, 10, 30), repairer, "accept")
      .then(minutes(s.rng, 30, 50), repairer, "complete", {{"fee", fee}})
      .mistake(minutes(s.rng, 5, 20), desk, "pay", {{"payment_method", "cash"}},
               Reason::kMissingInput, "cash payment entered without its receipt number")
      .then(minutes(s.rng, 1, 3), desk, "pay",
            {{"payment_method", "cash"}, {"receipt_no", receipt}},
            "paid work: " + std::to_string(static_cast<int>(fee)) + " yuan in cash, receipt " +
                receipt)
      .then(minutes(s.rng, 60, 120), desk, "call_back", {{"satisfaction", 5}});
  return std::move(p).done();
}

Story reopened_repair(Scene& s) {
  RepairCase c =
      draw_repair(s, [](const RepairProblem& p) { return p.in_flat && p.category == "plumbing"; });
  const Actor& repairer = s.staff.repairer_for(c.problem.category);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p("repair", repair_fields(c), desk, s.arrival);
  p.feature("reopened_repair")
      .then(minutes(s.rng, 5, 15), s.staff.dispatcher, "dispatch",
            {{"assignee", repairer.id}, {"dispatch_mode", "verbal"}})
      .then(minutes(s.rng, 10, 20), repairer, "accept")
      .then(minutes(s.rng, 30, 50), repairer, "complete")
      .then(minutes(s.rng, 40, 80), c.resident.actor(), "rate", {{"satisfaction", 2}},
            "resident rated 2/5 in the app (still leaking): reopened, back to " + repairer.id)
      .then(minutes(s.rng, 10, 30), repairer, "accept")
      .then(minutes(s.rng, 30, 60), repairer, "complete")
      .then(minutes(s.rng, 30, 90), desk, "call_back", {{"satisfaction", 4}},
            "rework done, called back: 4/5, closed");
  return std::move(p).done();
}

Story returned_repair(Scene& s) {
  RepairCase c =
      draw_repair(s, [](const RepairProblem& p) { return p.in_flat && p.category == "plumbing"; });
  Plot p("repair", repair_fields(c), s.staff.desk(s.rng), s.arrival);
  p.then(minutes(s.rng, 5, 15), s.staff.dispatcher, "dispatch",
         {{"assignee", s.staff.electrician.id}, {"dispatch_mode", "verbal"}})
      .then(minutes(s.rng, 20, 40), s.staff.electrician, "return",
            {{"reason", "上门看了是水管的问题，不是电路，请派水工"}},
            "returned by " + s.staff.electrician.id + ": a plumbing job, not electrical")
      .then(minutes(s.rng, 5, 15), s.staff.dispatcher, "dispatch",
            {{"assignee", s.staff.plumber.id}, {"dispatch_mode", "verbal"}})
      .then(minutes(s.rng, 10, 30), s.staff.plumber, "accept");
  finish_repair(p, s, s.staff.plumber, c.resident);
  return std::move(p).done();
}

Story cancelled_repair(Scene& s) {
  RepairCase c = draw_repair(s, [](const RepairProblem& p) { return p.in_flat; });
  c.channel = "app";
  Plot p("repair", repair_fields(c), c.resident.actor(), s.arrival);
  p.then(minutes(s.rng, 20, 40), c.resident.actor(), "urge")
      .then(minutes(s.rng, 10, 30), c.resident.actor(), "cancel",
            {{"reason", "家里人已经自己修好了"}}, "cancelled by the resident: fixed it themselves");
  return std::move(p).done();
}

// The flat above the complainant's: the source of the leak.
Story leak_upstairs(Scene& s, const Resident& below) {
  Resident above = draw_resident(s.rng);
  const auto last_dash = below.room.rfind('-');
  const int floor_room = std::stoi(below.room.substr(last_dash + 1));
  above.room = below.room.substr(0, last_dash + 1) + std::to_string(floor_room + 100);
  RepairCase c{above, {"plumbing", "卫生间防水层破损，水渗到楼下", true, ""}, above.room, "visit"};
  const Actor& desk = s.staff.desk_wang;
  Plot p("repair", repair_fields(c), desk, s.arrival);
  p.note("repair opened for the flat above (" + above.room + "), the source of the leak")
      .then(minutes(s.rng, 1, 3), desk, "mark_urgent")
      .then(minutes(s.rng, 1, 5), s.staff.dispatcher, "dispatch",
            {{"assignee", s.staff.plumber.id}, {"dispatch_mode", "printed"}})
      .then(minutes(s.rng, 5, 15), s.staff.plumber, "accept")
      .then(minutes(s.rng, 10, 20), s.staff.plumber, "hold",
            {{"reason", "楼上业主不在家，约好下午回来开门"}})
      .then(minutes(s.rng, 120, 180), s.staff.plumber, "resume")
      .then(minutes(s.rng, 60, 90), s.staff.plumber, "complete", {},
            "leak upstairs stopped (waterproofing patched)");
  return std::move(p).done();
}

// --- complaint (投诉) ----------------------------------------------------------------------

Fields complaint_fields(const Resident& r, const std::string& category, const std::string& text,
                        const std::string& channel) {
  return {{"location", r.room}, {"category", category}, {"description", text},
          {"reporter", r.name}, {"phone", r.phone},     {"channel", channel}};
}

Story noise_complaint(Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  const TimePoint chosen = s.arrival + hours(draw(s.rng, 5, 6));
  Plot p("complaint",
         complaint_fields(r, "noise", "楼上每天晚上十一点后还在拖椅子、敲打，影响休息", "phone"),
         desk, s.arrival);
  p.note("noise complaint from " + r.room + " (phone)")
      .then(minutes(s.rng, 5, 15), desk, "classify_general", {{"dept", "security"}})
      .then(minutes(s.rng, 2, 5), desk, "schedule_callback", {{"callback_at", chosen}})
      .then(minutes(s.rng, 20, 60), s.staff.security_dept, "respond",
            {{"response", "今晚巡逻时上门提醒楼上住户"}})
      .then(minutes(s.rng, 60, 120), s.staff.security_dept, "resolve",
            {{"resolution", "已上门沟通，楼上住户同意晚十点后不再发出噪音，椅脚加了垫子"}});
  // The callback happens at the time the resident chose.
  p.then(chosen > p.planned() ? chosen - p.planned() : minutes(s.rng, 10, 30), desk, "call_back",
         {{"satisfaction", 4}}, "called back at the time the resident chose: 4/5")
      .then(minutes(s.rng, 2, 10), desk, "close");
  return std::move(p).done();
}

Story parking_complaint(Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p("complaint",
         complaint_fields(r, "parking", "我的固定车位又被外来车辆占了，已经第三次了", "visit"),
         desk, s.arrival);
  p.then(minutes(s.rng, 5, 10), desk, "classify_general", {{"dept", "security"}})
      .then(minutes(s.rng, 10, 30), s.staff.security_dept, "respond",
            {{"response", "联系车主挪车，查看岗亭放行记录"}})
      .then(minutes(s.rng, 30, 60), s.staff.security_dept, "resolve",
            {{"resolution", "车主已挪车"}})
      .then(minutes(s.rng, 20, 60), desk, "call_back",
            {{"satisfaction", 2}, {"reason", "只挪了车，没有解决外来车辆随意进入的问题"}},
            "unsatisfied at the callback (2/5): back to security")
      .then(minutes(s.rng, 60, 120), s.staff.security_dept, "resolve",
            {{"resolution", "岗亭改为外来车辆登记放行，并在车位加装地锁"}})
      .then(minutes(s.rng, 20, 60), desk, "call_back", {{"satisfaction", 4}})
      .then(minutes(s.rng, 2, 10), desk, "close", {}, "parking complaint closed after rework");
  return std::move(p).done();
}

Story major_flood_complaint(Scene& s) {
  Resident r = draw_resident(s.rng);
  // Not the top floor: somebody lives above.
  const int floor = draw(s.rng, 5, 16);
  const int flat = draw(s.rng, 1, 4);
  r.room =
      r.room.substr(0, r.room.rfind('-') + 1) + std::to_string(floor) + "0" + std::to_string(flat);
  const Actor& desk = s.staff.desk_wang;
  Scene later{s.rng, s.staff, s.arrival};
  Plot p("complaint",
         complaint_fields(r, "facilities",
                          "楼上漏水把我家客厅天花板和木地板泡坏了，报修两次没人管，要求经理出面",
                          "visit"),
         desk, s.arrival);
  p.feature("major_complaint")
      .note("resident at the desk, upset: water from upstairs flooded " + r.room +
            ", demands the manager")
      .then(minutes(s.rng, 5, 10), s.staff.supervisor, "classify_major", {{"dept", "engineering"}},
            "classified major by the supervisor: manager notified");
  later.arrival = p.planned();
  p.then(minutes(s.rng, 10, 20), s.staff.engineering_dept, "respond",
         {{"response", "工程部立即上楼排查漏点，先关闭楼上进水阀"}})
      .spawning(leak_upstairs(later, r));
  const TimePoint chosen = p.planned() + hours(draw(s.rng, 5, 6));
  p.then(minutes(s.rng, 2, 5), r.actor(), "schedule_callback", {{"callback_at", chosen}})
      .then(minutes(s.rng, 240, 300), s.staff.engineering_dept, "resolve",
            {{"resolution", "楼上防水已修复；天花板和地板由楼上业主赔偿，物业协调定损"}});
  p.then(chosen > p.planned() ? chosen - p.planned() : minutes(s.rng, 10, 30), desk, "call_back",
         {{"satisfaction", 3}}, "called back: 3/5, accepts the settlement")
      .mistake(minutes(s.rng, 2, 5), desk, "close", {}, Reason::kConditionFailed,
               "the desk tries to close the major complaint itself")
      .then(minutes(s.rng, 10, 30), s.staff.manager, "close",
            {{"manager_opinion", "同意结案；一周后再回访确认地板修复情况"}},
            "signed off by the manager");
  return std::move(p).done();
}

Story withdrawn_complaint(Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p("complaint",
         complaint_fields(r, "environment", "垃圾桶旁边一直有异味，保洁不及时", "phone"), desk,
         s.arrival);
  p.then(minutes(s.rng, 5, 15), desk, "classify_general", {{"dept", "cleaning"}})
      .then(minutes(s.rng, 30, 60), r.actor(), "withdraw", {{"reason", "保洁已经清理过了"}});
  return std::move(p).done();
}

// --- inquiry (咨询) ------------------------------------------------------------------------

Fields inquiry_fields(const Resident& r, const std::string& topic, const std::string& question,
                      const std::string& channel) {
  return {{"question", question}, {"topic", topic},   {"location", r.room},
          {"reporter", r.name},   {"phone", r.phone}, {"channel", channel}};
}

Story answered_inquiry(Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Question& q = pick(s.rng, everyday_questions());
  const Actor& desk = s.staff.desk(s.rng);
  Plot p("inquiry", inquiry_fields(r, q.topic, q.question, pick(s.rng, kChannels)), desk,
         s.arrival);
  p.then(minutes(s.rng, 2, 8), desk, "answer", {{"answer", q.answer}},
         "answered on the spot: " + q.question);
  return std::move(p).done();
}

Story renovation_inquiry(Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p("inquiry",
         inquiry_fields(r, "renovation", "想封阳台、改厨房水电，需要办什么装修手续？", "visit"),
         desk, s.arrival);
  p.then(minutes(s.rng, 3, 10), desk, "forward", {{"dept", "management_office"}},
         "renovation permit question forwarded to the management office")
      .then(
          minutes(s.rng, 60, 150), s.staff.office_dept, "reply",
          {{"answer", "填写装修申请表，交装修押金2000元，封阳台需按统一样式，水电改造需提交图纸"}})
      .then(minutes(s.rng, 20, 60), desk, "call_back");
  return std::move(p).done();
}

Story converted_inquiry(Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p("inquiry", inquiry_fields(r, "other", "阳台推拉门关不上，这个归物业修吗？", "phone"), desk,
         s.arrival);
  p.then(minutes(s.rng, 2, 5), desk, "convert", {},
         "question turned out to be a repair: converted, repair ticket opened");
  RepairCase c{r, {"door_window", "阳台推拉门滑轮坏了，关不上", true, ""}, r.room, "phone"};
  Scene now{s.rng, s.staff, p.planned()};
  Plot repair("repair", repair_fields(c), desk, p.planned());
  repair
      .then(minutes(s.rng, 5, 20), s.staff.dispatcher, "dispatch",
            {{"assignee", s.staff.handyman.id}, {"dispatch_mode", "verbal"}})
      .then(minutes(s.rng, 10, 30), s.staff.handyman, "accept");
  finish_repair(repair, now, s.staff.handyman, r);
  p.spawning(std::move(repair).done(), "related_code");
  return std::move(p).done();
}

// --- paid service (有偿服务) -----------------------------------------------------------------

Story drain_service(Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  const double quote = 80.0 + 20.0 * draw(s.rng, 0, 3);
  Plot p("paid_service",
         {{"location", r.room},
          {"service", "plumbing"},
          {"description", "厨房下水道堵塞，需要上门疏通"},
          {"reporter", r.name},
          {"phone", r.phone},
          {"channel", "phone"}},
         desk, s.arrival);
  p.feature("paid_service")
      .then(minutes(s.rng, 5, 15), desk, "quote", {{"quote_amount", quote}})
      .then(minutes(s.rng, 10, 30), r.actor(), "accept_quote");
  const TimePoint visit = p.planned() + hours(2);
  p.then(minutes(s.rng, 5, 10), s.staff.dispatcher, "dispatch",
         {{"assignee", s.staff.plumber.id}, {"scheduled_at", visit}})
      .then(visit > p.planned() ? visit - p.planned() : minutes(s.rng, 5, 10), s.staff.plumber,
            "start")
      .then(minutes(s.rng, 30, 50), s.staff.plumber, "complete", {{"final_amount", quote}})
      .then(minutes(s.rng, 5, 20), r.actor(), "pay", {{"payment_method", "wechat"}},
            "drain unblocked; " + std::to_string(static_cast<int>(quote)) + " yuan paid by WeChat")
      .then(minutes(s.rng, 60, 120), desk, "call_back", {{"satisfaction", 5}});
  return std::move(p).done();
}

Story declined_service(Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p("paid_service",
         {{"location", r.room},
          {"service", "cleaning"},
          {"description", "新房开荒保洁，三室两厅"},
          {"reporter", r.name},
          {"phone", r.phone},
          {"channel", "visit"}},
         desk, s.arrival);
  p.then(minutes(s.rng, 10, 20), desk, "quote", {{"quote_amount", 650.0}})
      .then(minutes(s.rng, 30, 90), r.actor(), "refuse_quote", {},
            "quote of 650 yuan for cleaning refused by the resident");
  return std::move(p).done();
}

// --- the day -------------------------------------------------------------------------------

using Writer = std::function<Story(Scene&)>;

// Routine stories for the random part of a day, weighted by how often the desk meets them.
const std::vector<Writer>& routine_writers() {
  static const std::vector<Writer> writers = {
      [](Scene& s) { return dispatched_repair(s, false); },
      [](Scene& s) { return dispatched_repair(s, false); },
      grabbed_repair,
      grabbed_repair,
      held_repair,
      paid_repair,
      reopened_repair,
      cancelled_repair,
      noise_complaint,
      parking_complaint,
      withdrawn_complaint,
      answered_inquiry,
      answered_inquiry,
      renovation_inquiry,
      drain_service,
      declined_service,
  };
  return writers;
}

}  // namespace

std::vector<Arrival> plan_day(int day, TimePoint opening, Rng& rng, const Staff& staff) {
  std::vector<Arrival> out;
  auto add = [&](int from_minute, int to_minute, const Writer& write, bool notes) {
    Scene s{rng, staff, opening + minutes(rng, from_minute, to_minute)};
    Story story = write(s);
    out.push_back({s.arrival, notes ? std::move(story) : quiet(std::move(story))});
  };
  if (day == 0) {
    // Minutes after 08:30.
    add(
        5, 15, [](Scene& s) { return dispatched_repair(s, true); }, true);
    add(10, 30, answered_inquiry, true);
    add(30, 50, urgent_lift, true);
    add(40, 80, grabbed_repair, true);
    add(60, 100, noise_complaint, true);
    add(70, 110, paid_repair, true);
    add(90, 110, major_flood_complaint, true);
    add(120, 160, renovation_inquiry, true);
    add(140, 180, held_repair, true);
    add(150, 200, drain_service, true);
    add(170, 200, reopened_repair, true);
    add(200, 240, parking_complaint, true);
    add(240, 280, converted_inquiry, true);
    add(260, 300, declined_service, true);
    add(290, 330, returned_repair, true);
    add(330, 380, cancelled_repair, true);
  }
  const int routine = draw(rng, 6, 10);
  for (int i = 0; i < routine; ++i) {
    add(10, 540, pick(rng, routine_writers()), false);
  }
  return out;
}

}  // namespace propdesk::cli::demo
