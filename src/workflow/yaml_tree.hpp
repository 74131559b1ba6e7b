// A YAML document as a small tree with positions, built from yaml-cpp's event stream.
//
// Why not YAML::Node: we need the position of every node (errors at file:line:column), to see
// duplicate keys (yaml-cpp keeps one silently), to know whether a scalar was quoted ("3" is a
// string, 3 an int), and to bound what a hostile file costs: nesting depth and the node count with
// every alias expanded are limited while parsing, so a "billion laughs" file is refused early.
// yaml-cpp is included only in yaml_tree.cpp.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace propdesk {

struct YamlNode {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  std::string scalar;     ///< kScalar: the text
  bool plain = true;      ///< kScalar: written without quotes (so it may be a number or bool)
  int line = 0;           ///< 1-based
  int column = 0;         ///< 1-based
  std::vector<const YamlNode*> items;                                ///< kSequence
  std::vector<std::pair<const YamlNode*, const YamlNode*>> entries;  ///< kMap, in file order; keys are scalars

  [[nodiscard]] bool is_map() const { return kind == Kind::kMap; }
  [[nodiscard]] bool is_sequence() const { return kind == Kind::kSequence; }
  [[nodiscard]] bool is_scalar() const { return kind == Kind::kScalar; }
  [[nodiscard]] bool is_null() const { return kind == Kind::kNull; }
  /// kMap: the value for a key, or nullptr.
  [[nodiscard]] const YamlNode* find(std::string_view key) const;
  /// "mapping", "sequence", "scalar 'x'" or "null", for messages.
  [[nodiscard]] std::string describe() const;
};

/// A parsed document: owns its nodes (aliases point at the anchored node, shared).
struct YamlDocument {
  std::deque<YamlNode> nodes;
  const YamlNode* root = nullptr;
};

struct YamlTreeLimits {
  std::size_t max_bytes = 8 * 1024 * 1024;
  int max_depth = 64;
  std::size_t max_nodes = 2'000'000;  ///< counting alias expansions
};

struct YamlParseError {
  int line = 0;  ///< 1-based; 0 when the error concerns the whole file
  int column = 0;
  std::string code;  ///< diagnostic code: yaml-syntax, not-utf8, too-large, too-deep, alias-bomb, ...
  std::string message;
};

/// Parses one YAML document. An empty file gives a document whose root is nullptr; more than one
/// document is an error. Never throws except std::bad_alloc.
std::variant<YamlDocument, YamlParseError> parse_yaml(std::string_view text, const YamlTreeLimits& limits);

}  // namespace propdesk
