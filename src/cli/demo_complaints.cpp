#include "cli/demo_complaints.hpp"

#include <algorithm>
#include <array>
#include <chrono>

#include "cli/demo_plot.hpp"
#include "cli/demo_repairs.hpp"

namespace propdesk::cli::demo {

namespace {

using std::chrono::hours;
using Reason = Rejection::Reason;

Fields complaint_fields(const Resident& r, const std::string& category, const std::string& text,
                        const std::string& channel) {
  return {{"location", r.room}, {"category", category}, {"description", text},
          {"reporter", r.name}, {"phone", r.phone},     {"channel", channel}};
}

// The desk classifies a general complaint; one the rule has made major goes to the supervisor.
void classify(Plot& p, const Scene& s, const Actor& desk, const std::string& dept) {
  p.then(minutes(s.rng, 5, 15), desk, "classify_general", {{"dept", dept}})
      .if_major(s.staff.supervisor, "classify_major", {{"dept", dept}});
}

// The desk closes a general complaint; the manager signs off a major one.
void sign_off(Plot& p, const Scene& s, const Actor& desk, const std::string& opinion) {
  p.then(minutes(s.rng, 5, 40), desk, "close")
      .if_major(s.staff.manager, "close", {{"manager_opinion", opinion}});
}

// The department's first answer and its result.
void handle(Plot& p, const Scene& s, const std::string& dept, const std::string& response,
            const std::string& resolution) {
  const Actor& department = s.staff.department(dept);
  p.then(minutes(s.rng, 15, 50), department, "respond", {{"response", response}})
      .then(minutes(s.rng, 60, 150), department, "resolve", {{"resolution", resolution}});
}

// The resident names a time for the reply at registration (beat `asked`); the time is filled in
// once the plan knows when the department will be done, and the desk calls then (or misses it).
void call_back_at_chosen_time(Plot& p, const Scene& s, const Actor& desk, std::size_t asked,
                              Callback how, int satisfaction) {
  const TimePoint slot = callback_slot(s, p.planned());
  p.fill_in(asked, "callback_at", slot)
      .at(callback_time(s, slot, how), desk, "call_back", {{"satisfaction", satisfaction}});
}

}  // namespace

Story noise_complaint(const Scene& s, Callback how) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p(s, "complaint",
         complaint_fields(r, "noise", "楼上每天晚上十一点后还在拖椅子、敲打，影响休息", "phone"),
         desk);
  classify(p, s, desk, "security");
  const std::size_t asked = p.beats();
  p.then(minutes(s.rng, 2, 5), desk, "schedule_callback");
  handle(p, s, "security", "今晚巡逻时上门提醒楼上住户",
         "已上门沟通，楼上住户同意晚十点后不再发出噪音，椅脚加了垫子");
  call_back_at_chosen_time(p, s, desk, asked, how, draw(s.rng, 3, 5));
  sign_off(p, s, desk, "已核实处理结果并回访业主，同意结案");
  return std::move(p).done();
}

Story parking_complaint(const Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p(s, "complaint",
         complaint_fields(r, "parking", "我的固定车位又被外来车辆占了，已经第三次了", "visit"),
         desk);
  classify(p, s, desk, "security");
  handle(p, s, "security", "联系车主挪车，查看岗亭放行记录", "车主已挪车");
  p.then(minutes(s.rng, 20, 60), desk, "call_back",
         {{"satisfaction", 2}, {"reason", "只挪了车，没有解决外来车辆随意进入的问题"}})
      .then(minutes(s.rng, 60, 120), s.staff.security_dept, "resolve",
            {{"resolution", "岗亭改为外来车辆登记放行，并在车位加装地锁"}})
      .then(minutes(s.rng, 20, 60), desk, "call_back", {{"satisfaction", 4}});
  sign_off(p, s, desk, "返工后业主满意，同意结案");
  return std::move(p).done();
}

Story withdrawn_complaint(const Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p(s, "complaint",
         complaint_fields(r, "environment", "垃圾桶旁边一直有异味，保洁不及时", "phone"), desk);
  classify(p, s, desk, "cleaning");
  p.then(minutes(s.rng, 30, 60), r.actor(), "withdraw", {{"reason", "保洁已经清理过了"}});
  return std::move(p).done();
}

Story gas_smell_complaint(const Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p(
      s, "complaint",
      complaint_fields(r, "facilities", "楼道里有很浓的煤气味，上次打电话说来看也没人来", "phone"),
      desk);
  classify(p, s, desk, "engineering");
  handle(p, s, "engineering", "工程部和燃气公司马上上门排查",
         "燃气表接口松动漏气，已关阀紧固并检测合格，已通知燃气公司复查");
  p.then(minutes(s.rng, 30, 90), desk, "call_back", {{"satisfaction", draw(s.rng, 4, 5)}});
  sign_off(p, s, desk, "燃气隐患已排除，同意结案；下周安排全楼燃气安全检查");
  return std::move(p).done();
}

Story flood_complaint(const Scene& s) {
  Resident r = draw_resident(s.rng);
  // Not the top floor: somebody lives above.
  const int floor = draw(s.rng, 5, 16);
  const int flat = draw(s.rng, 1, 4);
  r.room =
      r.room.substr(0, r.room.rfind('-') + 1) + std::to_string(floor) + "0" + std::to_string(flat);
  const Actor& desk = s.staff.desk_wang;
  Fields fields = complaint_fields(
      r, "facilities", "楼上漏水把我家客厅天花板和木地板泡坏了，报修两次没人管，要求经理出面",
      "visit");
  fields.emplace("wants_manager", true);
  Plot p(s, "complaint", std::move(fields), desk);
  p.feature("major_complaint")
      .then(minutes(s.rng, 3, 8), s.staff.supervisor, "classify_major", {{"dept", "engineering"}})
      .then(minutes(s.rng, 5, 12), s.staff.engineering_dept, "respond",
            {{"response", "工程部立即上楼排查漏点，先关闭楼上进水阀"}})
      .spawning(leak_upstairs(s.at(p.planned()), r));
  const std::size_t asked = p.beats();
  p.then(minutes(s.rng, 2, 5), r.actor(), "schedule_callback")
      .then(minutes(s.rng, 240, 300), s.staff.engineering_dept, "resolve",
            {{"resolution", "楼上防水已修复；天花板和地板由楼上业主赔偿，物业协调定损"}});
  call_back_at_chosen_time(p, s, desk, asked, Callback::kOnTime, 3);
  p.mistake(minutes(s.rng, 2, 5), desk, "close", {}, Reason::kConditionFailed)
      .then(minutes(s.rng, 10, 30), s.staff.manager, "close",
            {{"manager_opinion", "同意结案；一周后再回访确认地板修复情况"}});
  return std::move(p).done();
}

Story manager_requested_complaint(const Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Fields fields = complaint_fields(
      r, "fees", "今年物业费涨了，没有开业主大会也没有公示，我要经理当面给个说法", "visit");
  fields.emplace("wants_manager", true);
  Plot p(s, "complaint", std::move(fields), desk);
  classify(p, s, desk, "management_office");
  const std::size_t asked = p.beats();
  p.then(minutes(s.rng, 2, 5), r.actor(), "schedule_callback");
  handle(p, s, "management_office", "经理约业主面谈，说明调价依据",
         "经理当面解释：调价经业委会表决，公示在一期公告栏；补贴到单元群并道歉");
  call_back_at_chosen_time(p, s, desk, asked, Callback::kOnTime, 3);
  sign_off(p, s, desk, "已当面沟通，业主接受解释，同意结案；调价公示改为每栋单元门张贴");
  return std::move(p).done();
}

Story unanswered_complaint(const Scene& s, TimePoint answered) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p(s, "complaint",
         complaint_fields(r, "environment",
                          "楼下绿化带的树枝伸到我家窗户上，一刮风就刮玻璃，晚上睡不着", "phone"),
         desk);
  classify(p, s, desk, "landscaping");
  const std::size_t asked = p.beats();
  p.then(minutes(s.rng, 2, 5), desk, "schedule_callback")
      .at(answered, s.staff.landscaping_dept, "respond", {{"response", "今天下午安排修剪"}})
      .then(minutes(s.rng, 180, 240), s.staff.landscaping_dept, "resolve",
            {{"resolution", "已修剪靠近窗户的树枝，并列入每月巡查"}});
  call_back_at_chosen_time(p, s, desk, asked, Callback::kOnTime, 4);
  sign_off(p, s, desk, "绿化部门响应超时，已约谈；问题已解决，同意结案");
  return std::move(p).done();
}

Story renovation_noise_complaint(const Scene& s, const Resident& r, int nth) {
  static const std::array<const char*, 3> kWords = {"楼上装修，早上七点多就开始电钻，吵得没法休息",
                                                    "楼上装修又是一大早开工，上次反映了也没用",
                                                    "楼上装修第三次一早电钻，物业到底管不管"};
  const Actor& desk = s.staff.desk(s.rng);
  Plot p(s, "complaint",
         complaint_fields(r, "noise", kWords.at(static_cast<std::size_t>(std::min(nth, 3) - 1)),
                          "phone"),
         desk);
  classify(p, s, desk, "management_office");
  handle(p, s, "management_office", "通知装修户按装修管理规定时间施工",
         nth < 3 ? "已书面提醒装修户，上午八点半前不得使用电钻"
                 : "已暂停该户装修许可一天，约谈装修公司负责人，安排专人巡查");
  p.then(minutes(s.rng, 30, 90), desk, "call_back", {{"satisfaction", nth < 3 ? 4 : 3}});
  sign_off(p, s, desk, "同一业主一周内第三次投诉，已约谈装修公司；同意结案并每日巡查至装修结束");
  return std::move(p).done();
}

}  // namespace propdesk::cli::demo
