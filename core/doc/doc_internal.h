// Internal interface between document.cc and the per-format readers and writers.
// Not for use outside core/doc/: tools go through ParseDocument / EmitDocument.
#pragma once

#include <string>
#include <string_view>

#include "core/doc/document.h"
#include "core/result.h"

namespace clef::doc::internal {

// Maximum nesting of mappings/sequences accepted by every reader (guards the stack).
inline constexpr int kMaxDepth = 512;

Result<Document> ParseYaml(std::string_view text, const std::string& path);
Result<Document> ParseJson(std::string_view text, const std::string& path);
Result<Document> ParseDotenv(std::string_view text, const std::string& path);

std::string EmitYaml(const Document& doc);
std::string EmitJson(const Document& doc);
std::string EmitDotenv(const Document& doc);

// Checks that `text` is valid UTF-8 without control characters other than TAB, LF and CR.
// On failure returns the 0-based byte offset of the first bad byte.
bool CheckText(std::string_view text, size_t* bad_offset, bool allow_controls);

// Line and column (1-based) of a byte offset.
void LineColumn(std::string_view text, size_t offset, int* line, int* column);

}  // namespace clef::doc::internal
