// Shannon entropy and the shape of a candidate secret, for the entropy gate of rules and for
// the detector of secrets of unknown format.
#pragma once

#include <string_view>

namespace clef::scan {

// Bits per byte: -sum p*log2(p) over byte frequencies; 0 for "".
double ShannonEntropy(std::string_view s);

enum class Charset { kHex, kBase64, kOther };

// kHex: only [0-9a-fA-F]; kBase64: only [A-Za-z0-9+/=_-]; kOther: anything else.
Charset ClassifyCharset(std::string_view s);

// Counts of character classes present (lower, upper, digit, other) — 0..4.
int CharacterClassCount(std::string_view s);

}  // namespace clef::scan
