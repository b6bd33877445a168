// Whether a parsed document carries sops metadata at all: a top-level `sops` entry (YAML,
// JSON) or any `sops_*` key (dotenv). Asked before sops::SopsFileFromDocument consumes the
// tree, so a file that is not encrypted can still be described (its key paths, a placeholder).
#pragma once

#include "core/doc/document.h"
#include "core/sops/metadata.h"

namespace clef::filter {

inline bool HasSopsMetadata(const doc::Document& document) {
  if (document.roots.empty()) return false;
  for (const doc::Item& item : document.root().items) {
    if (item.is_comment()) continue;
    if (document.format == doc::Format::kDotenv ? sops::IsDotenvMetadataKey(item.key)
                                                : item.key == "sops") {
      return true;
    }
  }
  return false;
}

}  // namespace clef::filter
