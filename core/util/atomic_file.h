// Writing a file atomically: the new content goes to a temporary file in the same folder, is
// flushed to disk, and then renamed over the target, so a reader (or a crash) sees either the
// old file or the new one, never a half-written one. The target's permission bits are kept
// when it exists.
//
// Never use it for plaintext secrets: they must not touch the disk at all.
//
//   Status s = WriteFileAtomically("secrets/api/dev.enc.yaml", bytes);
//   if (!s.ok()) std::cerr << s.error().Describe() << "\n";
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace clef {

// kNone skips the fsync: still atomic for readers, for files a caller consumes at once (git's
// merge-driver temporary %A), where a flush would only add latency.
enum class Flush { kToDisk, kNone };

Status WriteFileAtomically(const std::string& path, std::string_view content,
                           Flush flush = Flush::kToDisk);

// Reads a whole file. nullopt when it does not exist; Error when it cannot be read.
Result<std::optional<std::string>> ReadFileIfExists(const std::string& path);

// Reads a whole file; a missing file is an Error naming it.
Result<std::string> ReadFile(const std::string& path);

}  // namespace clef
