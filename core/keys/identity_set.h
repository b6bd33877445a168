// IdentitySet: every age identity this machine offers, found where sops and Clef look
// (sops-format.md §4.3), in this order:
//   1. SOPS_AGE_KEY        identities in the variable itself: '#' and blank lines skipped,
//                          every whitespace-separated word of the other lines is an identity
//   2. SOPS_AGE_KEY_FILE   a key file (one identity per line, '#' and blank lines skipped)
//   3. SOPS_AGE_KEY_CMD    a command (split like a shell would, but run WITHOUT a shell) whose
//                          stdout is a key file; it gets SOPS_AGE_RECIPIENT=<recipient> in its
//                          environment when the caller names the entry being decrypted
//   4. $XDG_CONFIG_HOME/sops/age/keys.txt, else $HOME/.config/sops/age/keys.txt (if present)
//   5. CLEF_AGE_KEY        like SOPS_AGE_KEY (Clef's variable)
//   6. CLEF_AGE_KEY_FILE   like SOPS_AGE_KEY_FILE (Clef's variable)
// All sources that are set are loaded; all identities are tried on every age entry (sops does
// not select identities by the entry's recipient either).
//
// Errors: a source that is set but unusable (unreadable file, a line that is not an identity,
// a passphrase-protected key file, a command that cannot start or exits non-zero, a command
// line with unbalanced quotes) fails the load with an error naming the source (the variable
// and the path or command) and the line number — never the key text. Post-quantum
// ("AGE-SECRET-KEY-PQ-1...") and plugin ("AGE-PLUGIN-...") identities cannot be used
// natively; they are skipped and listed by Notes(). No identities at all is not an error.
//
// Identities are crypto::X25519Identity (SecureBytes inside; each knows its recipient). Key
// file contents and command output are held only in SecureBytes. Move-only; not thread-safe
// for concurrent mutation. core/sops calls this class sops::IdentitySet (an alias).
//
//   Result<keys::IdentitySet> ids = keys::IdentitySet::FromEnvironment();
//   if (!ids.ok()) { report(ids.error()); return kExitError; }
//   auto key = crypto::UnwrapAgeDataKey(enc, ids->age());
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/age_x25519.h"
#include "core/result.h"

namespace clef::keys {

// Looks up an environment variable; nullopt when unset. The default reads the process
// environment; tests pass their own.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup ProcessEnvironment();
// The variable's value; nullopt when it is unset or empty (sops treats both alike).
std::optional<std::string> NonEmptyVariable(const EnvLookup& env, const std::string& name);
// Where sops looks by default (source 4 above); empty when neither variable is set.
std::string DefaultKeyFile(const EnvLookup& env);

class IdentitySet {
 public:
  IdentitySet() = default;
  IdentitySet(IdentitySet&&) = default;
  IdentitySet& operator=(IdentitySet&&) = default;

  // Loads every source above. `recipient` (may be empty) is exported to SOPS_AGE_KEY_CMD as
  // SOPS_AGE_RECIPIENT.
  static Result<IdentitySet> FromEnvironment(std::string_view recipient = {},
                                             const EnvLookup& env = ProcessEnvironment());

  // Adds the identities of key-file text (one per line, no trimming beyond a trailing '\r',
  // like sops). `source` names it in messages, e.g. "SOPS_AGE_KEY_FILE=/home/me/key.txt".
  Status AddKeyFileText(std::string_view text, const std::string& source);
  // Adds identities from SOPS_AGE_KEY-style text (every word of non-comment lines).
  Status AddKeyListText(std::string_view text, const std::string& source);
  // Adds a key file from disk.
  Status AddKeyFile(const std::string& path, const std::string& source);

  const std::vector<crypto::X25519Identity>& age() const { return age_; }
  bool empty() const { return age_.empty(); }
  size_t size() const { return age_.size(); }
  // The public recipient ("age1...") of each identity, in load order.
  std::vector<std::string> AgeRecipients() const;
  // "age1... (from SOPS_AGE_KEY_FILE=/path)" for each identity.
  std::vector<std::string> Describe() const;
  // Where each identity came from, parallel to age().
  const std::vector<std::string>& sources() const { return sources_; }
  // Identities that were skipped because clef cannot use them natively.
  const std::vector<std::string>& Notes() const { return notes_; }

 private:
  Status AddOne(std::string_view word, const std::string& source, int line);

  std::vector<crypto::X25519Identity> age_;
  std::vector<std::string> sources_;
  std::vector<std::string> notes_;
};

}  // namespace clef::keys
