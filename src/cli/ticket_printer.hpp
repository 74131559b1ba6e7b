// Human output of tickets and journals: compact, aligned, local time (+08:00), state names with
// their Chinese labels, personal fields masked unless `show_pii`.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "propdesk/engine.hpp"
#include "propdesk/journal.hpp"
#include "propdesk/ticket.hpp"
#include "propdesk/workflow.hpp"

namespace propdesk::cli {

/// "in_progress 处理中", or the bare name when there is no label (or no workflow).
std::string state_text(const Workflow* workflow, const std::string& state);

/// Input of an event as "key=value key=value", masked as configured, cut to `max_width` cells
/// (0: no limit).
std::string input_text(const Fields& input, const Workflow* workflow, bool show_pii,
                       std::size_t max_width = 0);

/// A ticket in full: header, state, people, times, fields with their labels, and the events that
/// could come next (for `role`, or for any role).
void print_ticket(std::ostream& out, const Engine& engine, const Ticket& ticket, bool show_pii,
                  const std::optional<std::string>& role = std::nullopt);

/// One line per ticket: code, state, severity, assignee, location, last change, summary.
void print_ticket_list(std::ostream& out, const Engine& engine, const std::vector<Ticket>& tickets,
                       bool show_pii);

/// One line per journal entry: seq, local time, actor, event, from -> to, input.
void print_history(std::ostream& out, const std::vector<JournalEntry>& entries,
                   const Workflow* workflow, bool show_pii, const std::string& indent = "",
                   std::size_t max_input_width = 0);

}  // namespace propdesk::cli
