#include "cli/demo_estate.hpp"

#include <cstdio>

namespace propdesk::cli::demo {

int draw(Rng& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }

bool chance(Rng& rng, int percent) { return draw(rng, 1, 100) <= percent; }

Resident draw_resident(Rng& rng) {
  static const std::vector<std::string> surnames = {"王", "李", "张", "刘", "陈", "杨", "黄",
                                                    "赵", "周", "吴", "徐", "孙", "马", "朱"};
  static const std::vector<std::string> given = {"建国", "秀英", "丽",   "伟",   "芳",
                                                 "志强", "海燕", "晓明", "桂兰", "俊",
                                                 "雪梅", "国庆", "婷",   "德华"};
  static const std::vector<std::string> mobile_prefixes = {"138", "139", "186", "150", "177"};
  // One draw per statement: the order of evaluation of function arguments is unspecified, and
  // a seed must give the same day with every compiler.
  Resident r;
  r.name = pick(rng, surnames);
  r.name += pick(rng, given);
  const int high = draw(rng, 0, 9999);
  const int low = draw(rng, 0, 9999);
  char digits[16];
  std::snprintf(digits, sizeof digits, "%04d%04d", high, low);
  r.phone = pick(rng, mobile_prefixes) + digits;
  const int building = draw(rng, 1, 6);
  const int unit = draw(rng, 1, 2);
  const int floor = draw(rng, 2, 18);
  const int flat = draw(rng, 1, 4);
  char room[24];
  std::snprintf(room, sizeof room, "%d-%d-%d%02d", building, unit, floor, flat);
  r.room = room;
  return r;
}

std::string draw_channel(Rng& rng) {
  static const std::vector<std::string> channels = {"phone", "phone", "visit", "app"};
  return pick(rng, channels);
}

std::string draw_public_place(Rng& rng, const std::string& what) {
  const int building = draw(rng, 1, 6);
  const int unit = draw(rng, 1, 2);
  return std::to_string(building) + "号楼" + std::to_string(unit) + "单元" + what;
}

const Actor& Staff::desk(Rng& rng) const { return chance(rng, 50) ? desk_wang : desk_chen; }

const Actor& Staff::closing_clerk(int day) const { return day % 2 == 0 ? desk_wang : desk_chen; }

const Actor& Staff::repairer_for(const std::string& category) const {
  if (category == "plumbing" || category == "gas") return plumber;
  if (category == "electrical") return electrician;
  if (category == "elevator") return lift_engineer;
  return handyman;
}

const Actor& Staff::department(const std::string& dept) const {
  if (dept == "security") return security_dept;
  if (dept == "engineering") return engineering_dept;
  if (dept == "cleaning") return cleaning_dept;
  if (dept == "landscaping") return landscaping_dept;
  if (dept == "finance") return finance_dept;
  return office_dept;
}

const std::vector<RepairProblem>& repair_problems() {
  static const std::vector<RepairProblem> problems = {
      {"plumbing", "厨房水槽下水管漏水，地上都是水", true, ""},
      {"plumbing", "卫生间马桶一直漏水，水箱关不住", true, ""},
      {"plumbing", "阳台地漏堵了，洗衣机排水漫出来", true, ""},
      {"electrical", "客厅插座没电，跳闸后合不上", true, ""},
      {"electrical", "楼道声控灯不亮，晚上看不见台阶", false, "楼道"},
      {"door_window", "入户门锁芯卡住，钥匙拧不动", true, ""},
      {"door_window", "单元门禁坏了，刷卡开不了门", false, "单元门"},
      {"door_window", "卧室窗户合页松了，关不严", true, ""},
      {"wall_floor", "卫生间墙砖空鼓脱落", true, ""},
      {"public_area", "地下车库入口有积水", false, "地下车库入口"},
      {"elevator", "电梯门关不上，来回开合", false, "电梯"},
      {"other", "信报箱门掉了", false, "信报箱"},
  };
  return problems;
}

const std::vector<Question>& everyday_questions() {
  static const std::vector<Question> questions = {
      {"fees", "物业费现在怎么交？可以用微信吗？",
       "可在业主App或前台用微信、支付宝、刷卡缴纳，按季度交"},
      {"parking", "月租车位还有吗？怎么办理？",
       "地下车库还有少量月租车位，带行驶证和房产证到前台登记"},
      {"move_in", "办理入住需要带什么材料？", "带身份证、购房合同和钥匙交接单，到前台办理入住手续"},
      {"facilities", "小区会所游泳池几点开放？", "冬季暂停开放，健身房每天9:00-21:00开放"},
      {"policy", "可以在楼道里放鞋柜吗？", "楼道是消防通道，不能堆放物品，请放回户内"},
  };
  return questions;
}

}  // namespace propdesk::cli::demo
