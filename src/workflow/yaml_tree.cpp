#include "workflow/yaml_tree.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>

#include "model/utf8.hpp"

namespace propdesk {

const YamlNode* YamlNode::find(std::string_view key) const {
  for (const auto& [k, v] : entries)
    if (k->scalar == key) return v;
  return nullptr;
}

std::string YamlNode::describe() const {
  switch (kind) {
    case Kind::kNull: return "nothing (null)";
    case Kind::kScalar: return "'" + (scalar.size() > 40 ? scalar.substr(0, 40) + "..." : scalar) + "'";
    case Kind::kSequence: return "a list";
    case Kind::kMap: return "a mapping";
  }
  return "?";
}

namespace {

// Thrown from inside the event handler to stop yaml-cpp's parser at once.
struct TreeLimitHit {
  YamlParseError error;
};

class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(YamlDocument& doc, const YamlTreeLimits& limits) : doc_(doc), limits_(limits) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlNode& n = make(mark, YamlNode::Kind::kNull);
    finish(n, anchor, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= anchors_.size() || anchors_[anchor].node == nullptr) {
      fail(mark, "alias-cycle", "alias refers to an anchor that is still being defined (a cycle)");
    }
    const Anchored& target = anchors_[anchor];
    add_to_parent(mark, target.node, target.weight);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlNode& n = make(mark, YamlNode::Kind::kScalar);
    if (tag == "?") {
      n.plain = true;
    } else if (tag == "!" || tag == "tag:yaml.org,2002:str") {
      n.plain = false;
    } else {
      fail(mark, "yaml-tag", "YAML tags such as '" + tag + "' are not supported; write the value plainly");
    }
    n.scalar = value;
    finish(n, anchor, 1);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(make(mark, YamlNode::Kind::kSequence), anchor, mark);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(make(mark, YamlNode::Kind::kMap), anchor, mark);
  }
  void OnMapEnd() override {
    if (stack_.back().pending_key != nullptr) {
      // A key without value cannot happen in valid YAML; be defensive anyway.
      fail_at(*stack_.back().pending_key, "yaml-syntax", "mapping key without a value");
    }
    close();
  }

 private:
  struct Frame {
    YamlNode* node;
    YAML::anchor_t anchor;
    std::size_t weight;  // this node plus everything below it, aliases expanded
    const YamlNode* pending_key = nullptr;
    std::map<std::string_view, const YamlNode*> keys;  // duplicate-key detection
  };
  struct Anchored {
    const YamlNode* node = nullptr;
    std::size_t weight = 0;
  };

  [[noreturn]] void fail(const YAML::Mark& mark, std::string code, std::string message) {
    throw TreeLimitHit{{mark.line + 1, mark.column + 1, std::move(code), std::move(message)}};
  }
  [[noreturn]] void fail_at(const YamlNode& n, std::string code, std::string message) {
    throw TreeLimitHit{{n.line, n.column, std::move(code), std::move(message)}};
  }

  YamlNode& make(const YAML::Mark& mark, YamlNode::Kind kind) {
    YamlNode& n = doc_.nodes.emplace_back();
    n.kind = kind;
    n.line = mark.line + 1;
    n.column = mark.column + 1;
    return n;
  }

  void open(YamlNode& n, YAML::anchor_t anchor, const YAML::Mark& mark) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      fail(mark, "too-deep",
           "nesting deeper than " + std::to_string(limits_.max_depth) + " levels; a workflow never needs that");
    }
    stack_.push_back(Frame{&n, anchor, 1, nullptr, {}});
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    finish(*f.node, f.anchor, f.weight);
  }

  // A complete node: remember its anchor, then hang it under its parent.
  void finish(YamlNode& n, YAML::anchor_t anchor, std::size_t weight) {
    if (anchor != YAML::NullAnchor) {
      if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
      anchors_[anchor] = Anchored{&n, weight};
    }
    add_to_parent(YAML::Mark{}, &n, weight);
  }

  void add_to_parent(const YAML::Mark& mark, const YamlNode* n, std::size_t weight) {
    total_ += weight;
    if (weight > limits_.max_nodes || total_ > limits_.max_nodes) {
      const int line = n->line ? n->line : mark.line + 1;
      throw TreeLimitHit{{line, n->column ? n->column : mark.column + 1, "alias-bomb",
                          "document expands to more than " + std::to_string(limits_.max_nodes) +
                              " nodes (aliases of aliases?); refusing to load it"}};
    }
    if (stack_.empty()) {
      if (doc_.root != nullptr) fail_at(*n, "yaml-syntax", "more than one root node");
      doc_.root = n;
      return;
    }
    Frame& parent = stack_.back();
    parent.weight += weight;
    YamlNode* p = parent.node;
    if (p->kind == YamlNode::Kind::kSequence) {
      p->items.push_back(n);
      return;
    }
    if (parent.pending_key == nullptr) {
      if (n->kind != YamlNode::Kind::kScalar) {
        fail_at(*n, "yaml-complex-key", "mapping keys must be plain names, not " + n->describe());
      }
      auto [it, inserted] = parent.keys.emplace(n->scalar, n);
      if (!inserted) {
        fail_at(*n, "duplicate-key",
                "duplicate key '" + n->scalar + "' (first at line " + std::to_string(it->second->line) + ")");
      }
      parent.pending_key = n;
    } else {
      p->entries.emplace_back(parent.pending_key, n);
      parent.pending_key = nullptr;
    }
  }

  YamlDocument& doc_;
  const YamlTreeLimits& limits_;
  std::vector<Frame> stack_;
  std::vector<Anchored> anchors_;
  std::size_t total_ = 0;
};

// Line and column (1-based) of a byte offset.
std::pair<int, int> position_of(std::string_view text, std::size_t offset) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

}  // namespace

std::variant<YamlDocument, YamlParseError> parse_yaml(std::string_view text, const YamlTreeLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return YamlParseError{0, 0, "too-large",
                          "file is " + std::to_string(text.size()) + " bytes; the limit is " +
                              std::to_string(limits.max_bytes) + " bytes"};
  }
  if (auto bad = find_invalid_utf8(text)) {
    auto [line, column] = position_of(text, *bad);
    return YamlParseError{line, column, "not-utf8",
                          "invalid UTF-8 byte 0x" +
                              [&] {
                                static const char* kHex = "0123456789abcdef";
                                const auto b = static_cast<unsigned char>(text[*bad]);
                                return std::string{kHex[b >> 4], kHex[b & 15]};
                              }() +
                              "; workflow files must be UTF-8"};
  }
  YamlDocument doc;
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    TreeBuilder builder(doc, limits);
    if (!parser.HandleNextDocument(builder)) return doc;  // empty: root stays null
    YamlDocument rest;
    TreeBuilder ignore(rest, limits);
    if (parser.HandleNextDocument(ignore)) {
      const int line = rest.root ? rest.root->line : 0;
      return YamlParseError{line, rest.root ? rest.root->column : 0, "multiple-documents",
                            "the file holds more than one YAML document; put one workflow per file"};
    }
  } catch (const TreeLimitHit& hit) {
    return hit.error;
  } catch (const YAML::Exception& e) {
    const bool has_mark = !e.mark.is_null();
    std::string msg = e.msg;
    if (msg.find("depth") != std::string::npos || msg.find("recursion") != std::string::npos) {
      return YamlParseError{has_mark ? e.mark.line + 1 : 0, has_mark ? e.mark.column + 1 : 0, "too-deep",
                            "nesting too deep: " + msg};
    }
    return YamlParseError{has_mark ? e.mark.line + 1 : 0, has_mark ? e.mark.column + 1 : 0, "yaml-syntax",
                          "YAML syntax error: " + msg};
  }
  return doc;
}

}  // namespace propdesk
