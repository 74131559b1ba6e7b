#include "cli/demo_week.hpp"

#include <chrono>
#include <functional>

#include "cli/demo_complaints.hpp"
#include "cli/demo_inquiries.hpp"
#include "cli/demo_paid_services.hpp"
#include "cli/demo_plot.hpp"
#include "cli/demo_repairs.hpp"

namespace propdesk::cli::demo {

namespace {

using Writer = std::function<Story(const Scene&)>;

struct Routine {
  int weight;
  Writer write;
};

// Everyday work, weighted by how often the desk meets it (percent).
const std::vector<Routine>& routine() {
  static const std::vector<Routine> writers = {
      // Repairs, half of the desk's work.
      {22, dispatched_repair},
      {12, grabbed_repair},
      {4, held_repair},
      {4, [](const Scene& s) { return paid_repair(s, false); }},
      {4, reopened_repair},
      {3, returned_repair},
      {3, cancelled_repair},
      // Complaints.
      {6, [](const Scene& s) { return noise_complaint(s, draw_callback(s.rng, 15)); }},
      {3, parking_complaint},
      {3, withdrawn_complaint},
      {2, gas_smell_complaint},
      // Inquiries.
      {18, answered_inquiry},
      {4, renovation_inquiry},
      {4, converted_inquiry},
      // Paid services.
      {5, [](const Scene& s) { return drain_service(s, chance(s.rng, 20)); }},
      {3, declined_service},
  };
  return writers;
}

const Writer& pick_routine(Rng& rng) {
  int total = 0;
  for (const Routine& r : routine()) total += r.weight;
  int roll = draw(rng, 1, total);
  for (const Routine& r : routine()) {
    if ((roll -= r.weight) <= 0) return r.write;
  }
  return routine().back().write;
}

// Minutes after the 08:30 opening a resident turns up: three in five before lunch.
int arrival_minute(Rng& rng) { return chance(rng, 60) ? draw(rng, 0, 210) : draw(rng, 270, 540); }

class WeekPlan {
 public:
  WeekPlan(Rng& rng, const Staff& staff, const OfficeHours& hours, const Calendar& office)
      : rng_(rng), staff_(staff), hours_(hours), office_(office) {}

  // A story arriving on `day`, `from`..`to` minutes after opening.
  void add(int day, int from, int to, const Writer& write) {
    if (day >= hours_.days()) return;
    const Scene s{rng_, staff_, hours_, office_,
                  hours_.opening(day) + std::chrono::minutes(draw(rng_, from, to))};
    stories_.push_back(write(s));
  }
  void add_routine(int day) {
    const auto date = office_.local_date(hours_.opening(day));
    const bool working = !office_.schedule_on(date).periods.empty();
    const int count = working ? draw(rng_, 10, 14) : draw(rng_, 3, 6);
    for (int i = 0; i < count; ++i) {
      const int minute = arrival_minute(rng_);
      add(day, minute, minute, pick_routine(rng_));
    }
  }
  // The first working-period start after day `day` closes (Monday 09:00 after a Friday).
  [[nodiscard]] TimePoint next_working_morning(int day) const {
    const TimePoint closing = hours_.closing(day);
    return office_.next_working_start(closing + std::chrono::minutes(1)).value_or(closing);
  }
  std::vector<Story> take() { return std::move(stories_); }

 private:
  Rng& rng_;
  const Staff& staff_;
  const OfficeHours& hours_;
  const Calendar& office_;
  std::vector<Story> stories_;
};

}  // namespace

std::vector<Story> plan_week(Rng& rng, const Staff& staff, const OfficeHours& hours,
                             const Calendar& office) {
  WeekPlan plan(rng, staff, hours, office);
  // The stories the demo is there to show (minutes after the 08:30 opening).
  const Resident renovation_neighbour = draw_resident(rng);
  const auto complaint_about_renovation = [&](int nth) {
    return [&renovation_neighbour, nth](const Scene& s) {
      return renovation_noise_complaint(s, renovation_neighbour, nth);
    };
  };
  plan.add(0, 30, 60, complaint_about_renovation(1));
  plan.add(0, 40, 70, urgent_lift);
  plan.add(0, 60, 90, slow_repair);
  plan.add(0, 90, 120, flood_complaint);
  plan.add(0, 100, 150, [](const Scene& s) { return paid_repair(s, true); });
  plan.add(0, 120, 150, unrated_repair);
  plan.add(0, 150, 200, renovation_inquiry);
  plan.add(0, 240, 300, converted_inquiry);
  plan.add(1, 30, 90, [](const Scene& s) { return noise_complaint(s, Callback::kMissed); });
  plan.add(1, 40, 80, complaint_about_renovation(2));
  plan.add(1, 90, 150, manager_requested_complaint);
  const TimePoint monday = plan.next_working_morning(1);
  plan.add(1, 350, 380, [monday](const Scene& s) {
    return unanswered_complaint(s, monday + minutes(s.rng, 60, 90));
  });
  plan.add(4, 30, 60, complaint_about_renovation(3));
  plan.add(hours.days() - 1, 10, 40, forgotten_callback_repair);
  for (int day = 0; day < hours.days(); ++day) plan.add_routine(day);
  return plan.take();
}

}  // namespace propdesk::cli::demo
