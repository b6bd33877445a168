// Splitting a command line into argv the way sops splits SOPS_AGE_KEY_CMD (Go's
// github.com/google/shlex, POSIX-like rules, no shell): words separated by unquoted
// whitespace; '...' keeps everything literally; "..." keeps everything but lets a backslash
// escape '"', '\\', '$', '`' and a newline; an unquoted backslash escapes the next character;
// an unquoted '#' at the start of a word starts a comment that runs to the end of the line.
// No variable expansion, globbing or redirection.
//
//   ShlexSplit("pass show 'age key'")  -> {"pass", "show", "age key"}
//   ShlexSplit("unterminated 'quote")  -> error
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace clef::keys {

Result<std::vector<std::string>> ShlexSplit(std::string_view command);

}  // namespace clef::keys
