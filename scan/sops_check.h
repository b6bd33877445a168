// SOPS awareness: in a file that must be encrypted, every value its encryption rule covers
// must be an ENC[...] value. A plaintext one is a finding naming the key path (the value is
// held only for redaction and the fingerprint).
//
// Which files must be encrypted: `*.enc.yaml|yml|json|env` (Clef cells and the sops naming
// convention), and files a `.sops.yaml` creation rule with a non-empty path_regex matches.
// Which values: the file's own sops metadata decides (unencrypted_suffix, encrypted_suffix,
// unencrypted_regex, encrypted_regex, as sops records them); without metadata the file is not
// encrypted at all, which is one finding ("sops-unencrypted-file").
// YAML and JSON are parsed with yaml-cpp (line numbers from its marks); dotenv line by line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "scan/finding.h"

namespace clef::scan {

// True for *.enc.yaml, *.enc.yml, *.enc.json, *.enc.env (and *.enc).
bool IsSopsFileName(std::string_view path);

// Findings for plaintext values in `content`; error when the file cannot be parsed (the scan
// reports it and moves on). Findings have line and column but no fingerprint yet.
Result<std::vector<Finding>> CheckSopsFile(std::string_view content, const std::string& path);

}  // namespace clef::scan
