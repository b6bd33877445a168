#include "merge/tree_builder.h"

namespace clef::merge::testing {

std::string Render(const doc::Node& node) {
  if (node.is_scalar()) return node.scalar.text;
  std::string out = node.is_map() ? "{" : "[";
  for (const doc::Item& item : node.items) {
    if (out.size() > 1) out += ' ';
    if (item.is_comment()) {
      out += "#" + item.comment.text;
    } else if (node.is_map()) {
      out += item.key + "=" + Render(item.value);
    } else {
      out += Render(item.value);
    }
  }
  return out + (node.is_map() ? "}" : "]");
}

}  // namespace clef::merge::testing
