// A propdesk plugin of an estate's own, built outside propdesk against the installed package
// (see CMakeLists.txt and docs/plugins.md). Plugin "estate_extras" provides
//   escalation rule "keywords": a ticket is major when its description holds one of the words in the
//     plugin setting `keywords` (comma-separated; default 漏水,燃气,火警);
//   notifier "memo": appends one "to | subject | body" line per notification to the file in the
//     channel setting `path`.
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <propdesk/plugin_sdk.hpp>

namespace {

namespace sdk = propdesk::sdk;

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

class KeywordsRule {
 public:
  explicit KeywordsRule(std::vector<std::string> words) : words_(std::move(words)) {}
  // Called concurrently: reads only what the constructor set.
  sdk::Verdict classify(const propdesk_ticket& ticket, const propdesk_rule_context&) const {
    const auto description = sdk::field(ticket, "description");
    if (!description) return {};
    for (const std::string& w : words_)
      if (description->find(w) != std::string_view::npos) return {true, "keyword '" + w + "' in description"};
    return {};
  }

 private:
  std::vector<std::string> words_;
};

class MemoNotifier {
 public:
  explicit MemoNotifier(const sdk::SettingsView& settings) {
    settings.allow_only({"path"});
    path_ = settings.require("path");
    std::ofstream probe(path_, std::ios::app);
    if (!probe) throw sdk::Error(PROPDESK_STATUS_INVALID, "setting 'path': cannot open '" + path_ + "'");
  }
  void send(const propdesk_notification& n) {
    std::ofstream out(path_, std::ios::app);
    out << sdk::view(n.recipient) << " | " << sdk::view(n.subject) << " | " << sdk::view(n.body) << '\n';
    out.flush();
    if (!out) throw sdk::Error(PROPDESK_STATUS_RETRY, "cannot append to '" + path_ + "'");
  }

 private:
  std::string path_;
};

void register_estate_extras(const propdesk_host& host) {
  const sdk::SettingsView settings = sdk::plugin_settings(host);
  settings.allow_only({"keywords"});
  std::vector<std::string> words = split_commas(settings.get("keywords", "漏水,燃气,火警"));
  if (words.empty()) throw sdk::Error(PROPDESK_STATUS_INVALID, "setting 'keywords' names no word");
  sdk::add_escalation_rule(host, "keywords", "major when the description holds a configured word",
                           std::make_unique<KeywordsRule>(std::move(words)));
  sdk::add_notifier<MemoNotifier>(host, "memo", "one line per notification in a file");
}

}  // namespace

PROPDESK_DEFINE_PLUGIN("estate_extras", "1.0.0", "an estate's own severity rule and memo channel",
                       register_estate_extras)
