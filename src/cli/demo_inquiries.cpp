#include "cli/demo_inquiries.hpp"

#include "cli/demo_plot.hpp"
#include "cli/demo_repairs.hpp"

namespace propdesk::cli::demo {

namespace {

Fields inquiry_fields(const Resident& r, const std::string& topic, const std::string& question,
                      const std::string& channel) {
  return {{"question", question}, {"topic", topic},   {"location", r.room},
          {"reporter", r.name},   {"phone", r.phone}, {"channel", channel}};
}

}  // namespace

Story answered_inquiry(const Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Question& q = pick(s.rng, everyday_questions());
  const Actor& desk = s.staff.desk(s.rng);
  Plot p(s, "inquiry", inquiry_fields(r, q.topic, q.question, draw_channel(s.rng)), desk);
  p.then(minutes(s.rng, 2, 8), desk, "answer", {{"answer", q.answer}});
  return std::move(p).done();
}

Story renovation_inquiry(const Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p(s, "inquiry",
         inquiry_fields(r, "renovation", "想封阳台、改厨房水电，需要办什么装修手续？", "visit"),
         desk);
  p.then(minutes(s.rng, 3, 10), desk, "forward", {{"dept", "management_office"}})
      .then(
          minutes(s.rng, 60, 150), s.staff.office_dept, "reply",
          {{"answer", "填写装修申请表，交装修押金2000元，封阳台需按统一样式，水电改造需提交图纸"}})
      .then(minutes(s.rng, 20, 60), desk, "call_back");
  return std::move(p).done();
}

Story converted_inquiry(const Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p(s, "inquiry", inquiry_fields(r, "other", "阳台推拉门关不上，这个归物业修吗？", "phone"),
         desk);
  p.then(minutes(s.rng, 2, 5), desk, "convert")
      .spawning(balcony_door_repair(s.at(p.planned()), r), "related_code");
  return std::move(p).done();
}

}  // namespace propdesk::cli::demo
