// Three-way merge of document trees on key paths — the heart of clef-merge-driver.
//
// Contract (the outcome table of clef-behaviour.md §1.4, applied at every key path):
//   * Maps present as maps on both ours and theirs merge key by key, recursively (an absent or
//     non-map base counts as an empty map). Everything else — scalars, sequences, a map against
//     a scalar — is one value compared whole.
//   * Per path: neither side changed -> ours; only one side changed (edit, add or delete) -> that
//     side; both changed to equal values (both deleted too) -> ours; both changed differently
//     (edit/edit, add/add, delete/modify) -> a Conflict. An empty string is a value, not an
//     absent key.
//   * "Equal" is the caller's decision (ValueComparator): the real driver compares decrypted
//     plaintexts in constant time, or ciphertext bytes when both sides share a data key. The
//     merge never looks at values itself, so it never leaks them: a Conflict holds a key path and
//     what each side did, nothing else.
//   * Comments travel with the key they precede: an entry keeps the comment group of the side its
//     value came from; for a key whose value stayed ours, theirs' comments are taken only when ours
//     left them as they were in base. Comments after the last key follow the same rule.
//   * Order is ours'; a key theirs added is placed after its nearest preceding key (in theirs'
//     order) that is in the result; with none, before its nearest following one; else last.
//   * The merged tree is a copy built from the inputs' nodes (ciphertext stays as it was);
//     `taken` lists every leaf and comment that came from a side other than ours, so the caller
//     can re-encrypt exactly those under ours' data key.
//
// Pure function of its inputs; thread-compatible.
//
//   TreeMerge m = MergeTrees(base.root(), ours.root(), theirs.root(), comparator, {"sops"});
//   if (!m.conflicts.empty()) { /* exit 1, %A untouched */ }
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/doc/document.h"

namespace clef::merge {

// A key path from the root: {"database", "password"}.
using KeyPath = std::vector<std::string>;

// "database.password"; components holding '.', '[' or '"' switch the whole path to sops's
// bracket form ["a.b"]["c"]. ParseKeyPath reads both forms.
std::string FormatKeyPath(const KeyPath& path);
KeyPath ParseKeyPath(std::string_view text);

enum class Side { kBase, kOurs, kTheirs };
const char* SideName(Side side);  // "base", "ours", "theirs"

// What one side did to a path relative to base.
enum class Change { kUnchanged, kModified, kAdded, kDeleted };
const char* ChangeName(Change change);  // "unchanged", "changed", "added", "deleted"

struct Conflict {
  KeyPath path;
  bool in_base = false;
  Change ours = Change::kUnchanged;
  Change theirs = Change::kUnchanged;
};

// Decides whether two scalars at the same path are equal. Sequences and maps compared as whole
// values are walked by StructurallyEqual, which asks this for each scalar (a sequence element
// gets the path of its sequence, as in sops's AAD) and each comment.
class ValueComparator {
 public:
  virtual ~ValueComparator() = default;
  virtual bool ValuesEqual(const KeyPath& path, Side a_side, const doc::Node& a, Side b_side,
                           const doc::Node& b) const = 0;
  // Comments preceding the entry at `path` (or the trailing comments of the map at `path`).
  virtual bool CommentsEqual(const KeyPath& path, Side a_side, const doc::Comment& a, Side b_side,
                             const doc::Comment& b) const = 0;
};

// Compares bytes: scalar type and text, structure, comment text. Right for ciphertexts under
// one data key with unchanged IVs, for plaintext trees, and for tests.
class ByteComparator : public ValueComparator {
 public:
  bool ValuesEqual(const KeyPath& path, Side a_side, const doc::Node& a, Side b_side,
                   const doc::Node& b) const override;
  bool CommentsEqual(const KeyPath& path, Side a_side, const doc::Comment& a, Side b_side,
                     const doc::Comment& b) const override;
};

// Deep equality of two nodes where each scalar leaf and comment is compared by `cmp`.
bool StructurallyEqual(const KeyPath& path, const ValueComparator& cmp, Side a_side,
                       const doc::Node& a, Side b_side, const doc::Node& b);

// A leaf value or comment of the result that came from `side` (not ours).
struct TakenPart {
  enum class Kind { kValue, kComment };
  Kind kind = Kind::kValue;
  // kValue: the entry whose whole value (scalar, sequence or map subtree) came from `side`.
  // kComment: the comments preceding that entry, or — when `trailing` — the comments that end
  // the map at `path`.
  KeyPath path;
  bool trailing = false;
  Side side = Side::kTheirs;
};

struct TreeMerge {
  doc::Node merged;  // a map
  std::vector<TakenPart> taken;
  std::vector<Conflict> conflicts;  // in path order of first appearance
  bool clean() const { return conflicts.empty(); }
};

// Resolution forced for some paths (the `clef merge` helper): instead of conflicting, the path
// takes the value of `side` (absent there -> deleted).
struct ForcedChoice {
  KeyPath path;
  Side side = Side::kOurs;
};

struct MergeOptions {
  // Root-level keys left out of the merge and of the result (sops metadata: "sops", or the
  // "sops_" prefix of dotenv files when `skip_prefix` is set).
  std::vector<std::string> skip_root_keys;
  bool skip_prefix = false;
  std::vector<ForcedChoice> forced;
};

// Each argument is a map node (the document root). `base` may be an empty map (add/add).
TreeMerge MergeTrees(const doc::Node& base, const doc::Node& ours, const doc::Node& theirs,
                     const ValueComparator& cmp, const MergeOptions& options = {});

}  // namespace clef::merge
