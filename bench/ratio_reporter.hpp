// RatioReporter: the console output as usual, plus every counter of every run kept (median and
// cv of the repetitions when aggregated, else the mean of the runs) so that a benchmark binary can
// print ratios between its benchmarks after the table. Shared by the benchmark programs.
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace propdesk_bench {

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      // Function name and thread count: the key print_summary() asks for.
      std::string name = run.run_name.function_name;
      if (!run.run_name.threads.empty()) name += "/" + run.run_name.threads;
      for (const auto& [counter, value] : run.counters) {
        if (run.run_type == Run::RT_Aggregate) {
          if (run.aggregate_name == "median") medians_[name][counter] = value.value;
          if (run.aggregate_name == "cv") cvs_[name][counter] = value.value;
        } else {
          auto& [sum, count] = singles_[name][counter];
          sum += value.value;
          ++count;
        }
      }
    }
  }

  // The coefficient of variation over the repetitions, when they were aggregated.
  [[nodiscard]] std::optional<double> cv(const std::string& name,
                                         const std::string& counter) const {
    if (auto it = cvs_.find(name); it != cvs_.end()) {
      if (auto c = it->second.find(counter); c != it->second.end()) return c->second;
    }
    return std::nullopt;
  }

  [[nodiscard]] std::optional<double> counter(const std::string& name,
                                              const std::string& counter) const {
    if (auto it = medians_.find(name); it != medians_.end()) {
      if (auto c = it->second.find(counter); c != it->second.end()) return c->second;
    }
    if (auto it = singles_.find(name); it != singles_.end()) {
      if (auto c = it->second.find(counter); c != it->second.end() && c->second.second > 0)
        return c->second.first / c->second.second;
    }
    return std::nullopt;
  }

 private:
  std::map<std::string, std::map<std::string, double>> medians_;
  std::map<std::string, std::map<std::string, double>> cvs_;
  std::map<std::string, std::map<std::string, std::pair<double, int>>> singles_;
};

}  // namespace propdesk_bench
