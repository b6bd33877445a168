// Merging `.clef-meta.yaml` sidecars (clef-behaviour.md §1.7), base-aware where Clef ignores
// the base.
//
// Contract, per key:
//   * Rotation records: one that neither side changed keeps its count (Clef adds 1 on every
//     merge); one changed on one side only is that side's (a removal too); changed on both:
//     the later `last_rotated_at` wins with its `rotated_by` (tie: ours), and the count adds the
//     rotations each side made since base (ours + theirs - base), never below either side's.
//   * Pending placeholders merge as a set three-way: one resolved (removed) on either side is
//     dropped, one added on either side is kept; a key whose rotation record a side changed
//     without listing it pending is resolved. Both pending with different `since`: the later
//     wins with its `setBy` (tie: ours).
//   * Order: ours' order, then keys only theirs has, in theirs' order.
//   * Output is Clef's serialization (header comment, `version: 1`, both sections always,
//     2-space indentation, `[]` for an empty list), so Clef reads what this writes.
//   * A side that is not a valid sidecar is an error naming that side; an empty text (git's
//     empty %O for add/add, or a missing file) is an empty sidecar.
#pragma once

#include <string>
#include <string_view>

#include "core/manifest/clef_meta.h"
#include "core/result.h"

namespace clef::merge {

manifest::ClefMeta MergeSidecars(const manifest::ClefMeta& base, const manifest::ClefMeta& ours,
                                 const manifest::ClefMeta& theirs);

std::string EmitSidecar(const manifest::ClefMeta& meta);

// Parses the three texts (naming `side` in errors), merges, and emits.
Result<std::string> MergeSidecarTexts(std::string_view base, std::string_view ours,
                                      std::string_view theirs, const std::string& path);

}  // namespace clef::merge
