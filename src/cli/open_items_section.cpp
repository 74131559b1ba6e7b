#include "cli/open_items_section.hpp"

namespace propdesk::cli {

ReportSection open_items_section(const DailyReport& report) {
  ReportSection section;
  section.key = "open";
  section.title = "Open items (未关闭事项)";
  section.columns = {{"code", "CODE"},         {"workflow", "WORKFLOW"},
                     {"state", "STATE"},       {"state_label", "状态"},
                     {"severity", "SEVERITY"}, {"assignee", "OWNER"},
                     {"location", "LOCATION"}, {"created_at", "CREATED"},
                     {"age_seconds", "AGE"},   {"next_due", "NEXT DEADLINE"},
                     {"next_clock", "CLOCK"},  {"breached_clocks", "BREACHED"}};
  for (const OpenItem& i : report.items) {
    section.rows.push_back(
        {text_cell(i.code), text_cell(i.workflow), text_cell(i.state), text_cell(i.state_label),
         text_cell(i.severity), text_cell(i.assignee), text_cell(i.location), Cell(i.created_at),
         Cell(i.age), time_cell(i.next_due), text_cell(i.next_clock), Cell(i.breached_clocks)});
  }
  return section;
}

}  // namespace propdesk::cli
