// JSON string escaping for the reports (JSON, SARIF, baseline).
#pragma once

#include <string>
#include <string_view>

namespace clef::scan {

// `s` as a JSON string literal, quotes included. Bytes that are not valid UTF-8 become U+FFFD.
std::string JsonString(std::string_view s);

}  // namespace clef::scan
