#include "cli/demo_paid_services.hpp"

#include <chrono>

#include "cli/demo_plot.hpp"

namespace propdesk::cli::demo {

namespace {

Fields service_fields(const Resident& r, const std::string& service, const std::string& text,
                      const std::string& channel) {
  return {{"location", r.room}, {"service", service}, {"description", text},
          {"reporter", r.name}, {"phone", r.phone},   {"channel", channel}};
}

}  // namespace

Story drain_service(const Scene& s, bool late) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  const double quote = 80.0 + 20.0 * draw(s.rng, 0, 3);
  Plot p(s, "paid_service", service_fields(r, "plumbing", "厨房下水道堵塞，需要上门疏通", "phone"),
         desk);
  p.then(minutes(s.rng, 5, 15), desk, "quote", {{"quote_amount", quote}})
      .then(minutes(s.rng, 10, 30), r.actor(), "accept_quote");
  // The resident wants the plumber in about two hours, while the desk is open; he comes a little
  // early, or late.
  const TimePoint in_two_hours = p.planned() + std::chrono::hours(2);
  const TimePoint visit = s.hours.fit(in_two_hours).value_or(in_two_hours);
  const Duration arrival = late ? minutes(s.rng, 15, 40) : -minutes(s.rng, 1, 10);
  p.then(minutes(s.rng, 5, 10), s.staff.dispatcher, "dispatch",
         {{"assignee", s.staff.plumber.id}, {"scheduled_at", visit}})
      .at(visit + arrival, s.staff.plumber, "start")
      .then(minutes(s.rng, 30, 50), s.staff.plumber, "complete", {{"final_amount", quote}})
      .then(minutes(s.rng, 5, 20), r.actor(), "pay", {{"payment_method", "wechat"}})
      .then(minutes(s.rng, 60, 120), desk, "call_back", {{"satisfaction", late ? 3 : 5}});
  return std::move(p).done();
}

Story declined_service(const Scene& s) {
  const Resident r = draw_resident(s.rng);
  const Actor& desk = s.staff.desk(s.rng);
  Plot p(s, "paid_service", service_fields(r, "cleaning", "新房开荒保洁，三室两厅", "visit"), desk);
  p.then(minutes(s.rng, 10, 20), desk, "quote", {{"quote_amount", 650.0}})
      .then(minutes(s.rng, 30, 90), r.actor(), "refuse_quote");
  return std::move(p).done();
}

}  // namespace propdesk::cli::demo
