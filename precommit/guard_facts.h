// What the guard knows about one revision of a repository, read without any key: the manifest,
// .sops.yaml, CODEOWNERS, and for every encrypted file its recipients, rules and ciphertexts.
//
// Contract: a Snapshot is built from a git revision through libgit2 (no checkout, no filters),
// so it is safe on pull requests from forks. Files that fail to parse at a revision are kept
// with their error: the guard must never silently pass what it could not read.
//
//   Result<Snapshot> head = LoadSnapshot(repo, "HEAD");
//   for (const auto& [path, facts] : head->files) ...
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/git/handles.h"
#include "core/manifest/manifest.h"
#include "core/manifest/recipient.h"
#include "core/manifest/sops_config.h"
#include "core/result.h"
#include "core/sops/identity_set.h"
#include "precommit/codeowners.h"

namespace clef::guard {

using manifest::Recipient;

// One file that is, or must be, a sops file at one revision.
struct FileFacts {
  std::string path;
  bool is_sops = false;     // has a sops metadata block
  std::string parse_error;  // non-empty when the file could not be read as a document
  bool has_mac = false;
  std::vector<Recipient> recipients;      // effective: from the sops block, every key group
  std::string rules;                      // "unencrypted_suffix: _unencrypted", ...
  bool mac_only_encrypted = false;
  std::vector<std::string> plaintext_paths;  // leaves the file's rules require encrypted, in clear
  std::set<std::string> ciphertexts;         // every ENC[...] value, to detect key rotation
  std::set<std::string> encrypted_paths;     // key paths of values held as ENC[...]
  std::set<std::string> clear_paths;         // key paths of non-empty values held in plaintext
  std::set<std::string> wrapped_keys;        // every recipient `enc`, to detect key rotation
  // A digest (BLAKE2b) of the data key when a local identity opens the file, so two revisions'
  // keys can be compared without keeping or showing either; empty otherwise.
  std::string data_key_digest;
};

// The matrix cell a file belongs to, when the manifest places it.
struct CellRef {
  std::string namespace_name;
  std::string environment;
};

struct Snapshot {
  std::string revision;
  std::optional<manifest::Manifest> manifest;
  std::string manifest_error;  // clef.yaml present but invalid
  std::optional<manifest::SopsConfig> sops_config;
  std::string sops_config_error;
  std::optional<Codeowners> codeowners;
  std::map<std::string, FileFacts> files;  // by path: cells, *.enc.*, files under .sops.yaml rules
  std::map<std::string, CellRef> cells;    // every cell path of the manifest (existing or not)

  // The recipients clef.yaml and .sops.yaml declare for `path` (union), and whether anything
  // declares recipients for it at all.
  std::vector<Recipient> DeclaredFor(const std::string& path, bool* declared) const;
  // The environment of `path` when it is a cell, else "".
  std::string EnvironmentOf(const std::string& path) const;
  bool IsProtected(const std::string& environment) const;
};

// Facts of one file from its bytes (format from the path). Never fails: problems are recorded
// in FileFacts::parse_error.
// With `identities`, the data key is unwrapped to fill data_key_digest.
FileFacts FactsOf(const std::string& path, const std::string& bytes,
                  const sops::IdentitySet* identities = nullptr);

// Whether `path` is one the guard looks at: *.enc.yaml|yml|json|env, a manifest cell, or a file
// governed by a .sops.yaml creation rule (rules with a path_regex only).
bool IsGuardedPath(const std::string& path, const Snapshot& snapshot);

// Reads the guarded files of `revision` through libgit2: all of them, or only those in
// `only_paths` when it is given (the files that differ between the two revisions compared;
// unchanged files cannot change the verdict unless a declaration changed). Error: unknown
// revision (with the fix for shallow clones), unreadable objects.
Result<Snapshot> LoadSnapshot(git_repository* repo, const std::string& revision,
                              const std::set<std::string>* only_paths = nullptr,
                              const sops::IdentitySet* identities = nullptr);

// The paths whose facts must be read to compare `base` with `head`: the changed files, or
// nullopt (read everything) when clef.yaml, .sops.yaml or CODEOWNERS changed.
Result<std::optional<std::set<std::string>>> PathsToCompare(git_repository* repo,
                                                            const std::string& base,
                                                            const std::string& head);

}  // namespace clef::guard
