// Scalar rules of go-yaml v3 as sops uses them (reference/sops-format.md §9.1):
// how a plain scalar resolves to a type, and which style the emitter picks for a string.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/doc/document.h"

namespace clef::doc::yaml {

// Resolves an untagged plain scalar like go-yaml v3's resolve(""): null, bool, int (any base,
// '_' ignored, stored as decimal), float (source text kept), timestamp, else string.
Scalar ResolvePlain(std::string_view text);
// The same, taking the text over where the scalar keeps it (a string, float or timestamp).
Scalar ResolvePlain(std::string&& text);
inline Scalar ResolvePlain(const char* text) { return ResolvePlain(std::string_view(text)); }

// Parses a go-yaml timestamp (2006-1-2, 2006-1-2T15:4:5.9Z07:00, 't' or ' ' separator) and
// returns it formatted as Go's time.RFC3339Nano; false when `text` is not a timestamp.
bool NormalizeTimestamp(std::string_view text, std::string* rfc3339);

enum class Style { kPlain, kSingle, kDouble, kLiteral };

// The style go-yaml v3 (encode.go stringv + emitter analysis) gives a string value;
// `is_key` selects the simple-key context (no block scalars).
Style ChooseStringStyle(std::string_view s, bool is_key);

// Appends the string in the given quoted style (with quotes) to `out`.
void AppendSingleQuoted(std::string_view s, std::string* out);
void AppendDoubleQuoted(std::string_view s, std::string* out);

// The text of a non-string scalar as go-yaml writes it (plain style).
std::string PlainText(const Scalar& scalar);

}  // namespace clef::doc::yaml
