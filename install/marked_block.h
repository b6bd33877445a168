// The marked block clef install keeps in .gitattributes (and in husky's tracked
// .husky/pre-commit), so that uninstall removes exactly it.
//
//   # >>> clef-git: managed by `clef install`; `clef install --uninstall` removes this block
//   *.enc.yaml merge=clef-sops diff=clef-sops filter=clef-sops
//   *.clef-meta.yaml merge=clef-sops
//   # <<< clef-git
//
// Contract (pure text functions, no I/O):
//   * InsertBlock replaces an existing block in place (so re-running install is a no-op or an
//     update) or appends one at the end, where it wins over earlier lines for the same paths
//     (in gitattributes the last matching line sets an attribute). When the file did not end
//     in a newline, the one added is recorded in the begin marker so RemoveBlock can take it
//     away again: remove(insert(x)) == x for every x.
//   * Sidecars (*.clef-meta.yaml) are plaintext: they get the merge driver only.
//   * Patterns containing whitespace cannot be written unquoted and are skipped.
//   * The block lives in the committed .gitattributes, so the marker is self-describing: any
//     clone can uninstall it, with no state kept elsewhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace clef::install {

inline constexpr const char* kDriverName = "clef-sops";

// The block for `patterns`, ending in a newline.
std::string RenderAttributesBlock(const std::vector<std::string>& patterns);

// A marked block around `body` (lines ending in newlines).
std::string RenderMarkedBlock(std::string_view body);

// `text` with `block` in place of the existing one, or appended. `block` must start with the
// begin marker line (as RenderAttributesBlock's and RenderMarkedBlock's do). Error on a begin
// marker without its end marker (names the line; the caller adds the file).
Result<std::string> InsertBlock(std::string_view text, std::string_view block);

// `text` without the block (and the newline install added, if any); nullopt when there is no
// block. Error on a begin marker without its end marker.
Result<std::optional<std::string>> RemoveBlock(std::string_view text);

// The current block, if any (for doctor).
std::optional<std::string> FindBlock(std::string_view text);

}  // namespace clef::install
