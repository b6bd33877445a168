#include "merge-driver/tree_merge.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace clef::merge {
namespace {

// The entries of one map, each with the comments that travel with it: the comments before it
// and inline comments right after its value.
struct Group {
  std::vector<const doc::Item*> comments;
  const doc::Item* entry = nullptr;
};

struct MapView {
  std::vector<Group> groups;
  std::vector<const doc::Item*> trailing;  // comments after the last entry
  // Key -> first group with it, for maps large enough that a linear search per key (three
  // sides, every key) shows; empty for small maps.
  std::unordered_map<std::string_view, size_t> index;

  const Group* Find(const std::string& key) const {
    if (!index.empty()) {
      auto it = index.find(key);
      return it == index.end() ? nullptr : &groups[it->second];
    }
    for (const Group& g : groups) {
      if (g.entry->key == key) return &g;
    }
    return nullptr;
  }
};

MapView ViewOf(const doc::Node* map) {
  MapView view;
  if (map == nullptr || !map->is_map()) return view;
  std::vector<const doc::Item*> pending;
  for (const doc::Item& item : map->items) {
    if (item.is_comment()) {
      if (item.comment.inline_ && pending.empty() && !view.groups.empty()) {
        view.groups.back().comments.push_back(&item);
      } else {
        pending.push_back(&item);
      }
      continue;
    }
    view.groups.push_back(Group{std::move(pending), &item});
    pending.clear();
  }
  view.trailing = std::move(pending);
  if (view.groups.size() > 16) {
    for (size_t i = 0; i < view.groups.size(); ++i)
      view.index.try_emplace(view.groups[i].entry->key, i);
  }
  return view;
}

bool CommentListsEqual(const KeyPath& path, const ValueComparator& cmp, Side a_side,
                       const std::vector<const doc::Item*>& a, Side b_side,
                       const std::vector<const doc::Item*>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i]->comment.inline_ != b[i]->comment.inline_) return false;
    if (!cmp.CommentsEqual(path, a_side, a[i]->comment, b_side, b[i]->comment)) return false;
  }
  return true;
}

const std::vector<const doc::Item*> kNoComments;

struct MergedEntry {
  std::string key;
  std::vector<doc::Item> items;  // comments, the entry, inline comments
};

class Merger {
 public:
  Merger(const ValueComparator& cmp, const MergeOptions& options, TreeMerge& out)
      : cmp_(cmp), options_(options), out_(out) {}

  doc::Node MergeMap(const KeyPath& path, const doc::Node* base, const doc::Node& ours,
                     const doc::Node& theirs) {
    MapView b = ViewOf(base), o = ViewOf(&ours), t = ViewOf(&theirs);
    std::vector<MergedEntry> merged;
    for (const Group& og : o.groups) {
      if (Skipped(path, og.entry->key)) continue;
      std::optional<MergedEntry> e =
          MergeKey(path, og.entry->key, b.Find(og.entry->key), &og, t.Find(og.entry->key));
      if (e) merged.push_back(std::move(*e));
    }
    for (size_t i = 0; i < t.groups.size(); ++i) {
      const std::string& key = t.groups[i].entry->key;
      if (Skipped(path, key) || o.Find(key) != nullptr) continue;
      std::optional<MergedEntry> e = MergeKey(path, key, b.Find(key), nullptr, &t.groups[i]);
      if (!e) continue;
      merged.insert(merged.begin() + InsertPosition(merged, t, i), std::move(*e));
    }

    doc::Node node;
    node.kind = doc::Node::Kind::kMap;
    node.line = ours.line;
    node.column = ours.column;
    for (MergedEntry& e : merged) {
      for (doc::Item& item : e.items) node.items.push_back(std::move(item));
    }
    Side trailing_side = ChooseComments(path, b.trailing, o.trailing, t.trailing);
    if (trailing_side == Side::kTheirs) {
      out_.taken.push_back(TakenPart{TakenPart::Kind::kComment, path, true, Side::kTheirs});
    }
    for (const doc::Item* c : trailing_side == Side::kTheirs ? t.trailing : o.trailing) {
      node.items.push_back(*c);
    }
    return node;
  }

 private:
  bool Skipped(const KeyPath& path, const std::string& key) const {
    if (!path.empty()) return false;
    for (const std::string& skip : options_.skip_root_keys) {
      if (options_.skip_prefix ? key.starts_with(skip) : key == skip) return true;
    }
    return false;
  }

  // After the nearest key preceding theirs' group `index` (in theirs' order) that is in the
  // result; with none, before the nearest following one; with neither, last.
  static size_t InsertPosition(const std::vector<MergedEntry>& merged, const MapView& theirs,
                               size_t index) {
    auto position_of = [&](const std::string& key) -> int {
      for (size_t k = 0; k < merged.size(); ++k) {
        if (merged[k].key == key) return static_cast<int>(k);
      }
      return -1;
    };
    for (size_t j = index; j-- > 0;) {
      int k = position_of(theirs.groups[j].entry->key);
      if (k >= 0) return k + 1;
    }
    for (size_t j = index + 1; j < theirs.groups.size(); ++j) {
      int k = position_of(theirs.groups[j].entry->key);
      if (k >= 0) return k;
    }
    return merged.size();
  }

  bool NodesEqual(const KeyPath& path, Side a_side, const doc::Node* a, Side b_side,
                  const doc::Node* b) const {
    if (a == nullptr || b == nullptr) return a == b;
    return StructurallyEqual(path, cmp_, a_side, *a, b_side, *b);
  }

  static Change ChangeOf(bool changed, const doc::Node* base, const doc::Node* side) {
    if (!changed) return Change::kUnchanged;
    if (base == nullptr) return Change::kAdded;
    if (side == nullptr) return Change::kDeleted;
    return Change::kModified;
  }

  // Ours' comments unless ours left them as in base and theirs changed them.
  Side ChooseComments(const KeyPath& path, const std::vector<const doc::Item*>& base,
                      const std::vector<const doc::Item*>& ours,
                      const std::vector<const doc::Item*>& theirs) const {
    if (CommentListsEqual(path, cmp_, Side::kOurs, ours, Side::kBase, base) &&
        !CommentListsEqual(path, cmp_, Side::kTheirs, theirs, Side::kBase, base)) {
      return Side::kTheirs;
    }
    return Side::kOurs;
  }

  const ForcedChoice* Forced(const KeyPath& path) const {
    for (const ForcedChoice& f : options_.forced) {
      if (f.path == path) return &f;
    }
    return nullptr;
  }

  std::optional<MergedEntry> Take(const KeyPath& path, Side side, const Group* group,
                                  const std::vector<const doc::Item*>* comments) {
    if (group == nullptr) return std::nullopt;
    if (side != Side::kOurs) {
      out_.taken.push_back(TakenPart{TakenPart::Kind::kValue, path, false, side});
    }
    MergedEntry e{group->entry->key, {}};
    for (const doc::Item* c : *comments) e.items.push_back(*c);
    e.items.push_back(*group->entry);
    return e;
  }

  std::optional<MergedEntry> MergeKey(const KeyPath& parent, const std::string& key, const Group* b,
                                      const Group* o, const Group* t) {
    KeyPath path = parent;
    path.push_back(key);
    const doc::Node* bv = b ? &b->entry->value : nullptr;
    const doc::Node* ov = o ? &o->entry->value : nullptr;
    const doc::Node* tv = t ? &t->entry->value : nullptr;
    const auto& bc = b ? b->comments : kNoComments;
    const auto& oc = o ? o->comments : kNoComments;
    const auto& tc = t ? t->comments : kNoComments;

    if (const ForcedChoice* f = Forced(path)) {
      const Group* g = f->side == Side::kOurs ? o : f->side == Side::kTheirs ? t : b;
      const auto* comments = f->side == Side::kOurs ? &oc : f->side == Side::kTheirs ? &tc : &bc;
      if (g != nullptr && f->side != Side::kOurs) {
        out_.taken.push_back(TakenPart{TakenPart::Kind::kComment, path, false, f->side});
      }
      return Take(path, f->side, g, comments);
    }

    if (ov != nullptr && tv != nullptr && ov->is_map() && tv->is_map()) {
      const doc::Node* base_map = (bv != nullptr && bv->is_map()) ? bv : nullptr;
      MergedEntry e{key, {}};
      Side cs = ChooseComments(path, bc, oc, tc);
      if (cs == Side::kTheirs) {
        out_.taken.push_back(TakenPart{TakenPart::Kind::kComment, path, false, Side::kTheirs});
      }
      for (const doc::Item* c : cs == Side::kTheirs ? tc : oc) e.items.push_back(*c);
      doc::Item entry = *o->entry;
      entry.value = MergeMap(path, base_map, *ov, *tv);
      e.items.push_back(std::move(entry));
      return e;
    }

    bool ours_changed = !NodesEqual(path, Side::kBase, bv, Side::kOurs, ov);
    bool theirs_changed = !NodesEqual(path, Side::kBase, bv, Side::kTheirs, tv);
    if (ours_changed && theirs_changed && !NodesEqual(path, Side::kOurs, ov, Side::kTheirs, tv)) {
      out_.conflicts.push_back(
          Conflict{path, bv != nullptr, ChangeOf(true, bv, ov), ChangeOf(true, bv, tv)});
      return Take(path, Side::kOurs, o, &oc);
    }
    if (theirs_changed && !ours_changed) return Take(path, Side::kTheirs, t, &tc);
    if (o == nullptr) return std::nullopt;
    Side cs = ChooseComments(path, bc, oc, tc);
    if (cs == Side::kTheirs) {
      out_.taken.push_back(TakenPart{TakenPart::Kind::kComment, path, false, Side::kTheirs});
    }
    return Take(path, Side::kOurs, o, cs == Side::kTheirs ? &tc : &oc);
  }

  const ValueComparator& cmp_;
  const MergeOptions& options_;
  TreeMerge& out_;
};

bool NeedsBrackets(const std::string& component) {
  return component.empty() || component.find_first_of(".[]\"") != std::string::npos;
}

}  // namespace

std::string FormatKeyPath(const KeyPath& path) {
  bool brackets = std::any_of(path.begin(), path.end(), NeedsBrackets);
  std::string out;
  for (const std::string& c : path) {
    if (brackets) {
      out += "[\"";
      for (char ch : c) {
        if (ch == '"' || ch == '\\') out += '\\';
        out += ch;
      }
      out += "\"]";
    } else {
      if (!out.empty()) out += '.';
      out += c;
    }
  }
  return out;
}

KeyPath ParseKeyPath(std::string_view text) {
  KeyPath path;
  if (text.starts_with("[\"")) {
    size_t i = 0;
    while (i < text.size() && text.substr(i).starts_with("[\"")) {
      i += 2;
      std::string c;
      while (i < text.size() && text[i] != '"') {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        c += text[i++];
      }
      path.push_back(std::move(c));
      i += 2;  // closing "]
    }
    return path;
  }
  size_t start = 0;
  while (true) {
    size_t dot = text.find('.', start);
    path.emplace_back(text.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return path;
}

const char* SideName(Side side) {
  switch (side) {
    case Side::kBase:
      return "base";
    case Side::kOurs:
      return "ours";
    case Side::kTheirs:
      return "theirs";
  }
  return "?";
}

const char* ChangeName(Change change) {
  switch (change) {
    case Change::kUnchanged:
      return "unchanged";
    case Change::kModified:
      return "changed";
    case Change::kAdded:
      return "added";
    case Change::kDeleted:
      return "deleted";
  }
  return "?";
}

bool ByteComparator::ValuesEqual(const KeyPath&, Side, const doc::Node& a, Side,
                                 const doc::Node& b) const {
  return a.scalar.type == b.scalar.type && a.scalar.text == b.scalar.text;
}

bool ByteComparator::CommentsEqual(const KeyPath&, Side, const doc::Comment& a, Side,
                                   const doc::Comment& b) const {
  return a.text == b.text;
}

bool StructurallyEqual(const KeyPath& path, const ValueComparator& cmp, Side a_side,
                       const doc::Node& a, Side b_side, const doc::Node& b) {
  if (a.kind != b.kind) return false;
  if (a.is_scalar()) return cmp.ValuesEqual(path, a_side, a, b_side, b);
  if (a.items.size() != b.items.size()) return false;
  for (size_t i = 0; i < a.items.size(); ++i) {
    const doc::Item& x = a.items[i];
    const doc::Item& y = b.items[i];
    if (x.kind != y.kind) return false;
    if (x.is_comment()) {
      if (x.comment.inline_ != y.comment.inline_ ||
          !cmp.CommentsEqual(path, a_side, x.comment, b_side, y.comment)) {
        return false;
      }
      continue;
    }
    if (a.is_map()) {
      if (x.key != y.key) return false;
      KeyPath child = path;
      child.push_back(x.key);
      if (!StructurallyEqual(child, cmp, a_side, x.value, b_side, y.value)) return false;
    } else if (!StructurallyEqual(path, cmp, a_side, x.value, b_side, y.value)) {
      return false;
    }
  }
  return true;
}

TreeMerge MergeTrees(const doc::Node& base, const doc::Node& ours, const doc::Node& theirs,
                     const ValueComparator& cmp, const MergeOptions& options) {
  TreeMerge out;
  Merger merger(cmp, options, out);
  out.merged = merger.MergeMap({}, &base, ours, theirs);
  return out;
}

}  // namespace clef::merge
