// The dotenv form of the `sops` block: flattened `sops_*` keys (reference/sops-format.md §5.1).
#include <algorithm>
#include <map>

#include "core/sops/metadata.h"

namespace clef::sops {
namespace {

constexpr std::string_view kList = "list_";
constexpr std::string_view kMap = "map_";

// An intermediate tree: map children in first-seen order, list children by index.
struct FlatNode {
  bool has_value = false;
  std::string value;
  // Map children as two parallel vectors: a vector of pair<string, FlatNode> would need
  // FlatNode complete here, which clang's libstdc++ checks refuse.
  std::vector<std::string> map_keys;
  std::vector<FlatNode> map_children;
  std::map<size_t, FlatNode> list;
  int line = 0;

  FlatNode& Child(const std::string& key) {
    for (size_t i = 0; i < map_keys.size(); ++i) {
      if (map_keys[i] == key) return map_children[i];
    }
    map_keys.push_back(key);
    map_children.emplace_back();
    return map_children.back();
  }
};

doc::Node ToNode(const FlatNode& n) {
  if (!n.list.empty()) {
    doc::Node seq = doc::Node::MakeSeq();
    for (const auto& [i, child] : n.list) seq.items.push_back(doc::Item::Element(ToNode(child)));
    return seq;
  }
  if (!n.map_keys.empty()) {
    doc::Node map = doc::Node::MakeMap();
    for (size_t i = 0; i < n.map_keys.size(); ++i)
      map.items.push_back(doc::Item::Entry(n.map_keys[i], ToNode(n.map_children[i])));
    return map;
  }
  doc::Node s = doc::Node::MakeString(n.value);
  s.line = n.line;
  return s;
}

void Flatten(const doc::Node& node, const std::string& name, std::vector<doc::Item>& out) {
  if (node.is_map()) {
    for (const doc::Item& item : node.items) {
      if (!item.is_comment()) Flatten(item.value, name + "__map_" + item.key, out);
    }
  } else if (node.is_seq()) {
    size_t i = 0;
    for (const doc::Item& item : node.items) {
      if (!item.is_comment()) Flatten(item.value, name + "__list_" + std::to_string(i++), out);
    }
  } else {
    out.push_back(doc::Item::Entry(name, doc::Node::MakeString(node.scalar.text)));
  }
}

}  // namespace

bool IsDotenvMetadataKey(std::string_view key) {
  return key.substr(0, kDotenvPrefix.size()) == kDotenvPrefix;
}

Result<doc::Node> UnflattenDotenvMetadata(const std::vector<const doc::Item*>& entries) {
  FlatNode root;
  for (const doc::Item* item : entries) {
    std::string_view rest = std::string_view(item->key).substr(kDotenvPrefix.size());
    size_t sep = rest.find("__");
    FlatNode* at = &root.Child(std::string(rest.substr(0, sep)));
    while (sep != std::string_view::npos) {
      rest = rest.substr(sep + 2);
      sep = rest.find("__");
      std::string_view part = rest.substr(0, sep);
      if (part.substr(0, kList.size()) == kList) {
        std::string digits(part.substr(kList.size()));
        if (digits.empty() || digits.size() > 6 ||
            !std::all_of(digits.begin(), digits.end(), ::isdigit)) {
          return MakeError(
              "the dotenv sops metadata key '" + item->key + "' has a malformed list index", {},
              item->line);
        }
        at = &at->list[std::stoul(digits)];
      } else if (part.substr(0, kMap.size()) == kMap) {
        at = &at->Child(std::string(part.substr(kMap.size())));
      } else {
        return MakeError("the dotenv sops metadata key '" + item->key +
                             "' is not a flattened sops field (expected __list_N or __map_K)",
                         {}, item->line);
      }
    }
    if (at->has_value || !at->map_keys.empty() || !at->list.empty()) {
      return MakeError("the dotenv sops metadata key '" + item->key + "' appears twice", {},
                       item->line);
    }
    at->has_value = true;
    at->value = item->value.scalar.text;
    at->line = item->line;
  }
  // An entry that is both a value and a container cannot come from sops.
  return ToNode(root);
}

std::vector<doc::Item> FlattenDotenvMetadata(const Metadata& metadata) {
  doc::Node block = MetadataToNode(metadata);
  std::vector<doc::Item> out;
  for (const doc::Item& item : block.items) {
    Flatten(item.value, std::string(kDotenvPrefix) + item.key, out);
  }
  if (!metadata.WritesAlphabetically()) {
    // sops <= 3.12 sorts the flattened names as plain strings (list_10 before list_2).
    std::stable_sort(out.begin(), out.end(),
                     [](const doc::Item& a, const doc::Item& b) { return a.key < b.key; });
  }
  return out;
}

}  // namespace clef::sops
