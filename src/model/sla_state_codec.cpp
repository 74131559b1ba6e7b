// SLA clock states as JSON: written directly; read directly when in the form written, else with
// nlohmann::json.
#include "model/sla_state_codec.hpp"

#include <charconv>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "model/json_cursor.hpp"
#include "model/utf8.hpp"

namespace propdesk {
namespace {

using Json = nlohmann::json;
using Phase = SlaClockState::Phase;

// The members in the order they are written; decoding expects exactly these.
constexpr std::string_view kMembers[] = {"name",    "phase",  "started_at", "since",
                                         "elapsed", "target", "due",        "warned",
                                         "breached", "steps_done"};

struct PhaseName {
  Phase phase;
  std::string_view name;
};
constexpr PhaseName kPhases[] = {
    {Phase::kRunning, "running"},
    {Phase::kPaused, "paused"},
    {Phase::kStopped, "stopped"},
};

// "clock <n> ('<name>')", 1-based, for messages.
std::string which(std::size_t index, std::string_view name) {
  std::string text = "clock " + std::to_string(index + 1);
  if (!name.empty() && !find_invalid_utf8(name)) text += " ('" + std::string(name) + "')";
  return text;
}

template <class Integer>
void append_integer(std::string& out, Integer value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

void append_member(std::string& out, std::string_view name, bool first = false) {
  if (!first) out.push_back(',');
  out.push_back('"');
  out.append(name);
  out += "\":";
}

void append_clock(std::string& out, std::size_t index, const SlaClockState& c) {
  if (auto bad = find_invalid_utf8(c.name))
    throw SlaStateCodecError(which(index, {}) + ": the name is not valid UTF-8 (bad byte at offset " +
                             std::to_string(*bad) + ")");
  std::string_view phase;
  for (const PhaseName& p : kPhases)
    if (p.phase == c.phase) phase = p.name;
  if (phase.empty())
    throw SlaStateCodecError(which(index, c.name) + ": phase " +
                             std::to_string(static_cast<int>(c.phase)) + " is not a phase");
  out.push_back('{');
  append_member(out, "name", true);
  out += Json(c.name).dump();  // JSON string escaping, UTF-8 kept as is
  append_member(out, "phase");
  out.push_back('"');
  out.append(phase);
  out.push_back('"');
  append_member(out, "started_at");
  append_integer(out, c.started_at.time_since_epoch().count());
  append_member(out, "since");
  append_integer(out, c.since.time_since_epoch().count());
  append_member(out, "elapsed");
  append_integer(out, c.elapsed.count());
  append_member(out, "target");
  append_integer(out, c.target.count());
  append_member(out, "due");
  if (c.due)
    append_integer(out, c.due->time_since_epoch().count());
  else
    out += "null";
  append_member(out, "warned");
  out += c.warned ? "true" : "false";
  append_member(out, "breached");
  out += c.breached ? "true" : "false";
  append_member(out, "steps_done");
  append_integer(out, c.steps_done);
  out.push_back('}');
}

// Reads the members of one clock object, naming the clock and member in every error.
class ClockReader {
 public:
  ClockReader(const Json& object, std::size_t index) : object_(object), index_(index) {}

  void check_members() const {
    for (const auto& [key, value] : object_.items()) {
      bool known = false;
      for (std::string_view member : kMembers) known = known || key == member;
      if (!known) fail("unknown member '" + key + "'");
    }
  }

  [[nodiscard]] const Json& member(std::string_view name) const {
    const auto it = object_.find(name);
    if (it == object_.end()) fail("member '" + std::string(name) + "' is missing");
    return *it;
  }

  [[nodiscard]] std::string string(std::string_view name) const {
    const Json& j = member(name);
    if (!j.is_string()) fail(std::string(name) + " is not a string");
    return j.get<std::string>();
  }

  [[nodiscard]] bool boolean(std::string_view name) const {
    const Json& j = member(name);
    if (!j.is_boolean()) fail(std::string(name) + " is not true or false");
    return j.get<bool>();
  }

  [[nodiscard]] std::int64_t int64(std::string_view name) const {
    return int64_of(name, member(name));
  }

  [[nodiscard]] std::int64_t int64_of(std::string_view name, const Json& j) const {
    if (j.is_number_integer() && !j.is_number_unsigned()) return j.get<std::int64_t>();
    if (j.is_number_unsigned()) {
      const auto u = j.get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return static_cast<std::int64_t>(u);
    }
    fail(std::string(name) + " is not an integer of 64 bits");
  }

  [[nodiscard]] std::uint64_t uint64(std::string_view name) const {
    const Json& j = member(name);
    if (!j.is_number_unsigned()) fail(std::string(name) + " is not an unsigned integer of 64 bits");
    return j.get<std::uint64_t>();
  }

  [[nodiscard]] Phase phase() const {
    const std::string name = string("phase");
    for (const PhaseName& p : kPhases)
      if (p.name == name) return p.phase;
    fail("phase '" + name + "' is not running, paused or stopped");
  }

  [[noreturn]] void fail(const std::string& what) const {
    const auto it = object_.find("name");
    const std::string name = it != object_.end() && it->is_string() ? it->get<std::string>() : "";
    throw SlaStateCodecError(which(index_, name) + ": " + what);
  }

 private:
  const Json& object_;
  std::size_t index_;
};

SlaClockState read_clock(const Json& object, std::size_t index) {
  if (!object.is_object())
    throw SlaStateCodecError(which(index, {}) + ": not an object but " + object.type_name());
  const ClockReader r(object, index);
  r.check_members();
  SlaClockState c;
  c.name = r.string("name");
  c.phase = r.phase();
  c.started_at = TimePoint{Duration{r.int64("started_at")}};
  c.since = TimePoint{Duration{r.int64("since")}};
  c.elapsed = Duration{r.int64("elapsed")};
  c.target = Duration{r.int64("target")};
  if (const Json& due = r.member("due"); !due.is_null())
    c.due = TimePoint{Duration{r.int64_of("due", due)}};
  c.warned = r.boolean("warned");
  c.breached = r.boolean("breached");
  c.steps_done = r.uint64("steps_done");
  return c;
}

// One clock in exactly the form append_clock() writes it; false for anything else.
bool canonical_clock(JsonCursor& in, SlaClockState& c) {
  std::int64_t started_at = 0;
  std::int64_t since = 0;
  std::int64_t elapsed = 0;
  std::int64_t target = 0;
  std::string phase;
  if (!in.eat(std::string_view(R"({"name":)")) || !in.string(c.name) ||
      !in.eat(std::string_view(R"(,"phase":)")) || !in.string(phase))
    return false;
  bool known = false;
  for (const PhaseName& p : kPhases) {
    if (p.name == phase) {
      c.phase = p.phase;
      known = true;
    }
  }
  if (!known || !in.eat(std::string_view(R"(,"started_at":)")) || !in.int64(started_at) ||
      !in.eat(std::string_view(R"(,"since":)")) || !in.int64(since) ||
      !in.eat(std::string_view(R"(,"elapsed":)")) || !in.int64(elapsed) ||
      !in.eat(std::string_view(R"(,"target":)")) || !in.int64(target) ||
      !in.eat(std::string_view(R"(,"due":)")))
    return false;
  c.started_at = TimePoint{Duration{started_at}};
  c.since = TimePoint{Duration{since}};
  c.elapsed = Duration{elapsed};
  c.target = Duration{target};
  if (!in.eat(std::string_view("null"))) {
    std::int64_t due = 0;
    if (!in.int64(due)) return false;
    c.due = TimePoint{Duration{due}};
  }
  return in.eat(std::string_view(R"(,"warned":)")) && in.boolean(c.warned) &&
         in.eat(std::string_view(R"(,"breached":)")) && in.boolean(c.breached) &&
         in.eat(std::string_view(R"(,"steps_done":)")) && in.uint64(c.steps_done) && in.eat('}');
}

// The fast path of decode_sla_states(): the text exactly as encode_sla_states() writes it.
// nullopt for anything else, which the general parser then reads or refuses with the reason.
std::optional<std::vector<SlaClockState>> decode_canonical(std::string_view text) {
  JsonCursor in(text);
  std::vector<SlaClockState> clocks;
  if (!in.eat('[')) return std::nullopt;
  if (!in.eat(']')) {
    do {
      SlaClockState c;
      if (!canonical_clock(in, c)) return std::nullopt;
      clocks.push_back(std::move(c));
    } while (in.eat(','));
    if (!in.eat(']')) return std::nullopt;
  }
  if (!in.at_end()) return std::nullopt;
  return clocks;
}

}  // namespace

std::string encode_sla_states(const std::vector<SlaClockState>& clocks) {
  std::string out;
  out.reserve(2 + 200 * clocks.size());
  out.push_back('[');
  for (std::size_t i = 0; i < clocks.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_clock(out, i, clocks[i]);
  }
  out.push_back(']');
  return out;
}

std::vector<SlaClockState> decode_sla_states(std::string_view text) {
  if (text == "[]") return {};  // no clock has started
  // Every stored ticket's clocks are in the form written: read them without a JSON tree.
  if (auto clocks = decode_canonical(text)) return std::move(*clocks);
  const Json array = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (array.is_discarded()) throw SlaStateCodecError("clock states JSON is malformed");
  if (!array.is_array())
    throw SlaStateCodecError(std::string("clock states JSON is not an array but ") +
                             array.type_name());
  std::vector<SlaClockState> clocks;
  clocks.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) clocks.push_back(read_clock(array[i], i));
  return clocks;
}

}  // namespace propdesk
