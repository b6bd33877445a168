// attributes.not-routed: whether .gitattributes routes the encrypted files to the clef-sops
// drivers (merge=clef-sops for clef-merge-driver, diff=clef-sops for the keyless textconv).
//
// A small .gitattributes reader: one `pattern attr...` per line, '#' comments, `attr=value`,
// `-attr` / `!attr` unset; later lines win; a pattern without '/' matches the basename, one
// with '/' the whole path (fnmatch with FNM_PATHNAME; a leading '/' anchors at the root;
// `**/` matches any folders). Only the root .gitattributes is read.
#pragma once
#include <string>
#include <vector>

namespace clef::lint {

// The paths of `encrypted` that .gitattributes (its text, "" when absent) does not route to
// both merge=clef-sops and diff=clef-sops.
std::vector<std::string> UnroutedFiles(const std::string& gitattributes,
                                       const std::vector<std::string>& encrypted);

}  // namespace clef::lint
