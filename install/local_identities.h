// Which recipients this machine can decrypt for, judged from public keys only: the age
// identities in the places sops 3.12 and Clef look (their public halves are derived and the
// secret text wiped at once), and the PGP secret keys gpg holds. For `clef doctor`.
//
// Places, as sops and Clef read them: SOPS_AGE_KEY (inline), SOPS_AGE_KEY_FILE,
// $XDG_CONFIG_HOME/sops/age/keys.txt (else ~/.config/sops/age/keys.txt), Clef's CLEF_AGE_KEY
// and CLEF_AGE_KEY_FILE, and `age_key_file` in the repository's .clef/config.yaml.
// SOPS_AGE_KEY_CMD is not run (doctor never runs key commands); it is noted instead.
//
// Nothing secret leaves this module: only "age1..." recipients and source descriptions.
#pragma once

#include <string>
#include <vector>

namespace clef::install {

struct LocalIdentities {
  std::vector<std::string> age_recipients;  // "age1..." of every identity found
  std::vector<std::string> sources;         // "SOPS_AGE_KEY_FILE (/path): 1 identity"
  std::vector<std::string> notes;           // unreadable files, keys that do not parse, ...
};

LocalIdentities FindLocalAgeIdentities(const std::string& worktree_root);

// Whether gpg holds the secret key of `fingerprint` (false when gpg is missing).
bool GpgHasSecretKey(const std::string& fingerprint);

}  // namespace clef::install
