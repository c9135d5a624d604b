// File: searcher/query/query_ast.h
// The parsed form of a query, as plain data: what the user wrote, before any
// word is analyzed or any Xapian query is built. Produced by parser.h,
// consumed by query_builder.h.
#ifndef QUARRY_SEARCHER_QUERY_QUERY_AST_H_
#define QUARRY_SEARCHER_QUERY_QUERY_AST_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/index/document_fields.h"

namespace quarry::searcher {

enum class NodeKind {
  kText,      // a word or "quoted phrase" (optionally title:, author:..., wildcard)
  kFilter,    // path:, ext: or date: (restricts, never scores)
  kNear,      // children (kText) NEAR/distance each other
  kSequence,  // children side by side: natural-language combination
  kAnd,       // children joined by AND
  kOr,        // children joined by OR
  kAndNot,    // children[0] NOT any of children[1..] (at least one)
};

enum class Modifier { kNone, kRequired, kExcluded };  // none, +, -

// kDeclared: a text field a document declares (author:, description:, ...;
// common/index/document_fields.h), named by QueryNode::declared.
enum class Field { kAny, kTitle, kPath, kExt, kDate, kDeclared };

// A closed time interval, nanoseconds since the epoch; a missing end is open.
struct TimeRange {
  std::optional<int64_t> from_ns;
  std::optional<int64_t> to_ns;  // inclusive
  bool operator==(const TimeRange&) const = default;
};

struct QueryNode {
  NodeKind kind = NodeKind::kSequence;
  Modifier modifier = Modifier::kNone;
  Field field = Field::kAny;
  const TextField* declared = nullptr;  // Field::kDeclared: which field
  std::string text;        // kText: the text as typed; kFilter: the value
  bool quoted = false;     // kText: written between quotes
  bool wildcard = false;   // kText: a trailing '*' (removed from `text`)
  uint32_t distance = 0;   // kNear: largest gap allowed between the words
  TimeRange time;          // kFilter on Field::kDate
  size_t begin = 0;        // byte span of the node in the query string
  size_t end = 0;
  size_t text_begin = 0;   // kText, kFilter: where `text` starts in the query
  std::vector<QueryNode> children;
};

// Xapian's own default for NEAR without a distance.
inline constexpr uint32_t kDefaultNearDistance = 10;

// The number of levels of the tree under `root` (1 for a lone node),
// counted without recursion, so that a tree of any depth can be measured.
inline size_t TreeDepth(const QueryNode& root) {
  size_t deepest = 0;
  std::vector<std::pair<const QueryNode*, size_t>> pending = {{&root, 1}};
  while (!pending.empty()) {
    auto [node, depth] = pending.back();
    pending.pop_back();
    deepest = std::max(deepest, depth);
    for (const QueryNode& child : node->children) pending.push_back({&child, depth + 1});
  }
  return deepest;
}

}  // namespace quarry::searcher

#endif  // QUARRY_SEARCHER_QUERY_QUERY_AST_H_
