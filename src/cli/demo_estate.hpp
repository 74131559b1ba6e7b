// The estate the demo plays in: 阳光花园, buildings 1-6, its staff and residents. Everything random
// comes from the caller's std::mt19937, so a seed gives the same week every time.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "propdesk/ticket.hpp"

namespace propdesk::cli::demo {

using Rng = std::mt19937;

/// A uniformly drawn integer in [lo, hi].
int draw(Rng& rng, int lo, int hi);
/// One element of a non-empty list, drawn uniformly.
template <typename T>
const T& pick(Rng& rng, const std::vector<T>& items) {
  return items[static_cast<std::size_t>(draw(rng, 0, static_cast<int>(items.size()) - 1))];
}
/// True with probability percent / 100.
bool chance(Rng& rng, int percent);

/// A resident who calls, visits or uses the app.
struct Resident {
  std::string name;   ///< e.g. 王建国
  std::string phone;  ///< 11 digits, e.g. 13812345678
  std::string room;   ///< building-unit-room, e.g. 3-2-1502
  [[nodiscard]] Actor actor() const { return {"owner-" + room, "resident"}; }
};

/// A resident of a random flat.
Resident draw_resident(Rng& rng);
/// How a resident reaches the desk: phone (most often), a visit, or the residents' app.
std::string draw_channel(Rng& rng);
/// A public place of the estate, e.g. "4号楼1单元电梯".
std::string draw_public_place(Rng& rng, const std::string& what);

/// The people at work today, as actors of the workflows' roles.
struct Staff {
  Actor desk_wang{"wangli", "front_desk"};
  Actor desk_chen{"chenjing", "front_desk"};
  Actor dispatcher{"zhouqiang", "dispatcher"};
  Actor plumber{"lishifu", "repairer"};
  Actor electrician{"zhaodian", "repairer"};
  Actor handyman{"zhangshifu", "repairer"};
  Actor lift_engineer{"wubo", "repairer"};
  Actor supervisor{"sunli", "supervisor"};
  Actor manager{"liujingli", "manager"};
  Actor cashier{"qianhui", "cashier"};
  Actor security_dept{"huangbaoan", "department"};
  Actor engineering_dept{"magong", "department"};
  Actor cleaning_dept{"heayi", "department"};
  Actor landscaping_dept{"lvyuan_tang", "department"};
  Actor office_dept{"xuzhuren", "department"};
  Actor finance_dept{"caiwu_li", "department"};

  /// One of the two desk clerks.
  [[nodiscard]] const Actor& desk(Rng& rng) const;
  /// The clerk who closes the desk on day `day` (0-based) and hands the shift over; the other one
  /// opens it the next morning.
  [[nodiscard]] const Actor& closing_clerk(int day) const;
  /// The repairer of a repair category (plumbing, electrical, elevator, ...).
  [[nodiscard]] const Actor& repairer_for(const std::string& category) const;
  /// The department actor for a department name (security, engineering, ...).
  [[nodiscard]] const Actor& department(const std::string& dept) const;
};

/// Something broken, as residents describe it.
struct RepairProblem {
  std::string category;     ///< the repair workflow's category value
  std::string description;  ///< in the resident's words
  bool in_flat = true;      ///< false: a public place (lift, corridor, garage)
  std::string place;        ///< for public places: what, e.g. "电梯"
};
/// Everyday repair reports.
const std::vector<RepairProblem>& repair_problems();

/// A question residents ask, with the desk's answer when it can answer on the spot.
struct Question {
  std::string topic;
  std::string question;
  std::string answer;
};
/// Questions the desk answers on the spot.
const std::vector<Question>& everyday_questions();

}  // namespace propdesk::cli::demo
