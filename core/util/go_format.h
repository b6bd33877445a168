// Number formatting and parsing exactly as Go's strconv / encoding/json / go-yaml do it.
//
// sops is written in Go, so the bytes it encrypts and hashes, and the text it prints, follow
// Go's formatting. These functions reproduce it (reference/sops-format.md §1.6, §9.3):
//   FormatFloatF(1e21)     == "1000000000000000000000"  (MAC and plaintext bytes: 'f', -1)
//   FormatFloatYaml(1e21)  == "1e+21"                   (go-yaml emitter: 'g', -1, .inf/.nan)
//   FormatFloatJson(1e21)  == "1e+21"                   (encoding/json)
//   FormatFloatEnv(5.0)    == "5.0"                     (sops dotenv/INI ValToString)
// All are pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clef::gofmt {

std::string FormatFloatF(double v);     // strconv.FormatFloat(v, 'f', -1, 64)
std::string FormatFloatG(double v);     // strconv.FormatFloat(v, 'g', -1, 64)
std::string FormatFloatE(double v);     // strconv.FormatFloat(v, 'e', -1, 64)
std::string FormatFloatYaml(double v);  // go-yaml v3 encoder
std::string FormatFloatJson(double v);  // encoding/json float64 encoder
std::string FormatFloatEnv(double v);   // sops stores.ValToString for float64

// strconv.ParseFloat(s, 64) for the plain decimal/exponent forms and Inf/NaN spellings;
// nullopt when the text is not a number or is out of range.
std::optional<double> ParseFloat(std::string_view s);
// strconv.Atoi: optional sign, decimal digits, fits int64.
std::optional<int64_t> ParseInt(std::string_view s);

}  // namespace clef::gofmt
