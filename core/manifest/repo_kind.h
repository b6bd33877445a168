// What kind of secrets repository a tree is, and which of its files are sops files.
//
//   * kClef: a clef.yaml at the root (whatever else is there).
//   * kSops: no clef.yaml, but a .sops.yaml at the root and/or files named like sops files
//     (*.enc.yaml, *.enc.yml, *.enc.json, *.enc.env).
//   * kNone: neither.
//
// SopsFileCandidates lists the files a plain SOPS repo is expected to keep encrypted: files
// named like sops files, plus files matched by a creation rule with a non-empty path_regex
// (a rule without path_regex matches everything, so it says nothing about which files are
// secrets). .sops.yaml, clef.yaml and *.clef-meta.yaml are never candidates.
//
//   Result<RepoKind> kind = DetectRepoKind(files);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/manifest/sops_config.h"
#include "core/result.h"

namespace clef::manifest {

class RepoFiles;

enum class RepoKind { kClef, kSops, kNone };
const char* RepoKindName(RepoKind kind);  // "clef", "sops", "none"

// *.enc.yaml, *.enc.yml, *.enc.json, *.enc.env (the names Clef and the sops docs use).
bool HasSopsFileName(std::string_view path);

Result<RepoKind> DetectRepoKind(const RepoFiles& files);

// `config` may be null.
Result<std::vector<std::string>> SopsFileCandidates(const RepoFiles& files,
                                                    const SopsConfig* config);

}  // namespace clef::manifest
