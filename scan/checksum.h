// Offline checks of token formats that carry their own integrity: the CRC32 GitHub (and npm)
// append to their tokens, and the JSON header of a JWT. A token that fails its check is a
// random look-alike (an id, a hash), not a credential, so the rule drops it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "scan/rule.h"

namespace clef::scan {

uint32_t Crc32(std::string_view bytes);

// The 6-character base62 encoding GitHub uses for a CRC32 ("0-9A-Za-z", zero-padded).
std::string Base62Crc(uint32_t crc);

// `<prefix>_<30 random><6 checksum>`: true when the checksum matches the random part.
bool ValidGithubStyleChecksum(std::string_view token);

// The JWT's first segment is base64url JSON with "alg" or "typ".
bool ValidJwtHeader(std::string_view token);

bool PassesChecksum(Checksum kind, std::string_view secret);

}  // namespace clef::scan
