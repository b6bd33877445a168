// A whole scan: choose what to read (working tree, paths, staged blobs, history, stdin), read
// it, run the detector (and the SOPS check on files that must be encrypted) on all cores, then
// apply the suppressions (.clefignore, config allowlists, baseline).
//
// Modes and their contracts:
//   kWorkTree  tracked plus untracked-not-ignored files of the repository (`git ls-files -co
//              --exclude-standard`), read from disk.
//   kPaths     the given files and folders (folders walked; `.git` skipped; symlinks that point
//              outside the root are reported and skipped). Works outside a repository too.
//   kStaged    the blobs in the index git is about to commit (GIT_INDEX_FILE honoured), read
//              from the object database, not from the working tree: what is committed is what
//              is checked.
//   kHistory   every unique blob reachable from `range` (default: all refs), scanned once; each
//              finding carries the commit that introduced the blob. `since` limits the walk to
//              commits not reachable from that revision (CI: scan only new commits).
//   kStdin     standard input, reported as path "-".
//   kBuffers   files the caller already holds in memory (`buffers`: path and bytes, e.g. the
//              staged blobs clef lint has read), with the same rules, suppressions and SOPS
//              checks; nothing is read from disk or git but the configuration.
// Unreadable files and damaged objects become warnings; the scan goes on.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "scan/finding.h"

namespace clef::scan {

enum class ScanMode { kWorkTree, kPaths, kStaged, kHistory, kStdin, kBuffers };

struct ScanOptions {
  ScanMode mode = ScanMode::kWorkTree;
  std::vector<std::string> paths;  // kPaths
  std::string range;               // kHistory: "A..B", a revision, or "" for all refs
  std::string since;               // kHistory: exclude what this revision reaches
  int threads = 0;                 // 0: one per core
  std::string config_file;         // default: .clef/scan.yaml or .clefscan.yaml at the root
  std::string baseline_file;       // findings whose fingerprint it lists are not reported
  bool progress = false;           // history: a progress line on stderr
  std::string start_dir = ".";
  uint64_t max_file_bytes = 64ull << 20;
  const std::vector<std::pair<std::string, std::string>>* buffers = nullptr;  // kBuffers
};

struct ScanReport {
  std::vector<Finding> findings;  // sorted by path, line, column (history: by commit order)
  std::vector<Error> warnings;    // skipped or unreadable inputs
  size_t files_scanned = 0;
  size_t files_skipped = 0;
  size_t suppressed_by_baseline = 0;
  size_t commits = 0;  // history mode
  uint64_t bytes_scanned = 0;
  double seconds = 0;
};

// Error only for what stops the scan before it starts: no repository where one is needed,
// an invalid configuration or baseline, an unknown revision.
Result<ScanReport> RunScan(const ScanOptions& options);

}  // namespace clef::scan
