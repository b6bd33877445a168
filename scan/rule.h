// A detection rule: what one kind of secret looks like, written from its provider's documented
// token format.
//
// Contract: `regex` is RE2 syntax, matched in Latin-1 mode (bytes; invalid UTF-8 is fine) over
// a window around each keyword hit, so a rule MUST have at least one keyword that occurs inside
// (or right before) every match, lower case (keywords are matched case-insensitively).
// `secret_group` names the capture group holding the secret (0 = the whole match). A match is
// kept only when the secret's Shannon entropy is at least `min_entropy` (0 = no gate) and the
// checksum, when the format has one, is valid. `max_span` bounds how far a match can extend
// after its keyword (PEM blocks span lines; tokens are short).
#pragma once

#include <string>
#include <vector>

namespace clef::scan {

// Offline structural checks a token format allows.
enum class Checksum {
  kNone,
  kGithubCrc32,  // <prefix>_ + 30 base62 chars + 6 base62 chars = CRC32 of the 30 (GitHub, npm)
  kJwt,          // header decodes (base64url) to a JSON object with an "alg" or "typ" member
};

struct Rule {
  std::string id;           // stable, kebab-case ("github-pat"); used in output and fingerprints
  std::string description;  // one line, for people
  std::vector<std::string> keywords;
  std::string regex;
  int secret_group = 0;
  double min_entropy = 0;
  Checksum checksum = Checksum::kNone;
  int max_span = 512;          // bytes a match may extend beyond its keyword hit
  bool generic = false;        // assignment-style rule: checked against placeholders and references
};

// The built-in rules, in reporting priority order (specific formats before generic ones).
const std::vector<Rule>& BuiltinRules();

}  // namespace clef::scan
