// The git configuration clef install writes: the `clef-sops` merge driver, diff textconv and
// content filter, all with absolute tool paths (git runs them through the shell, with
// whatever PATH the user has at that moment).
//
//   merge.clef-sops.name       clef-git: SOPS-aware merge driver
//   merge.clef-sops.driver     '<dir>/clef-merge-driver' %O %A %B %L %P
//   merge.clef-sops.recursive  binary   (inner merges of criss-cross bases keep a real blob)
//   diff.clef-sops.textconv    '<dir>/clef-filter' textconv   (never cachetextconv: the cache
//                                                              would store plaintext in notes)
//   filter.clef-sops.process   '<dir>/clef-filter' process
//   filter.clef-sops.clean     '<dir>/clef-filter' clean %f   (gits without process support)
//   filter.clef-sops.smudge    '<dir>/clef-filter' smudge %f
//   filter.clef-sops.required  true
//
// Contract: clef owns the three `clef-sops` sections as a whole. Apply leaves them unchanged
// when they already hold the wanted values (re-install changes nothing); Remove deletes the
// sections with `git config --remove-section`, which takes away exactly the lines added.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace clef::install {

enum class ConfigScope { kLocal, kGlobal };

struct ConfigEntry {
  std::string key;
  std::string value;
};

// The entries for tools at the given absolute paths.
std::vector<ConfigEntry> WantedConfig(const std::string& merge_driver_path,
                                      const std::string& filter_path);

// The `clef-sops` entries currently set in `scope` (as `git config --get-regexp` lists them).
Result<std::vector<ConfigEntry>> ReadClefConfig(const std::string& repo, ConfigScope scope);

// Effective value of `key` across all scopes; empty when unset.
std::string EffectiveConfig(const std::string& repo, const std::string& key);

// Sets `wanted` in `scope`, replacing the clef-sops sections when they differ. Appends one
// line per change to `changes`; with dry_run, only describes.
Status ApplyConfig(const std::string& repo, ConfigScope scope, const std::vector<ConfigEntry>& wanted,
                   bool dry_run, std::vector<std::string>& changes);

// Removes the clef-sops sections from `scope`.
Status RemoveConfig(const std::string& repo, ConfigScope scope, bool dry_run,
                    std::vector<std::string>& changes);

// Shell-quotes a path for a command line git runs through `sh -c`.
std::string ShellQuote(const std::string& s);

// The program (first word, unquoted) of a command line written by WantedConfig or by hand.
std::string CommandProgram(const std::string& command_line);

}  // namespace clef::install
