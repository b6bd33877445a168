// Document model basics and the format dispatch of ParseDocument / EmitDocument.
#include "core/doc/document.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/doc/doc_internal.h"

namespace clef::doc {

namespace {
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
}  // namespace

Format FormatForPath(std::string_view path) {
  if (EndsWith(path, ".json")) return Format::kJson;
  if (EndsWith(path, ".env")) return Format::kDotenv;
  return Format::kYaml;
}

const char* FormatName(Format format) {
  switch (format) {
    case Format::kYaml: return "yaml";
    case Format::kJson: return "json";
    case Format::kDotenv: return "dotenv";
  }
  return "yaml";
}

Node Node::MakeScalar(ScalarType type, std::string text) {
  Node n;
  n.kind = Kind::kScalar;
  n.scalar.type = type;
  n.scalar.text = std::move(text);
  return n;
}

Node Node::MakeMap() {
  Node n;
  n.kind = Kind::kMap;
  return n;
}

Node Node::MakeSeq() {
  Node n;
  n.kind = Kind::kSeq;
  return n;
}

int Node::IndexOf(std::string_view key) const {
  if (kind != Kind::kMap) return -1;
  for (size_t i = 0; i < items.size(); ++i)
    if (!items[i].is_comment() && items[i].key == key) return static_cast<int>(i);
  return -1;
}

const Node* Node::Find(std::string_view key) const {
  int i = IndexOf(key);
  return i < 0 ? nullptr : &items[i].value;
}

Node* Node::Find(std::string_view key) {
  int i = IndexOf(key);
  return i < 0 ? nullptr : &items[i].value;
}

Item Item::Entry(std::string key, Node value) {
  Item item;
  item.kind = Kind::kEntry;
  item.key = std::move(key);
  item.value = std::move(value);
  return item;
}

Item Item::Element(Node value) {
  Item item;
  item.kind = Kind::kEntry;
  item.value = std::move(value);
  return item;
}

Item Item::MakeComment(std::string text, bool inline_) {
  Item item;
  item.kind = Kind::kComment;
  item.comment.text = std::move(text);
  item.comment.inline_ = inline_;
  return item;
}

Result<Document> ParseDocument(std::string_view text, Format format, const std::string& path,
                               const ParseOptions& options) {
  if (text.size() > options.max_bytes)
    return Error{"the file is too large (" + std::to_string(text.size()) + " bytes; the limit is " +
                     std::to_string(options.max_bytes) + ")",
                 path, 0, 0, "split the secrets into several files"};
  switch (format) {
    case Format::kYaml: return internal::ParseYaml(text, path);
    case Format::kJson: return internal::ParseJson(text, path);
    case Format::kDotenv: return internal::ParseDotenv(text, path);
  }
  return internal::ParseYaml(text, path);
}

std::string EmitDocument(const Document& doc) {
  switch (doc.format) {
    case Format::kYaml: return internal::EmitYaml(doc);
    case Format::kJson: return internal::EmitJson(doc);
    case Format::kDotenv: return internal::EmitDotenv(doc);
  }
  return internal::EmitYaml(doc);
}

namespace internal {

bool CheckText(std::string_view s, size_t* bad, bool allow_controls) {
  size_t i = 0, n = s.size();
  while (i < n) {
#if defined(__SSE2__)
    // Fast path: sixteen bytes at a time that are printable ASCII (0x20..0x7E) or '\n', the
    // bulk of every file (the line ends would stop the eight-byte path below once a line).
    const __m128i space = _mm_set1_epi8(0x20), newline = _mm_set1_epi8('\n');
    const __m128i del = _mm_set1_epi8(0x7F);
    while (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      // Signed compare: bytes >= 0x80 are negative, so they count as "below space" too.
      const __m128i control = _mm_andnot_si128(_mm_cmpeq_epi8(v, newline), _mm_cmplt_epi8(v, space));
      if (_mm_movemask_epi8(_mm_or_si128(control, _mm_cmpeq_epi8(v, del))) != 0) break;
      i += 16;
    }
#endif
    // Eight printable ASCII bytes (0x20..0x7E) at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
      const uint64_t below_space = (w - 0x20 * kOnes) & ~w;      // high bit set where < 0x20
      const uint64_t del = ((w ^ (0x7F * kOnes)) - kOnes) & ~(w ^ (0x7F * kOnes));  // == 0x7F
      if ((w | below_space | del) & kHigh) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char b = s[i];
    if (b < 0x80) {
      if (!allow_controls && b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
        *bad = i;
        return false;
      }
      if (!allow_controls && b == 0x7F) {
        *bad = i;
        return false;
      }
      ++i;
      continue;
    }
    int len;
    uint32_t cp;
    if ((b & 0xE0) == 0xC0) len = 2, cp = b & 0x1F;
    else if ((b & 0xF0) == 0xE0) len = 3, cp = b & 0x0F;
    else if ((b & 0xF8) == 0xF0) len = 4, cp = b & 0x07;
    else {
      *bad = i;
      return false;
    }
    if (i + len > n) {
      *bad = i;
      return false;
    }
    for (int k = 1; k < len; ++k) {
      unsigned char c = s[i + k];
      if ((c & 0xC0) != 0x80) {
        *bad = i;
        return false;
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      *bad = i;
      return false;
    }
    i += len;
  }
  return true;
}

void LineColumn(std::string_view text, size_t offset, int* line, int* column) {
  int l = 1;
  size_t ls = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++l, ls = i + 1;
  *line = l;
  *column = static_cast<int>(offset - ls) + 1;
}

}  // namespace internal
}  // namespace clef::doc
