// The sops tree walk (reference/sops-format.md §1.2–§1.5): every leaf of a document in the
// order sops visits it, with the AAD sops binds to it and whether the file's encryption rule
// demands it encrypted. Needs no key, so lint, scan, guard and textconv can ask whether a file
// is encrypted as its rules say and name the key paths that are not.
//
// Walk order: documents in order, depth first in document order. In a mapping a comment item
// is visited with the path of the mapping; in a sequence every element (value or comment) is
// visited with the path of the sequence itself (list indices are never part of the AAD).
// Null scalars are skipped (never encrypted, never hashed); empty maps and lists have no leaf.
// A sequence element holding `ENC[...,type:comment]` is an encrypted comment (§1.9).
//
// The walker does not own anything; the Leaf pointers are valid during the visit only.
//
//   Status s = WalkLeaves(file.document, matcher, [&](const Leaf& leaf) -> Status {
//     if (leaf.encrypt && leaf.is_comment) ...;
//     return Status::Ok();
//   });
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/doc/document.h"
#include "core/result.h"
#include "core/sops/encryption_rules.h"

namespace clef::sops {

struct Leaf {
  int document = 0;            // index into Document::roots
  std::string aad;             // strings.Join(path, ":") + ":", e.g. "app:db:user:"
  std::string key_path;        // for people: "app.db.user", "hosts[2]", "app (comment)"
  bool is_comment = false;     // a comment item, or a list element holding an encrypted comment
  bool encrypt = false;        // the file's rule demands this leaf encrypted
  doc::Node* value = nullptr;  // the scalar (value leaves and encrypted list comments)
  doc::Comment* comment = nullptr;  // comment items
  int line = 0;                     // source line, 0 when unknown

  // The leaf's current text: the scalar text or the comment text.
  const std::string& text() const { return comment ? comment->text : value->scalar.text; }
};

using LeafVisitor = std::function<Status(Leaf& leaf)>;

// Visits every leaf of `document` in sops walk order; stops at the first error the visitor
// returns. The visitor may change the leaf's scalar or comment text in place (that is how
// encryption and decryption rewrite a tree), but not the tree's shape.
Status WalkLeaves(doc::Document& document, const RuleMatcher& rules, const LeafVisitor& visit);

// A leaf that the rules demand encrypted but that holds plaintext.
struct PlaintextLeaf {
  std::string key_path;
  int line = 0;
  bool is_comment = false;
};

// Leaves whose rule demands encryption but whose text is not an `ENC[AES256_GCM,...]` value:
// non-empty strings, numbers, booleans, timestamps, non-empty comments. Empty strings and
// empty comments are never encrypted by sops and are not reported.
std::vector<PlaintextLeaf> FindPlaintextLeaves(const doc::Document& document,
                                               const RuleMatcher& rules);

}  // namespace clef::sops
