#include "scan/detector.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "scan/checksum.h"
#include "scan/entropy.h"
#include "scan/negatives.h"

namespace clef::scan {
namespace {

constexpr size_t kLookBehind = 256;
constexpr size_t kMultiLineSpan = 4096;
constexpr size_t kMaxEntropyLine = 4096;

struct Window {
  uint32_t rule;
  size_t begin;
  size_t end;
};

size_t LineStart(std::string_view c, size_t pos, size_t limit) {
  size_t floor = pos > limit ? pos - limit : 0;
  const void* nl = nullptr;
  if (pos > floor) {
    const char* base = c.data() + floor;
    nl = memrchr(base, '\n', pos - floor);
  }
  return nl ? static_cast<size_t>(static_cast<const char*>(nl) - c.data()) + 1 : floor;
}

size_t LineEnd(std::string_view c, size_t pos, size_t limit) {
  size_t cap = std::min(c.size(), pos + limit);
  if (pos >= cap) return cap;
  const void* nl = memchr(c.data() + pos, '\n', cap - pos);
  return nl ? static_cast<size_t>(static_cast<const char*>(nl) - c.data()) : cap;
}

bool Overlaps(const std::vector<Finding>& found, size_t begin, size_t end) {
  for (const auto& f : found)
    if (begin < f.offset + f.secret.size() && f.offset < end) return true;
  return false;
}

// Inside the bracket of a sops `ENC[...]` value on the same line.
bool InsideSopsValue(std::string_view c, size_t offset) {
  size_t ls = LineStart(c, offset, 16384);
  std::string_view before = c.substr(ls, offset - ls);
  size_t enc = before.rfind("ENC[");
  return enc != std::string_view::npos && before.find(']', enc) == std::string_view::npos;
}

bool IsGenericValueAcceptable(const Rule& rule, std::string_view secret, bool bare,
                              const std::string& path) {
  if (IsReference(secret)) return false;
  if (bare && IsCodeFile(path) && IsIdentifierExpression(secret)) return false;
  if (secret.find(' ') != std::string_view::npos || secret.find('\t') != std::string_view::npos)
    return false;
  if (rule.id == "generic-password" || rule.id == "generic-secret") {
    if (secret.find("://") != std::string_view::npos) return false;
    if (secret[0] == '/' || secret.substr(0, 2) == "./" || secret.substr(0, 2) == "~/")
      return false;
    size_t min_len = rule.id == "generic-password" ? 6 : 8;
    if (secret.size() < min_len) return false;
    if (CharacterClassCount(secret) < 2) return false;
  }
  return true;
}

int IdentChar(unsigned char c) { return std::isalnum(c) || c == '_' || c == '-' || c == '.'; }

}  // namespace

bool LooksBinary(std::string_view content) {
  return memchr(content.data(), '\0', std::min<size_t>(content.size(), 8192)) != nullptr;
}

bool LineSuppressed(std::string_view c, size_t offset) {
  size_t ls = LineStart(c, offset, 1 << 20);
  size_t le = LineEnd(c, offset, 1 << 20);
  std::string_view line = c.substr(ls, le - ls);
  return line.find("clef-ignore") != std::string_view::npos ||
         line.find("gitleaks:allow") != std::string_view::npos;
}

void PlaceFindings(std::string_view content, std::vector<Finding>& findings) {
  std::sort(findings.begin(), findings.end(),
            [](const Finding& a, const Finding& b) { return a.offset < b.offset; });
  size_t pos = 0;
  int line = 1;
  size_t line_start = 0;
  for (auto& f : findings) {
    while (pos < f.offset) {
      const void* nl = memchr(content.data() + pos, '\n', f.offset - pos);
      if (!nl) {
        pos = f.offset;
        break;
      }
      pos = static_cast<size_t>(static_cast<const char*>(nl) - content.data()) + 1;
      ++line;
      line_start = pos;
    }
    f.line = line;
    f.column = static_cast<int>(f.offset - line_start) + 1;
    f.end_line = line + static_cast<int>(std::count(f.secret.begin(), f.secret.end(), '\n'));
    if (f.fingerprint.empty()) f.fingerprint = Fingerprint(f.rule_id, f.path, f.secret);
  }
}

std::vector<Finding> Detector::Scan(std::string_view content, const std::string& path) const {
  std::vector<Finding> out;
  if (content.empty() || LooksBinary(content)) return out;
  RunRules(content, path, out);
  if (options_.entropy_detector && !IsLockFile(path)) RunEntropy(content, path, out);
  PlaceFindings(content, out);
  return out;
}

void Detector::RunRules(std::string_view content, const std::string& path,
                        std::vector<Finding>& out) const {
  std::vector<Window> windows;
  const KeywordIndex& index = rules_.keywords();
  const bool lock_file = IsLockFile(path);
  index.Find(content, [&](size_t k, size_t end) {
    size_t kw_begin = end - index.keyword(k).size();
    size_t b = LineStart(content, kw_begin, kLookBehind);  // the same for every rule of `k`
    size_t line_end = SIZE_MAX, line_span = 0;             // LineEnd(end, line_span), cached
    for (uint32_t r : rules_.rules_for_keyword(k)) {
      const Rule& rule = rules_.rule(r);
      if (lock_file && rule.generic) continue;
      size_t span = static_cast<size_t>(rule.max_span);
      size_t e;
      if (span > kMultiLineSpan) {
        e = std::min(content.size(), kw_begin + span);
      } else {
        if (line_end == SIZE_MAX || span != line_span) {
          line_end = LineEnd(content, end, span);
          line_span = span;
        }
        e = line_end;
      }
      windows.push_back(Window{r, b, e});
    }
  });
  if (windows.empty()) return;
  std::stable_sort(windows.begin(), windows.end(), [](const Window& a, const Window& b) {
    return a.rule != b.rule ? a.rule < b.rule : a.begin < b.begin;
  });
  std::vector<re2::StringPiece> groups;
  for (size_t i = 0; i < windows.size();) {
    Window w = windows[i++];
    while (i < windows.size() && windows[i].rule == w.rule && windows[i].begin <= w.end) {
      w.end = std::max(w.end, windows[i].end);
      ++i;
    }
    const Rule& rule = rules_.rule(w.rule);
    if (!rules_.MayMatch(w.rule, content.substr(w.begin, w.end - w.begin))) continue;
    const re2::RE2& re = rules_.regex(w.rule);
    if (!re.ok()) continue;
    int ngroups = re.NumberOfCapturingGroups() + 1;
    groups.assign(static_cast<size_t>(ngroups), re2::StringPiece());
    re2::StringPiece text(content.data() + w.begin, w.end - w.begin);
    size_t pos = 0;
    while (pos <= text.size() &&
           re.Match(text, pos, text.size(), re2::RE2::UNANCHORED, groups.data(), ngroups)) {
      re2::StringPiece whole = groups[0];
      size_t next = static_cast<size_t>(whole.data() + whole.size() - text.data());
      pos = whole.empty() ? next + 1 : next;
      re2::StringPiece secret;
      if (rule.secret_group > 0 && rule.secret_group < ngroups &&
          !groups[rule.secret_group].empty())
        secret = groups[rule.secret_group];
      for (int g = 1; secret.empty() && g < ngroups; ++g) secret = groups[g];
      if (secret.empty()) secret = whole;
      std::string_view s(secret.data(), secret.size());
      size_t offset = static_cast<size_t>(secret.data() - content.data());
      if (rule.min_entropy > 0 && ShannonEntropy(s) < rule.min_entropy) continue;
      if (!PassesChecksum(rule.checksum, s)) continue;
      if (IsPlaceholder(s) || IsKnownNonSecret(s)) continue;
      if (rule.generic) {
        bool bare = offset == 0 || (content[offset - 1] != '"' && content[offset - 1] != '\'' &&
                                    content[offset - 1] != '`');
        if (!IsGenericValueAcceptable(rule, s, bare, path)) continue;
      }
      if (InsideSopsValue(content, offset)) continue;
      if (LineSuppressed(content, offset)) continue;
      if (Overlaps(out, offset, offset + s.size())) continue;
      Finding f;
      f.rule_id = rule.id;
      f.description = rule.description;
      f.path = path;
      f.secret = std::string(s);
      f.offset = offset;
      f.entropy = ShannonEntropy(s);
      out.push_back(std::move(f));
    }
  }
}

// Calls `op(j)` for every '=' and ':' in `c`, in order (SSE2: 16 bytes per step).
template <typename Op>
void ForEachOperator(std::string_view c, Op&& op) {
  const char* d = c.data();
  const size_t n = c.size();
  size_t j = 0;
#if defined(__SSE2__)
  const __m128i eq = _mm_set1_epi8('=');
  const __m128i colon = _mm_set1_epi8(':');
  for (; j + 16 <= n; j += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + j));
    unsigned m = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, eq), _mm_cmpeq_epi8(v, colon))));
    while (m) {
      op(j + static_cast<size_t>(__builtin_ctz(m)));
      m &= m - 1;
    }
  }
#endif
  for (; j < n; ++j)
    if (d[j] == '=' || d[j] == ':') op(j);
}

void Detector::RunEntropy(std::string_view c, const std::string& path,
                          std::vector<Finding>& out) const {
  static const auto kRunChar = [] {
    std::array<bool, 256> t{};
    for (int ch = 0; ch < 256; ++ch)
      t[ch] = std::isalnum(ch) || ch == '+' || ch == '/' || ch == '_' || ch == '-';
    return t;
  }();
  const size_t n = c.size();
  auto run_char = [&](size_t k) { return kRunChar[static_cast<unsigned char>(c[k])]; };
  // Candidates are values in assignment context: <name> <op> [spaces] [quote] <run of 24..512
  // base64-alphabet characters, then '=' padding>. Driven by the operators, so the bytes in
  // between are never looked at one by one.
  ForEachOperator(c, [&](size_t j) {
    size_t opos = j;  // the operator's last byte
    if (c[j] == '=' && j + 1 < n && c[j + 1] == '>') opos = j + 1;
    size_t s = opos + 1;
    while (s < n && (c[s] == ' ' || c[s] == '\t')) ++s;
    if (s < n && (c[s] == '"' || c[s] == '\'' || c[s] == '`')) ++s;
    if (s >= n || !run_char(s)) return;
    size_t i = s;
    while (i < n && run_char(i) && i - s <= 512) ++i;
    if (i - s < 24) return;
    while (i < n && run_char(i)) ++i;
    while (i < n && c[i] == '=' && i - s < 1024) ++i;  // base64 padding
    size_t len = i - s;
    if (len > 512) return;
    size_t line_begin = LineStart(c, s, kMaxEntropyLine + 1);
    if (line_begin + kMaxEntropyLine + 1 <= s) return;  // line longer than the limit
    size_t line_end = LineEnd(c, i, kMaxEntropyLine + 1);
    if (line_end - line_begin > kMaxEntropyLine) return;
    // Walk back from the value over [quote] [spaces] to the operator, as people write it.
    size_t p = s;
    if (p > line_begin && (c[p - 1] == '"' || c[p - 1] == '\'' || c[p - 1] == '`')) --p;
    while (p > line_begin && (c[p - 1] == ' ' || c[p - 1] == '\t')) --p;
    if (p == line_begin) return;
    char op = c[p - 1];
    bool assignment = false;
    if (op == '=') {
      assignment = true;
      --p;
      if (p > line_begin && (c[p - 1] == ':' || c[p - 1] == '?' || c[p - 1] == '+')) --p;
    } else if (op == ':') {
      // YAML/JSON: a space after the colon, or a quoted key before it.
      bool space_after = p < n && (c[p] == ' ' || c[p] == '\t' || c[p] == '"' || c[p] == '\'');
      bool quoted_key = p >= 2 && (c[p - 2] == '"' || c[p - 2] == '\'');
      assignment = space_after || quoted_key;
      --p;
    } else if (op == '>' && p >= 2 && c[p - 2] == '=') {
      assignment = true;
      p -= 2;
    }
    if (!assignment) return;
    while (p > line_begin && (c[p - 1] == ' ' || c[p - 1] == '\t')) --p;
    if (p > line_begin && (c[p - 1] == '"' || c[p - 1] == '\'')) --p;
    size_t name_end = p;
    while (p > line_begin && IdentChar(static_cast<unsigned char>(c[p - 1]))) --p;
    std::string_view name = c.substr(p, name_end - p);
    if (name.empty() || IsNonSecretName(name)) return;
    std::string_view value = c.substr(s, len);
    if (ClassifyCharset(value) == Charset::kHex) return;
    if (CharacterClassCount(value) < 3) return;
    double h = ShannonEntropy(value);
    if (h < 4.5) return;
    if (IsPlaceholder(value) || IsKnownNonSecret(value) || IsReference(value)) return;
    if (value.find('/') != std::string_view::npos &&
        value.find_first_of("+=") == std::string_view::npos &&
        std::count(value.begin(), value.end(), '/') >= 2)
      return;  // a path, not a key
    if (LineSuppressed(c, s) || InsideSopsValue(c, s) || Overlaps(out, s, i)) return;
    Finding f;
    f.rule_id = "high-entropy-string";
    f.description = "High-entropy value of unknown format assigned to '" + std::string(name) + "'";
    f.path = path;
    f.secret = std::string(value);
    f.offset = s;
    f.entropy = h;
    out.push_back(std::move(f));
  });
}

}  // namespace clef::scan
