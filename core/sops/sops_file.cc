#include "core/sops/sops_file.h"

namespace clef::sops {
namespace {

constexpr std::string_view kSopsKey = "sops";

Error NotASopsFile(const std::string& path) {
  Error e = MakeError("not a sops file: it has no sops metadata", path);
  e.hint = "encrypt it with `sops encrypt --in-place " + path + "`";
  return e;
}

Result<doc::Node> TakeYamlBlock(doc::Document& document, const std::string& path) {
  doc::Node block;
  bool found = false;
  for (size_t d = 0; d < document.roots.size(); ++d) {
    std::vector<doc::Item>& items = document.roots[d].items;
    for (size_t i = 0; i < items.size();) {
      if (items[i].is_comment() || items[i].key != kSopsKey) {
        ++i;
        continue;
      }
      if (d == 0) {
        if (found) {
          return MakeError("the first document has two sops metadata entries", path, items[i].line);
        }
        if (!items[i].value.is_map()) {
          return MakeError("the sops metadata is not a mapping", path, items[i].line);
        }
        block = std::move(items[i].value);
        found = true;
      }
      items.erase(items.begin() + static_cast<long>(i));
    }
  }
  if (!found) return NotASopsFile(path);
  return block;
}

Result<doc::Node> TakeDotenvBlock(doc::Document& document, const std::string& path) {
  std::vector<doc::Item>& items = document.root().items;
  std::vector<doc::Item> taken;
  for (size_t i = 0; i < items.size();) {
    if (!items[i].is_comment() && IsDotenvMetadataKey(items[i].key)) {
      taken.push_back(std::move(items[i]));
      items.erase(items.begin() + static_cast<long>(i));
    } else {
      ++i;
    }
  }
  if (taken.empty()) return NotASopsFile(path);
  std::vector<const doc::Item*> refs;
  for (const doc::Item& item : taken) refs.push_back(&item);
  Result<doc::Node> block = UnflattenDotenvMetadata(refs);
  if (!block.ok()) return block.error().InFile(path);
  return block;
}

}  // namespace

Result<SopsFile> SopsFileFromDocument(doc::Document document, const std::string& path) {
  if (document.roots.empty()) return NotASopsFile(path);
  Result<doc::Node> block = document.format == doc::Format::kDotenv
                                ? TakeDotenvBlock(document, path)
                                : TakeYamlBlock(document, path);
  if (!block.ok()) return block.error();
  Result<Metadata> metadata = ParseMetadata(*block);
  if (!metadata.ok()) {
    Error e = metadata.error().InFile(path);
    if (e.line == 0) e.line = block->line;
    return e;
  }
  SopsFile file;
  file.path = path;
  file.document = std::move(document);
  file.metadata = std::move(*metadata);
  return file;
}

Result<SopsFile> ReadSopsFile(std::string_view bytes, const std::string& path) {
  Result<doc::Document> document = doc::ParseDocument(bytes, doc::FormatForPath(path), path);
  if (!document.ok()) return document.error().InFile(path);
  return SopsFileFromDocument(std::move(*document), path);
}

std::string WriteSopsFile(const SopsFile& file) {
  doc::Document out = file.document;
  if (out.format == doc::Format::kDotenv) {
    for (doc::Item& item : FlattenDotenvMetadata(file.metadata)) {
      out.root().items.push_back(std::move(item));
    }
  } else {
    doc::Node block = MetadataToNode(file.metadata);
    for (doc::Node& root : out.roots) {
      root.items.push_back(doc::Item::Entry(std::string(kSopsKey), block));
    }
  }
  return doc::EmitDocument(out);
}

}  // namespace clef::sops
