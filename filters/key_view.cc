#include "filters/key_view.h"

#include <sodium.h>

#include "filters/sops_content.h"

namespace clef::filter {
namespace {

// A fixed key separates these fingerprints from any other BLAKE2b use of the same bytes.
constexpr unsigned char kViewKey[crypto_generichash_KEYBYTES] = "clef-filter key view v1";

std::string Basename(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

const char* FormatLabel(ContentFormat f) {
  switch (f) {
    case ContentFormat::kJson: return "json";
    case ContentFormat::kDotenv: return "dotenv";
    case ContentFormat::kYaml: break;
  }
  return "yaml";
}

}  // namespace

std::string Fingerprint(std::string_view bytes) {
  unsigned char hash[6];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), kViewKey, sizeof kViewKey);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : hash) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

std::string RenderKeyView(std::string_view bytes, const std::string& path) {
  // git hands textconv a temp file named after the blob; only the basename is meaningful.
  const std::string name = Basename(path);
  if (bytes.empty()) return "# clef-filter: " + name + ": empty file\n";
  Result<SopsContent> content = ReadSopsContent(bytes, path);
  if (!content.ok()) {
    const Error& e = content.error();
    std::string where = e.line ? " (line " + std::to_string(e.line) + ")" : "";
    return "# clef-filter: " + name + ": unreadable" + where + ", not shown; content " +
           Fingerprint(bytes) + ", " + std::to_string(bytes.size()) + " bytes\n";
  }
  if (!content->has_metadata) {
    return "# clef-filter: " + name + ": not a sops-encrypted file, not shown; content " +
           Fingerprint(bytes) + ", " + std::to_string(bytes.size()) + " bytes, " +
           std::to_string(content->leaves.size()) + " keys\n";
  }
  std::string out;
  out += "# clef-filter key view (" + std::string(FormatLabel(content->format)) +
         "); fingerprints of the ciphertext: a re-encrypted value shows as changed\n";
  for (const Leaf& leaf : content->leaves) {
    out += leaf.display_path;
    if (leaf.empty_string) {
      out += " = \"\"\n";
    } else {
      out += leaf.encrypted ? " = enc:" : " = plain:";
      out += Fingerprint(leaf.value);
      out += "\n";
    }
  }
  for (const Comment& c : content->comments) {
    if (c.encrypted) {
      out += "# enc:" + Fingerprint(c.text) + "\n";
    } else {
      std::string text = c.text;
      for (char& ch : text) {
        if (ch == '\r') ch = ' ';
      }
      out += "#" + text + "\n";
    }
  }
  for (const std::string& r : content->recipients) out += "sops recipient: " + r + "\n";
  if (!content->shamir_threshold.empty()) {
    out += "sops shamir_threshold: " + content->shamir_threshold + "\n";
  }
  out += "sops rule: " + content->rules.Describe() + "\n";
  return out;
}

}  // namespace clef::filter
