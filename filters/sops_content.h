// SopsContent: the flat, key-level view of a (supposedly) sops-encrypted file that the filter
// needs, read without any key: every leaf with its key path and whether it holds an ENC[...]
// value, the comments, the encryption rule and the recipients from the `sops` metadata.
//
// Why not core/doc + core/sops: the clean filter and textconv must work on every file git
// hands them (half-written, malformed, not sops at all) and only need this flat view. This
// reader uses yaml-cpp for YAML and JSON (comments are collected by a line scan, since
// yaml-cpp drops them) and a line parser for dotenv. When core/sops's
// CheckEncryptedAsRequired is available it should replace the decision in clean_guard.cc.
//
// Format comes from the path (".json" -> JSON, ".env" -> dotenv, anything else YAML).
// Plain values; thread-compatible.
//
//   Result<SopsContent> c = ReadSopsContent(bytes, "secrets/api/dev.enc.yaml");
//   if (c.ok() && c->has_metadata) for (const Leaf& l : c->leaves) ...
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/sops/encryption_rules.h"

namespace clef::filter {

enum class ContentFormat { kYaml, kJson, kDotenv };
ContentFormat FormatOfPath(std::string_view path);

struct Leaf {
  std::vector<std::string> keys;  // mapping keys only (what the encryption rules look at)
  std::string display_path;       // "db.hosts[0].name"
  std::string value;              // the scalar as written (ENC[...] or plaintext)
  bool encrypted = false;         // value is an ENC[AES256_GCM,...] string
  bool empty_string = false;      // "" (sops never encrypts it)
};

struct Comment {
  int line = 0;
  std::string text;  // without the leading '#'
  bool encrypted = false;
};

struct SopsContent {
  ContentFormat format = ContentFormat::kYaml;
  bool has_metadata = false;  // a `sops` block (dotenv: sops_* keys) was found
  std::vector<Leaf> leaves;   // document order, metadata excluded
  std::vector<Comment> comments;
  sops::EncryptionRules rules;
  std::vector<std::string> recipients;  // "age age1...", "pgp FINGERPRINT", sorted, unique
  std::string shamir_threshold;         // as written, empty when absent
};

// Errors only when the bytes do not parse in their format (message with file and line).
Result<SopsContent> ReadSopsContent(std::string_view bytes, const std::string& path);

// True for "ENC[AES256_GCM,data:...]" (the shape only; nothing is decrypted).
bool LooksEncrypted(std::string_view value);

}  // namespace clef::filter
