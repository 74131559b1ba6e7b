// The workflow loader: YAML text -> YamlNode tree -> checked WorkflowParts -> compiled Workflow.
//
// Each section is read by one function below, in the order the language reference lists them.
// Errors are collected, not thrown: one pass reports as many independent mistakes as it can.
#include "propdesk/journal.hpp"
#include "propdesk/workflow_loader.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>
#include <stdexcept>

#include "model/sha256.hpp"
#include "model/text_file.hpp"
#include "workflow/yaml_source.hpp"
#include "workflow/suggestion.hpp"
#include "workflow/yaml_reader.hpp"
#include "workflow/yaml_tree.hpp"

namespace propdesk {

namespace {

constexpr std::string_view kSystemRole = "system";
// A ladder step's `at` for "when the clock is breached".
constexpr std::string_view kAtBreach = "breach";
// Placeholders a template may use besides the workflow's fields.
const std::vector<std::string> kTemplatePlaceholders = {
    "code", "id",       "workflow", "title",      "state",    "state_label", "event",
    "actor", "severity", "assignee", "created_at", "deadline", "link"};

class WorkflowLoader {
 public:
  WorkflowLoader(std::string file, std::vector<Diagnostic>& out, std::string_view text)
      : r_(std::move(file), out) {
    p_.source_text = std::string(text);
    p_.source_hash = sha256_hex(text);
  }

  std::shared_ptr<const Workflow> load(const YamlNode* root);

 private:
  void read_header(const YamlNode& root);
  void read_fields(const YamlNode* node);
  void read_field(const YamlNode& key, const YamlNode& node);
  void read_roles(const YamlNode* node);
  void read_states(const YamlNode& node);
  void read_templates(const YamlNode* node);
  void read_transitions(const YamlNode& node);
  void read_transition(const YamlNode& node);
  void read_clocks(const YamlNode* node);
  void read_clock(const YamlNode& key, const YamlNode& node);
  void read_escalation(const YamlNode* node);
  void read_escalation_step(const YamlNode& node);
  void read_step_at(const YamlNode& n, EscalationStep& s);

  std::optional<Condition> read_condition(const YamlNode& node);
  std::optional<Condition> read_field_condition(const YamlNode& key, FieldId field, const YamlNode& node);
  std::optional<Action> read_action(const YamlNode& node);
  AssignAction read_assign(const YamlNode& value);
  void read_assign_strategy(const YamlNode& value, AssignAction& as);
  std::vector<std::pair<FieldId, Value>> read_assignments(const YamlNode& node, std::string_view what);

  std::optional<StateId> state_ref(const YamlNode& n, std::string_view what);
  std::vector<StateId> state_refs(const YamlNode& n, std::string_view what);
  std::optional<FieldId> field_ref(const YamlNode& n, std::string_view what);
  std::optional<RoleId> role_ref(const YamlNode& n, std::string_view what);
  std::optional<EventId> event_ref(const YamlNode& n, std::string_view what);
  EventId intern_event(const std::string& name);

  template <typename T, typename NameOf>
  static std::vector<std::string> names_of(const std::vector<T>& items, NameOf name_of) {
    std::vector<std::string> out;
    out.reserve(items.size());
    for (const auto& i : items) out.push_back(name_of(i));
    return out;
  }
  template <typename Id>
  std::optional<Id> lookup(const std::map<std::string, Id, std::less<>>& map, std::string_view name) const {
    auto it = map.find(name);
    return it == map.end() ? std::nullopt : std::optional<Id>(it->second);
  }

  YamlReader r_;
  WorkflowParts p_;
  std::map<std::string, FieldId, std::less<>> fields_;
  std::map<std::string, RoleId, std::less<>> roles_;
  std::map<std::string, StateId, std::less<>> states_;
  std::map<std::string, EventId, std::less<>> events_;
  std::map<std::string, ClockId, std::less<>> clocks_;
  std::set<std::string, std::less<>> templates_;
  std::vector<const YamlNode*> notify_template_refs_;  // checked once templates are known
  bool states_ok_ = false;
  std::vector<bool> role_used_;
};

std::shared_ptr<const Workflow> WorkflowLoader::load(const YamlNode* root) {
  if (root == nullptr || root->is_null()) {
    r_.error_at({r_.file(), 1, 1}, "empty-file",
                "the file is empty; a workflow is a mapping with 'workflow', 'states' and 'transitions'");
    return nullptr;
  }
  if (!root->is_map()) {
    r_.error(*root, "not-a-mapping",
             "a workflow file must be a mapping with 'workflow', 'states' and 'transitions', not " +
                 root->describe());
    return nullptr;
  }
  p_.where = {r_.file(), 0, 0};
  r_.check_keys(*root,
                {"workflow", "version", "title", "description", "prefix", "fields", "roles", "states",
                 "transitions", "clocks", "escalation", "templates"},
                "the workflow");
  read_header(*root);
  read_fields(root->find("fields"));
  read_roles(root->find("roles"));
  if (const YamlNode* states = r_.require(*root, "states", "a workflow")) read_states(*states);
  read_templates(root->find("templates"));
  if (const YamlNode* transitions = r_.require(*root, "transitions", "a workflow"))
    read_transitions(*transitions);
  read_clocks(root->find("clocks"));
  read_escalation(root->find("escalation"));
  for (const YamlNode* ref : notify_template_refs_) {
    if (!templates_.count(ref->scalar)) {
      std::vector<std::string> known(templates_.begin(), templates_.end());
      r_.error(*ref, "unknown-template",
               "unknown template '" + ref->scalar + "'" + did_you_mean(ref->scalar, known) +
                   (known.empty() ? " (declare it under 'templates')" : ""));
    }
  }
  if (r_.error_count() > 0) return nullptr;
  try {
    return Workflow::compile(std::move(p_));
  } catch (const std::invalid_argument& e) {
    r_.error_at({r_.file(), 0, 0}, "internal", std::string("workflow could not be compiled: ") + e.what());
    return nullptr;
  }
}

void WorkflowLoader::read_header(const YamlNode& root) {
  if (const YamlNode* n = r_.require(root, "workflow", "a workflow")) {
    if (auto name = r_.name(*n, "the workflow name")) p_.name = *name;
  }
  if (const YamlNode* n = root.find("version")) {
    if (auto v = r_.integer(*n, "version")) {
      if (*v < 1 || *v > 1'000'000) {
        r_.error(*n, "out-of-range", "version must be between 1 and 1000000");
      } else {
        p_.version = static_cast<int>(*v);
      }
    }
  }
  if (const YamlNode* n = root.find("title")) p_.title = r_.text(*n, "title").value_or("");
  if (const YamlNode* n = root.find("description")) p_.description = r_.text(*n, "description").value_or("");
  if (const YamlNode* n = root.find("prefix")) {
    auto text = r_.text(*n, "prefix");
    const bool ok = text && !text->empty() && text->size() <= 8 && std::isupper(static_cast<unsigned char>((*text)[0])) &&
                    std::all_of(text->begin(), text->end(), [](char c) {
                      return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c));
                    });
    if (ok) {
      p_.prefix = *text;
    } else if (text) {
      r_.error(*n, "bad-prefix", "prefix '" + *text + "' must be 1 to 8 capital letters or digits, starting with a letter (e.g. BX)");
    }
  } else {
    for (char c : p_.name)
      if (std::isalnum(static_cast<unsigned char>(c)) && p_.prefix.size() < 8)
        p_.prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
}

void WorkflowLoader::read_fields(const YamlNode* node) {
  // Built-in fields come first so their ids are the same in every workflow.
  FieldDef severity;
  severity.name = "severity";
  severity.type = FieldType::kEnum;
  severity.values = {"general", "major"};
  severity.default_value = Value("general");
  severity.builtin = true;
  severity.label = "severity";
  FieldDef assignee;
  assignee.name = "assignee";
  assignee.type = FieldType::kString;
  assignee.builtin = true;
  assignee.label = "assignee";
  for (FieldDef* f : {&severity, &assignee}) {
    f->where = p_.where;
    fields_.emplace(f->name, static_cast<FieldId>(p_.fields.size()));
    p_.fields.push_back(*f);
  }
  if (node == nullptr || node->is_null()) return;
  if (!r_.expect_map(*node, "'fields'")) return;
  for (const auto& [key, value] : node->entries) read_field(*key, *value);
}

void WorkflowLoader::read_field(const YamlNode& key, const YamlNode& node) {
  auto name = r_.name(key, "a field name");
  if (!name) return;
  const std::string what = "field '" + *name + "'";
  if (*name == "severity" || *name == "assignee") {
    r_.error(key, "reserved-name",
             "field '" + *name + "' is built in (severity: general or major; assignee: who has the ticket); remove it");
    return;
  }
  // actor/none are `assign` values; all/any/not are condition combinators.
  if (*name == "actor" || *name == "none" || *name == "any" || *name == "all" || *name == "not") {
    r_.error(key, "reserved-name", "'" + *name + "' is a reserved word and cannot name a field");
    return;
  }
  if (*name == kAssignedByInput || *name == kAssignmentReasonInput) {
    r_.error(key, "reserved-name",
             "'" + *name + "' is what the engine journals with a dispatched assignee and cannot name a field");
    return;
  }
  if (!r_.expect_map(node, what)) return;
  r_.check_keys(node, {"type", "label", "required", "pii", "default", "min", "max", "max_length", "values", "description"},
                what);
  FieldDef f;
  f.name = *name;
  f.where = r_.where(key);
  const YamlNode* type_node = r_.require(node, "type", what);
  if (type_node == nullptr) return;
  auto type_name = r_.text(*type_node, what + " type");
  if (!type_name) return;
  auto type = field_type_from_string(*type_name);
  if (!type) {
    r_.error(*type_node, "unknown-type",
             "unknown field type '" + *type_name + "'" +
                 did_you_mean(*type_name, {"string", "text", "int", "number", "bool", "enum", "time"}) +
                 " (types: string, text, int, number, bool, enum, time)");
    return;
  }
  f.type = *type;
  if (const YamlNode* n = node.find("label")) f.label = r_.text(*n, what + " label").value_or("");
  if (const YamlNode* n = node.find("required")) f.required = r_.boolean(*n, what + " 'required'").value_or(false);
  if (const YamlNode* n = node.find("pii")) f.pii = r_.boolean(*n, what + " 'pii'").value_or(false);

  const bool numeric = f.type == FieldType::kInt || f.type == FieldType::kNumber;
  const bool textual = f.type == FieldType::kString || f.type == FieldType::kText;
  for (const char* k : {"min", "max"}) {
    const YamlNode* n = node.find(k);
    if (n == nullptr) continue;
    if (!numeric) {
      r_.error(*n, "key-not-allowed", std::string("'") + k + "' applies only to int and number fields, and " + what +
                                          " is " + std::string(to_string(f.type)));
      continue;
    }
    std::optional<double> v;
    if (f.type == FieldType::kInt) {
      if (auto i = r_.integer(*n, what + " " + k)) v = static_cast<double>(*i);
    } else {
      v = r_.number(*n, what + " " + k);
    }
    (std::string_view(k) == "min" ? f.min : f.max) = v;
  }
  if (f.min && f.max && *f.min > *f.max) r_.error(node, "bad-range", what + " has min greater than max");
  if (const YamlNode* n = node.find("max_length")) {
    if (!textual) {
      r_.error(*n, "key-not-allowed", "'max_length' applies only to string and text fields");
    } else if (auto v = r_.integer(*n, what + " max_length")) {
      if (*v < 1 || *v > 1024 * 1024) {
        r_.error(*n, "out-of-range", what + " max_length must be between 1 and 1048576 bytes");
      } else {
        f.max_length = static_cast<std::size_t>(*v);
      }
    }
  }
  if (const YamlNode* n = node.find("values")) {
    if (f.type != FieldType::kEnum) {
      r_.error(*n, "key-not-allowed", "'values' applies only to enum fields");
    } else if (!n->is_sequence() || n->items.empty()) {
      r_.error(*n, "wrong-type", what + " values must be a non-empty list");
    } else {
      for (const YamlNode* item : n->items) {
        auto v = r_.text(*item, what + " value");
        if (!v) continue;
        if (std::find(f.values.begin(), f.values.end(), *v) != f.values.end()) {
          r_.error(*item, "duplicate-value", what + " lists '" + *v + "' twice");
        } else {
          f.values.push_back(*v);
        }
      }
    }
  } else if (f.type == FieldType::kEnum) {
    r_.error(node, "missing-key", what + " is an enum and needs 'values'");
  }
  if (const YamlNode* n = node.find("default")) f.default_value = r_.value_for(*n, f, "the default");
  if (p_.fields.size() >= kMaxFields) {
    r_.error(key, "too-many", "too many fields");
    return;
  }
  fields_.emplace(f.name, static_cast<FieldId>(p_.fields.size()));
  p_.fields.push_back(std::move(f));
}

void WorkflowLoader::read_roles(const YamlNode* node) {
  auto add = [&](const std::string& name, SourceLocation where) {
    roles_.emplace(name, static_cast<RoleId>(p_.roles.size()));
    p_.roles.push_back({name, std::move(where)});
  };
  if (node != nullptr && !node->is_null()) {
    if (!node->is_sequence()) {
      r_.error(*node, "wrong-type", "'roles' must be a list of role names, not " + node->describe());
    } else {
      for (const YamlNode* item : node->items) {
        auto name = r_.name(*item, "a role");
        if (!name) continue;
        if (roles_.count(*name)) {
          r_.error(*item, "duplicate-role", "role '" + *name + "' is listed twice");
          continue;
        }
        if (p_.roles.size() + 1 >= kMaxRoles) {
          r_.error(*item, "too-many", "a workflow may have at most " + std::to_string(kMaxRoles - 1) + " roles");
          break;
        }
        add(*name, r_.where(*item));
      }
    }
  }
  if (!roles_.count(kSystemRole)) add(std::string(kSystemRole), p_.where);
  role_used_.assign(p_.roles.size(), false);
}

void WorkflowLoader::read_states(const YamlNode& node) {
  if (!node.is_map() || node.entries.empty()) {
    r_.error(node, "wrong-type", "'states' must be a mapping of state names, not " + node.describe());
    return;
  }
  const YamlNode* first_initial = nullptr;
  for (const auto& [key, value] : node.entries) {
    auto name = r_.name(*key, "a state name");
    if (!name) continue;
    if (*name == "any") {
      r_.error(*key, "reserved-name", "'any' is reserved for `from: any` and cannot name a state");
      continue;
    }
    StateDef s;
    s.name = *name;
    s.where = r_.where(*key);
    const std::string what = "state '" + *name + "'";
    if (!value->is_null()) {
      if (!r_.expect_map(*value, what)) continue;
      r_.check_keys(*value, {"initial", "final", "label", "description"}, what);
      if (const YamlNode* n = value->find("initial")) s.initial = r_.boolean(*n, what + " 'initial'").value_or(false);
      if (const YamlNode* n = value->find("final")) s.final = r_.boolean(*n, what + " 'final'").value_or(false);
      if (const YamlNode* n = value->find("label")) s.label = r_.text(*n, what + " label").value_or("");
    }
    if (s.initial && s.final) r_.error(*key, "initial-and-final", what + " cannot be both initial and final");
    if (s.initial) {
      if (first_initial != nullptr) {
        r_.error(*key, "duplicate-initial-state",
                 what + " is marked initial, but '" + first_initial->scalar + "' (line " +
                     std::to_string(first_initial->line) + ") already is; a workflow has one initial state");
      } else {
        first_initial = key;
      }
    }
    if (p_.states.size() >= kMaxStates) {
      r_.error(*key, "too-many", "too many states");
      return;
    }
    states_.emplace(s.name, static_cast<StateId>(p_.states.size()));
    p_.states.push_back(std::move(s));
  }
  if (first_initial == nullptr && !p_.states.empty()) {
    r_.error(node, "no-initial-state", "no state is marked 'initial: true'; mark the state new tickets start in");
  }
  // Later checks resolve names only when the state list itself is usable.
  states_ok_ = true;
}

void WorkflowLoader::read_templates(const YamlNode* node) {
  if (node == nullptr || node->is_null()) return;
  if (!r_.expect_map(*node, "'templates'")) return;
  std::vector<std::string> known = names_of(p_.fields, [](const FieldDef& f) { return f.name; });
  known.insert(known.end(), kTemplatePlaceholders.begin(), kTemplatePlaceholders.end());
  for (const auto& [key, value] : node->entries) {
    auto name = r_.name(*key, "a template name");
    if (!name) continue;
    const std::string what = "template '" + *name + "'";
    TemplateDef t;
    t.name = *name;
    t.where = r_.where(*key);
    if (value->is_scalar()) {
      t.body = value->scalar;
    } else if (r_.expect_map(*value, what)) {
      r_.check_keys(*value, {"subject", "body"}, what);
      if (const YamlNode* n = value->find("subject")) t.subject = r_.text(*n, what + " subject").value_or("");
      if (const YamlNode* n = r_.require(*value, "body", what)) t.body = r_.text(*n, what + " body").value_or("");
    }
    // Check every {{placeholder}}.
    for (const std::string* text : {&t.subject, &t.body}) {
      const YamlNode* at = value->is_map() ? value->find(text == &t.subject ? "subject" : "body") : value;
      if (at == nullptr) at = value;
      for (std::size_t pos = text->find("{{"); pos != std::string::npos; pos = text->find("{{", pos + 2)) {
        const std::size_t end = text->find("}}", pos + 2);
        if (end == std::string::npos) {
          r_.error(*at, "bad-template", what + " has '{{' without a closing '}}'");
          break;
        }
        std::string ph = text->substr(pos + 2, end - pos - 2);
        ph.erase(0, ph.find_first_not_of(' '));
        ph.erase(ph.find_last_not_of(' ') + 1);
        if (std::find(known.begin(), known.end(), ph) == known.end()) {
          r_.error(*at, "unknown-placeholder",
                   what + " uses unknown placeholder '{{" + ph + "}}'" + did_you_mean(ph, known));
        }
      }
    }
    templates_.insert(t.name);
    p_.templates.push_back(std::move(t));
  }
}

EventId WorkflowLoader::intern_event(const std::string& name) {
  auto [it, inserted] = events_.emplace(name, static_cast<EventId>(p_.events.size()));
  if (inserted) p_.events.push_back(name);
  return it->second;
}

void WorkflowLoader::read_transitions(const YamlNode& node) {
  if (!node.is_sequence()) {
    r_.error(node, "wrong-type", "'transitions' must be a list, not " + node.describe());
    return;
  }
  for (const YamlNode* item : node.items) read_transition(*item);
}

void WorkflowLoader::read_transition(const YamlNode& node) {
  if (!r_.expect_map(node, "a transition")) return;
  const std::size_t errors_before = r_.error_count();
  r_.check_keys(node, {"event", "from", "to", "roles", "requires", "when", "actions", "after", "label", "description"},
                "a transition");
  Transition t;
  t.where = r_.where(node);
  std::string event_name;
  if (const YamlNode* n = r_.require(node, "event", "a transition")) {
    if (auto name = r_.name(*n, "the event")) {
      event_name = *name;
      // The engine journals these itself; a workflow event of the same name would be confused
      // with them in every history and report.
      for (std::string_view reserved : {kCreateEvent, kSlaWarningEvent, kSlaBreachedEvent,
                                        kEscalationEvent, kSeverityRaisedEvent}) {
        if (event_name == reserved)
          r_.error(*n, "reserved-name",
                   "'" + event_name + "' is an event the engine journals itself and cannot name a workflow event");
      }
    }
  }
  const std::string what = event_name.empty() ? std::string("transition") : "transition '" + event_name + "'";
  if (const YamlNode* n = r_.require(node, "from", what)) {
    if (n->is_scalar() && n->scalar == "any") {
      t.from_any = true;
      for (StateId s = 0; s < p_.states.size(); ++s)
        if (!p_.states[s].final) t.from.push_back(s);
    } else {
      t.from = state_refs(*n, what + " 'from'");
    }
  }
  if (const YamlNode* n = node.find("to")) t.to = state_ref(*n, what + " 'to'");
  if (const YamlNode* n = node.find("roles")) {
    t.any_role = false;
    auto refs = r_.one_or_many(*n, what + " roles");
    if (refs.empty() && n->is_sequence()) r_.error(*n, "no-roles", what + " admits no role; omit 'roles' to admit every role");
    for (const YamlNode* ref : refs) {
      if (auto role = role_ref(*ref, what)) {
        t.roles |= RoleMask{1} << *role;
        role_used_[*role] = true;
      }
    }
  }
  if (const YamlNode* n = node.find("requires")) {
    for (const YamlNode* ref : r_.one_or_many(*n, what + " requires"))
      if (auto f = field_ref(*ref, what + " requires")) t.required_inputs.push_back(*f);
  }
  if (const YamlNode* n = node.find("when")) t.when = read_condition(*n);
  if (const YamlNode* n = node.find("actions")) {
    if (!n->is_sequence()) {
      r_.error(*n, "wrong-type", what + " actions must be a list, not " + n->describe());
    } else {
      for (const YamlNode* a : n->items)
        if (auto action = read_action(*a)) t.actions.push_back(std::move(*action));
    }
  }
  if (const YamlNode* n = node.find("after")) t.after = r_.duration(*n, what + " 'after'");
  if (const YamlNode* n = node.find("label")) t.label = r_.text(*n, what + " label").value_or("");
  if (r_.error_count() != errors_before || event_name.empty()) return;
  if (p_.events.size() >= kMaxEvents && !events_.count(event_name)) {
    r_.error(node, "too-many", "too many distinct events");
    return;
  }
  t.event = intern_event(event_name);
  p_.transitions.push_back(std::move(t));
}

std::optional<Condition> WorkflowLoader::read_condition(const YamlNode& node) {
  if (!node.is_map() || node.entries.empty()) {
    r_.error(node, "bad-condition",
             "a condition must be a mapping such as {paid: true} or {all: [...]}, not " + node.describe());
    return std::nullopt;
  }
  Condition all;
  all.op = Condition::Op::kAll;
  all.where = r_.where(node);
  bool ok = true;
  for (const auto& [key, value] : node.entries) {
    const std::string& k = key->scalar;
    std::optional<Condition> c;
    if (k == "all" || k == "any") {
      if (!value->is_sequence() || value->items.empty()) {
        r_.error(*value, "bad-condition", "'" + k + "' takes a non-empty list of conditions");
        ok = false;
        continue;
      }
      Condition group;
      group.op = k == "all" ? Condition::Op::kAll : Condition::Op::kAny;
      group.where = r_.where(*key);
      for (const YamlNode* item : value->items) {
        if (auto child = read_condition(*item)) {
          group.children.push_back(std::move(*child));
        } else {
          ok = false;
        }
      }
      c = std::move(group);
    } else if (k == "not") {
      if (auto child = read_condition(*value)) {
        Condition n;
        n.op = Condition::Op::kNot;
        n.where = r_.where(*key);
        n.children.push_back(std::move(*child));
        c = std::move(n);
      }
    } else if (auto field = field_ref(*key, "the condition")) {
      c = read_field_condition(*key, *field, *value);
    }
    if (!c) {
      ok = false;
      continue;
    }
    all.children.push_back(std::move(*c));
  }
  if (!ok) return std::nullopt;
  if (all.children.size() == 1) return std::move(all.children.front());
  return all;
}

std::optional<Condition> WorkflowLoader::read_field_condition(const YamlNode& key, FieldId field, const YamlNode& node) {
  const FieldDef& f = p_.fields[field];
  Condition leaf;
  leaf.field = field;
  leaf.where = r_.where(key);
  if (node.is_scalar()) {
    leaf.op = Condition::Op::kEq;
    auto v = r_.value_for(node, f, "the compared value");
    if (!v) return std::nullopt;
    leaf.operands.push_back(std::move(*v));
    return leaf;
  }
  if (node.is_sequence()) {
    r_.error(node, "bad-condition", "to test '" + f.name + "' against several values write {" + f.name + ": {in: [...]}}");
    return std::nullopt;
  }
  if (!node.is_map() || node.entries.empty()) {
    r_.error(node, "bad-condition", "the test of '" + f.name + "' must be a value or a mapping such as {gte: 3}");
    return std::nullopt;
  }
  static const std::vector<std::pair<std::string, Condition::Op>> kOps = {
      {"eq", Condition::Op::kEq}, {"ne", Condition::Op::kNe}, {"lt", Condition::Op::kLt},
      {"lte", Condition::Op::kLe}, {"gt", Condition::Op::kGt}, {"gte", Condition::Op::kGe},
      {"in", Condition::Op::kIn}, {"not_in", Condition::Op::kNotIn}, {"set", Condition::Op::kSet}};
  Condition all;
  all.op = Condition::Op::kAll;
  all.where = leaf.where;
  bool ok = true;
  for (const auto& [op_key, operand] : node.entries) {
    auto it = std::find_if(kOps.begin(), kOps.end(), [&](const auto& p) { return p.first == op_key->scalar; });
    if (it == kOps.end()) {
      std::vector<std::string> names;
      for (const auto& p : kOps) names.push_back(p.first);
      r_.error(*op_key, "bad-condition",
               "unknown comparison '" + op_key->scalar + "'" + did_you_mean(op_key->scalar, names) +
                   " (use eq, ne, lt, lte, gt, gte, in, not_in or set)");
      ok = false;
      continue;
    }
    Condition c = leaf;
    c.op = it->second;
    c.where = r_.where(*op_key);
    const bool ordering = c.op == Condition::Op::kLt || c.op == Condition::Op::kLe || c.op == Condition::Op::kGt ||
                          c.op == Condition::Op::kGe;
    if (ordering && f.type != FieldType::kInt && f.type != FieldType::kNumber && f.type != FieldType::kTime) {
      r_.error(*op_key, "bad-condition",
               "'" + op_key->scalar + "' orders values, but '" + f.name + "' is of type " +
                   std::string(to_string(f.type)) + "; only int, number and time fields can be ordered");
      ok = false;
      continue;
    }
    if (c.op == Condition::Op::kSet) {
      auto b = r_.boolean(*operand, "'set'");
      if (!b) {
        ok = false;
        continue;
      }
      c.op = *b ? Condition::Op::kSet : Condition::Op::kUnset;
    } else if (c.op == Condition::Op::kIn || c.op == Condition::Op::kNotIn) {
      if (!operand->is_sequence() || operand->items.empty()) {
        r_.error(*operand, "bad-condition", "'" + op_key->scalar + "' takes a non-empty list of values");
        ok = false;
        continue;
      }
      for (const YamlNode* item : operand->items) {
        if (auto v = r_.value_for(*item, f, "the listed value")) {
          c.operands.push_back(std::move(*v));
        } else {
          ok = false;
        }
      }
    } else {
      auto v = r_.value_for(*operand, f, "the compared value");
      if (!v) {
        ok = false;
        continue;
      }
      c.operands.push_back(std::move(*v));
    }
    all.children.push_back(std::move(c));
  }
  if (!ok) return std::nullopt;
  if (all.children.size() == 1) return std::move(all.children.front());
  return all;
}

std::vector<std::pair<FieldId, Value>> WorkflowLoader::read_assignments(const YamlNode& node, std::string_view what) {
  std::vector<std::pair<FieldId, Value>> out;
  if (!node.is_map() || node.entries.empty()) {
    r_.error(node, "wrong-type", std::string(what) + " must be a mapping of field: value, not " + node.describe());
    return out;
  }
  for (const auto& [key, value] : node.entries) {
    auto field = field_ref(*key, what);
    if (!field) continue;
    if (value->is_null()) {
      r_.error(*value, "bad-value", "to clear '" + key->scalar + "' use {unset: [" + key->scalar + "]}");
      continue;
    }
    if (auto v = r_.value_for(*value, p_.fields[*field], "the value")) out.emplace_back(*field, std::move(*v));
  }
  return out;
}

AssignAction WorkflowLoader::read_assign(const YamlNode& value) {
  AssignAction as;
  if (value.is_map()) {
    read_assign_strategy(value, as);
  } else if (value.is_scalar() && value.scalar == "actor") {
    as.from = AssignAction::From::kActor;
  } else if (value.is_scalar() && value.scalar == "none") {
    as.from = AssignAction::From::kNone;
  } else if (value.is_sequence()) {
    r_.error(value, "wrong-type",
             "'assign' takes actor, none, a string field or {strategy: NAME, role: ROLE, skill_field: FIELD}, not " +
                 value.describe());
  } else if (auto f = field_ref(value, "'assign'")) {
    as.from = AssignAction::From::kField;
    as.field = *f;
    if (value_kind_of(p_.fields[*f].type) != Value::Kind::kString) {
      r_.error(value, "wrong-type", "'assign' copies a person from a string field; '" + value.scalar + "' is not one");
    }
  }
  return as;
}

// `{assign: {strategy: NAME, role: ROLE, skill_field: FIELD}}`: the strategy is looked up by the
// engine (it refuses a workflow naming one it does not have); the role and field are this
// workflow's.
void WorkflowLoader::read_assign_strategy(const YamlNode& value, AssignAction& as) {
  constexpr std::string_view kWhat = "'assign' by strategy";
  as.from = AssignAction::From::kStrategy;
  r_.check_keys(value, {"strategy", "role", "skill_field"}, kWhat);
  if (const YamlNode* n = r_.require(value, "strategy", kWhat)) {
    if (auto name = r_.name(*n, "the dispatch strategy")) as.strategy = *name;
  }
  if (const YamlNode* n = value.find("role")) {
    as.role = role_ref(*n, kWhat);
    if (as.role) role_used_[*as.role] = true;
  }
  if (const YamlNode* n = value.find("skill_field")) {
    as.skill_field = field_ref(*n, "'skill_field'");
    if (as.skill_field) {
      const FieldDef& f = p_.fields[*as.skill_field];
      if (f.type != FieldType::kString && f.type != FieldType::kEnum) {
        r_.error(*n, "wrong-type",
                 "'skill_field' names the skill a ticket needs, so it must be a string or enum field; '" + f.name +
                     "' is of type " + std::string(to_string(f.type)));
      }
    }
  }
}

std::optional<Action> WorkflowLoader::read_action(const YamlNode& node) {
  if (!node.is_map() || node.entries.size() != 1) {
    r_.error(node, "bad-action",
             "an action is a mapping with exactly one of set, unset, assign, notify, not " + node.describe());
    return std::nullopt;
  }
  const auto& [key, value] = node.entries.front();
  Action a;
  a.where = r_.where(*key);
  const std::size_t errors_before = r_.error_count();
  if (key->scalar == "set") {
    a.what = SetFieldsAction{read_assignments(*value, "'set'")};
  } else if (key->scalar == "unset") {
    UnsetFieldsAction u;
    for (const YamlNode* ref : r_.one_or_many(*value, "'unset'"))
      if (auto f = field_ref(*ref, "'unset'")) u.fields.push_back(*f);
    a.what = std::move(u);
  } else if (key->scalar == "assign") {
    a.what = read_assign(*value);
  } else if (key->scalar == "notify") {
    NotifyAction nt;
    if (r_.expect_map(*value, "'notify'")) {
      r_.check_keys(*value, {"to", "template"}, "'notify'");
      if (const YamlNode* to = r_.require(*value, "to", "'notify'")) {
        if (auto name = r_.name(*to, "'notify' to")) {
          if (auto role = lookup(roles_, *name)) {
            nt.to_role = true;
            nt.role = *role;
            role_used_[*role] = true;
          } else if (auto field = lookup(fields_, *name)) {
            nt.to_role = false;
            nt.field = *field;
            if (value_kind_of(p_.fields[*field].type) != Value::Kind::kString)
              r_.error(*to, "wrong-type", "'notify' to field '" + *name + "' must be a string field naming a person");
          } else {
            std::vector<std::string> known = names_of(p_.roles, [](const RoleDef& r) { return r.name; });
            for (const auto& f : p_.fields) known.push_back(f.name);
            r_.error(*to, "unknown-recipient",
                     "'notify' to '" + *name + "' is neither a role nor a field" + did_you_mean(*name, known));
          }
        }
      }
      if (const YamlNode* tpl = r_.require(*value, "template", "'notify'")) {
        if (auto name = r_.name(*tpl, "'notify' template")) {
          nt.template_name = *name;
          notify_template_refs_.push_back(tpl);
        }
      }
    }
    a.what = std::move(nt);
  } else {
    r_.error(*key, "bad-action",
             "unknown action '" + key->scalar + "'" + did_you_mean(key->scalar, {"set", "unset", "assign", "notify"}) +
                 " (actions: set, unset, assign, notify)");
    return std::nullopt;
  }
  if (r_.error_count() != errors_before) return std::nullopt;
  return a;
}

void WorkflowLoader::read_clocks(const YamlNode* node) {
  if (node == nullptr || node->is_null()) return;
  if (!r_.expect_map(*node, "'clocks'")) return;
  for (const auto& [key, value] : node->entries) read_clock(*key, *value);
}

void WorkflowLoader::read_clock(const YamlNode& key, const YamlNode& node) {
  auto name = r_.name(key, "a clock name");
  if (!name) return;
  const std::string what = "clock '" + *name + "'";
  if (!r_.expect_map(node, what)) return;
  r_.check_keys(node, {"starts", "stops", "pauses_in", "target", "warn_at", "calendar", "due_at", "description"},
                what);
  ClockDef c;
  c.name = *name;
  c.where = r_.where(key);
  if (const YamlNode* n = r_.require(node, "starts", what)) c.starts = state_refs(*n, what + " 'starts'");
  if (const YamlNode* n = r_.require(node, "stops", what)) c.stops = state_refs(*n, what + " 'stops'");
  if (const YamlNode* n = node.find("pauses_in")) c.pauses_in = state_refs(*n, what + " 'pauses_in'");
  if (const YamlNode* n = node.find("target")) {
    if (n->is_map()) {
      r_.check_keys(*n, {"general", "major"}, what + " target");
      if (const YamlNode* g = r_.require(*n, "general", what + " target")) c.target_general = r_.duration(*g, what + " general target");
      if (const YamlNode* m = n->find("major")) c.target_major = r_.duration(*m, what + " major target");
      if (c.target_general && c.target_major && *c.target_major > *c.target_general)
        r_.warning(*n, "major-target-longer", what + " gives major tickets a longer target than general ones");
    } else {
      c.target_general = r_.duration(*n, what + " target");
    }
  }
  // The warning point lies strictly between the start and the deadline.
  if (const YamlNode* n = node.find("warn_at")) c.warn_at = r_.percent(*n, what + " 'warn_at'", 1, 99).value_or(ClockDef::kDefaultWarnAt);
  if (const YamlNode* n = node.find("calendar")) c.calendar = r_.name(*n, what + " calendar").value_or("");
  if (const YamlNode* n = node.find("due_at")) {
    if (auto f = field_ref(*n, what + " 'due_at'")) {
      if (p_.fields[*f].type != FieldType::kTime) {
        r_.error(*n, "wrong-type", what + " 'due_at' must name a time field; '" + n->scalar + "' is " +
                                       std::string(to_string(p_.fields[*f].type)));
      } else {
        c.due_at = f;
      }
    }
  }
  // A clock due at a chosen time warns only when it says so (docs/sla.md, Thresholds).
  if (c.due_at && !node.find("warn_at")) c.warn_at.reset();
  if (!node.find("target") && !node.find("due_at"))
    r_.error(node, "missing-key", what + " needs a 'target' duration or a 'due_at' time field");
  clocks_.emplace(c.name, static_cast<ClockId>(p_.clocks.size()));
  p_.clocks.push_back(std::move(c));
}

void WorkflowLoader::read_escalation(const YamlNode* node) {
  if (node == nullptr || node->is_null()) return;
  if (!r_.expect_map(*node, "'escalation'")) return;
  r_.check_keys(*node, {"severity_rule", "ladder"}, "'escalation'");
  p_.escalation.where = r_.where(*node);
  if (const YamlNode* n = node->find("severity_rule")) p_.escalation.severity_rule = r_.name(*n, "severity_rule").value_or("");
  if (const YamlNode* n = node->find("ladder")) {
    if (!n->is_sequence()) {
      r_.error(*n, "wrong-type", "'ladder' must be a list of steps, not " + n->describe());
      return;
    }
    for (const YamlNode* step : n->items) {
      // A ticket's clock keeps one bit per step (SlaClockState::steps_done).
      if (p_.escalation.ladder.size() == kMaxLadderSteps) {
        r_.error(*step, "too-many",
                 "the escalation ladder has more than " + std::to_string(kMaxLadderSteps) +
                     " steps; a ticket keeps track of at most " + std::to_string(kMaxLadderSteps));
        break;
      }
      read_escalation_step(*step);
    }
  }
}

void WorkflowLoader::read_escalation_step(const YamlNode& node) {
  const std::string what = "an escalation step";
  if (!r_.expect_map(node, what)) return;
  r_.check_keys(node, {"clock", "at", "notify", "set", "fire", "severity"}, what);
  EscalationStep s;
  s.where = r_.where(node);
  if (const YamlNode* n = r_.require(node, "clock", what)) {
    if (auto name = r_.name(*n, "the step's clock")) {
      if (auto id = lookup(clocks_, *name)) {
        s.clock = *id;
      } else {
        std::vector<std::string> known(p_.clocks.size());
        std::transform(p_.clocks.begin(), p_.clocks.end(), known.begin(), [](const ClockDef& c) { return c.name; });
        r_.error(*n, "unknown-clock", "unknown clock '" + *name + "'" + did_you_mean(*name, known));
      }
    }
  }
  if (const YamlNode* n = r_.require(node, "at", what)) read_step_at(*n, s);
  if (const YamlNode* n = node.find("notify")) {
    for (const YamlNode* ref : r_.one_or_many(*n, "'notify'")) {
      if (auto role = role_ref(*ref, "the step's notify")) {
        s.notify.push_back(*role);
        role_used_[*role] = true;
      }
    }
  }
  if (const YamlNode* n = node.find("set")) s.set = read_assignments(*n, "the step's 'set'");
  if (const YamlNode* n = node.find("fire")) s.fire = event_ref(*n, "the step's 'fire'");
  if (const YamlNode* n = node.find("severity")) {
    auto sev = r_.text(*n, "the step's severity");
    if (sev && *sev == "major") {
      s.only_major = true;
    } else if (sev) {
      r_.error(*n, "bad-value",
               "the step's severity can only be 'major' (omit it to apply the step to every ticket), not " +
                   n->describe());
    }
  }
  if (!node.find("notify") && !node.find("set") && !node.find("fire"))
    r_.error(node, "empty-step", "an escalation step must notify, set or fire something");
  p_.escalation.ladder.push_back(std::move(s));
}

// `at: N%` (0..1000) or `at: breach`. 0% is as soon as the clock runs (a major-only step: as soon
// as the ticket is major); `breach` is when the clock is breached, the first second past 100%.
void WorkflowLoader::read_step_at(const YamlNode& n, EscalationStep& s) {
  if (n.is_scalar() && n.scalar == kAtBreach) {
    s.at_breach = true;
    return;
  }
  // A word is a misspelt `breach` more likely than a percentage.
  if (n.is_scalar() && !n.scalar.empty() &&
      std::isalpha(static_cast<unsigned char>(n.scalar[0])) != 0) {
    r_.error(n, "bad-percent",
             "'at' must be a percentage such as 80% or '" + std::string(kAtBreach) + "', not " +
                 n.describe() + did_you_mean(n.scalar, {std::string(kAtBreach)}));
    return;
  }
  s.percent = r_.percent(n, "'at'", 0, 1000).value_or(100);
}

std::optional<StateId> WorkflowLoader::state_ref(const YamlNode& n, std::string_view what) {
  auto name = r_.name(n, what);
  if (!name) return std::nullopt;
  if (auto id = lookup(states_, *name)) return id;
  if (!states_ok_) return std::nullopt;  // the states section was broken and already reported
  r_.error(n, "unknown-state",
           "unknown state '" + *name + "'" + did_you_mean(*name, names_of(p_.states, [](const StateDef& s) { return s.name; })));
  return std::nullopt;
}

std::vector<StateId> WorkflowLoader::state_refs(const YamlNode& n, std::string_view what) {
  std::vector<StateId> out;
  for (const YamlNode* ref : r_.one_or_many(n, what)) {
    if (auto id = state_ref(*ref, what)) {
      if (std::find(out.begin(), out.end(), *id) == out.end()) out.push_back(*id);
    }
  }
  return out;
}

std::optional<FieldId> WorkflowLoader::field_ref(const YamlNode& n, std::string_view what) {
  auto name = r_.name(n, std::string(what) + " field");
  if (!name) return std::nullopt;
  if (auto id = lookup(fields_, *name)) return id;
  std::vector<std::string> known = names_of(p_.fields, [](const FieldDef& f) { return f.name; });
  if (std::string(what) == "the condition") {
    known.insert(known.end(), {"all", "any", "not"});
  }
  r_.error(n, "unknown-field", "unknown field '" + *name + "' in " + std::string(what) + did_you_mean(*name, known));
  return std::nullopt;
}

std::optional<RoleId> WorkflowLoader::role_ref(const YamlNode& n, std::string_view what) {
  auto name = r_.name(n, "a role");
  if (!name) return std::nullopt;
  if (auto id = lookup(roles_, *name)) return id;
  r_.error(n, "unknown-role",
           "unknown role '" + *name + "' in " + std::string(what) +
               did_you_mean(*name, names_of(p_.roles, [](const RoleDef& r) { return r.name; })) +
               " (declare it under 'roles')");
  return std::nullopt;
}

std::optional<EventId> WorkflowLoader::event_ref(const YamlNode& n, std::string_view what) {
  auto name = r_.name(n, what);
  if (!name) return std::nullopt;
  if (auto id = lookup(events_, *name)) return id;
  r_.error(n, "unknown-event", "unknown event '" + *name + "' in " + std::string(what) + did_you_mean(*name, p_.events) +
                                   " (an event exists when a transition names it)");
  return std::nullopt;
}

void sort_by_position(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
  });
}

}  // namespace

LoadResult load_workflow_string(std::string_view text, std::string source_name, const LoadLimits& limits) {
  LoadResult result;
  const std::optional<YamlDocument> doc = parse_yaml_source(text, source_name, limits, result.diagnostics);
  if (!doc) return result;
  WorkflowLoader loader(source_name, result.diagnostics, text);
  result.workflow = loader.load(doc->root);
  sort_by_position(result.diagnostics);
  return result;
}

LoadResult load_workflow_file(const std::filesystem::path& path, const LoadLimits& limits) {
  TextFile file = read_text_file(path, limits.max_bytes, "a workflow file");
  if (!file.text) {
    LoadResult r;
    r.diagnostics.push_back(std::move(file.error));
    return r;
  }
  return load_workflow_string(*file.text, path.string(), limits);
}

}  // namespace propdesk
