#include "install/marked_block.h"

namespace clef::install {
namespace {

constexpr std::string_view kBegin = "# >>> clef-git";
constexpr std::string_view kBeginLine =
    "# >>> clef-git: managed by `clef install`; `clef install --uninstall` removes this block";
constexpr std::string_view kAddedNewline = " (and the newline before it)";
constexpr std::string_view kEndLine = "# <<< clef-git";

struct BlockSpan {
  size_t begin = 0;  // offset of the begin marker
  size_t end = 0;    // offset just past the end marker's newline (or end of text)
  bool added_newline = false;
};

bool IsLineStart(std::string_view text, size_t at) { return at == 0 || text[at - 1] == '\n'; }

size_t LineEnd(std::string_view text, size_t at) {
  size_t nl = text.find('\n', at);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

int LineNumber(std::string_view text, size_t at) {
  int line = 1;
  for (size_t i = 0; i < at; ++i) line += text[i] == '\n';
  return line;
}

Result<std::optional<BlockSpan>> Locate(std::string_view text) {
  size_t at = 0;
  while ((at = text.find(kBegin, at)) != std::string_view::npos && !IsLineStart(text, at)) ++at;
  if (at == std::string_view::npos) return std::optional<BlockSpan>();
  BlockSpan span;
  span.begin = at;
  size_t begin_end = LineEnd(text, at);
  std::string_view begin_line = text.substr(at, begin_end - at);
  span.added_newline = begin_line.find(kAddedNewline) != std::string_view::npos;
  for (size_t line = begin_end; line < text.size(); line = LineEnd(text, line)) {
    size_t next = LineEnd(text, line);
    std::string_view content = text.substr(line, next - line);
    while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) {
      content.remove_suffix(1);
    }
    if (content == kEndLine) {
      span.end = next;
      return std::optional<BlockSpan>(span);
    }
  }
  Error e = MakeError("the clef-git block has no end marker `# <<< clef-git`", "",
                      LineNumber(text, at));
  e.hint = "restore the end marker line or delete the block by hand, then re-run clef install";
  return e;
}

bool HasWhitespace(std::string_view s) { return s.find_first_of(" \t\r\n") != s.npos; }

bool IsSidecar(std::string_view pattern) {
  constexpr std::string_view kSuffix = ".clef-meta.yaml";
  return pattern.size() >= kSuffix.size() &&
         pattern.substr(pattern.size() - kSuffix.size()) == kSuffix;
}

}  // namespace

std::string RenderMarkedBlock(std::string_view body) {
  return std::string(kBeginLine) + "\n" + std::string(body) + std::string(kEndLine) + "\n";
}

std::string RenderAttributesBlock(const std::vector<std::string>& patterns) {
  std::string block;
  for (const std::string& p : patterns) {
    if (p.empty() || HasWhitespace(p)) continue;
    block += p + " merge=" + kDriverName;
    if (!IsSidecar(p)) {
      block += std::string(" diff=") + kDriverName + " filter=" + kDriverName;
    }
    block += "\n";
  }
  return RenderMarkedBlock(block);
}

Result<std::string> InsertBlock(std::string_view text, std::string_view block) {
  Result<std::optional<BlockSpan>> span = Locate(text);
  if (!span.ok()) return span.error();
  if (*span) {
    const BlockSpan& s = **span;
    std::string body(block);
    if (s.added_newline) {
      // Keep the record of the newline install added the first time.
      size_t nl = body.find('\n');
      body.insert(nl, kAddedNewline);
    }
    std::string out(text.substr(0, s.begin));
    out += body;
    out += text.substr(s.end);
    return out;
  }
  std::string out(text);
  if (!out.empty() && out.back() != '\n') {
    std::string body(block);
    body.insert(body.find('\n'), kAddedNewline);
    out += "\n" + body;
    return out;
  }
  out += block;
  return out;
}

Result<std::optional<std::string>> RemoveBlock(std::string_view text) {
  Result<std::optional<BlockSpan>> span = Locate(text);
  if (!span.ok()) return span.error();
  if (!*span) return std::optional<std::string>();
  const BlockSpan& s = **span;
  size_t begin = s.begin;
  if (s.added_newline && begin > 0 && text[begin - 1] == '\n') --begin;
  std::string out(text.substr(0, begin));
  out += text.substr(s.end);
  return std::optional<std::string>(std::move(out));
}

std::optional<std::string> FindBlock(std::string_view text) {
  Result<std::optional<BlockSpan>> span = Locate(text);
  if (!span.ok() || !*span) return std::nullopt;
  return std::string(text.substr((*span)->begin, (*span)->end - (*span)->begin));
}

}  // namespace clef::install
