// Builds in-memory document trees for the merge tests, without going through a parser:
//   doc::Node tree = Map({Entry("a", Str("1")), Comment(" note"), Entry("b", Map({...}))});
#pragma once

#include <initializer_list>
#include <string>

#include "core/doc/document.h"

namespace clef::merge::testing {

inline doc::Node Str(std::string text) {
  doc::Node n;
  n.scalar = {doc::ScalarType::kString, std::move(text)};
  return n;
}

inline doc::Node Int(std::string text) {
  doc::Node n;
  n.scalar = {doc::ScalarType::kInt, std::move(text)};
  return n;
}

inline doc::Item Entry(std::string key, doc::Node value) {
  doc::Item item;
  item.key = std::move(key);
  item.value = std::move(value);
  return item;
}

inline doc::Item Element(doc::Node value) {
  doc::Item item;
  item.value = std::move(value);
  return item;
}

inline doc::Item Comment(std::string text, bool inline_ = false) {
  doc::Item item;
  item.kind = doc::Item::Kind::kComment;
  item.comment = {std::move(text), inline_};
  return item;
}

inline doc::Node Map(std::initializer_list<doc::Item> items = {}) {
  doc::Node n;
  n.kind = doc::Node::Kind::kMap;
  n.items = items;
  return n;
}

inline doc::Node Seq(std::initializer_list<doc::Item> items = {}) {
  doc::Node n;
  n.kind = doc::Node::Kind::kSeq;
  n.items = items;
  return n;
}

// "a=1 b={c=2} #note" — a compact, deterministic rendering for assertions.
std::string Render(const doc::Node& node);

}  // namespace clef::merge::testing
