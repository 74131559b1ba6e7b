// What a severity rule sees of the desk: the engine's store and clock.
#pragma once

#include "propdesk/escalation_rule.hpp"
#include "propdesk/store.hpp"

namespace propdesk {

class StoreRuleContext final : public RuleContext {
 public:
  StoreRuleContext(const Store& store, TimePoint now) : store_(store), now_(now) {}
  [[nodiscard]] TimePoint now() const override { return now_; }
  [[nodiscard]] std::vector<Ticket> tickets_at(std::string_view workflow, std::string_view location,
                                               TimePoint since, std::size_t limit) const override;

 private:
  const Store& store_;
  TimePoint now_;
};

}  // namespace propdesk
