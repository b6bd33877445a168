// SopsFile: an encrypted file as data tree + metadata, read and written without any key.
//
// Reading (reference/sops-format.md §3.1): the format comes from the path (doc::FormatForPath);
// the `sops` entry of the first YAML document is the metadata and the `sops` entries of all
// documents are removed from the data (dotenv: the `sops_*` keys). A file without metadata is
// "not a sops file". Writing puts the block back last in every document (dotenv: the
// flattened keys last), so Write(Read(bytes)) == bytes for every file sops 3.12.2 writes.
//
// Plain value; copyable; thread-compatible.
//
//   Result<SopsFile> f = ReadSopsFile(bytes, "secrets/api/dev.enc.yaml");
//   if (!f.ok()) return f.error();        // names the file and line
//   RecipientSet who = f->metadata.Recipients();
//   std::string same = WriteSopsFile(*f);
#pragma once

#include <string>
#include <string_view>

#include "core/doc/document.h"
#include "core/result.h"
#include "core/sops/metadata.h"

namespace clef::sops {

struct SopsFile {
  std::string path;        // for messages only
  doc::Document document;  // the data, without the metadata
  Metadata metadata;
};

// Errors: the document does not parse; no `sops` metadata ("not a sops file"); a malformed
// block (the field and its line); `sops` twice in the first document.
Result<SopsFile> ReadSopsFile(std::string_view bytes, const std::string& path);

// The same, from an already parsed document (its metadata entries are moved out).
Result<SopsFile> SopsFileFromDocument(doc::Document document, const std::string& path);

// Serialises data + metadata the way sops writes them.
std::string WriteSopsFile(const SopsFile& file);

}  // namespace clef::sops
