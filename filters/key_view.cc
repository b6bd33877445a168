#include "filters/key_view.h"

#include <sodium.h>

#include <algorithm>
#include <optional>

#include "core/crypto/data_key.h"
#include "core/crypto/shamir.h"
#include "core/doc/document.h"
#include "core/sops/encrypted_value.h"
#include "core/sops/metadata.h"
#include "core/sops/opened_file.h"
#include "core/sops/sops_file.h"
#include "core/sops/tree_walk.h"
#include "core/sops/value_cipher.h"
#include "filters/metadata_probe.h"

namespace clef::filter {
namespace {

// A fixed key separates these fingerprints from any other BLAKE2b use of the same bytes.
constexpr unsigned char kViewKey[crypto_generichash_KEYBYTES] = "clef-filter key view v1";
constexpr std::string_view kKeyLabel = "clef-filter textconv fingerprint v1";
constexpr size_t kFingerprintBytes = 6;

std::string Hex(const unsigned char* bytes, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0xf]);
  }
  return out;
}

std::string Basename(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Text that goes on one line of the view: CR/LF and other control bytes become escapes.
std::string OneLine(std::string_view text, bool quote) {
  std::string out = quote ? "\"" : "";
  for (unsigned char c : text) {
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += quote ? "\\t" : "\t";
        break;
      case '\\':
        out += quote ? "\\\\" : "\\";
        break;
      case '"':
        out += quote ? "\\\"" : "\"";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\x" + Hex(&c, 1);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  if (quote) out += "\"";
  return out;
}

std::string Placeholder(const std::string& name, const std::string& why, std::string_view bytes) {
  return "# clef-filter: " + name + ": " + why + ", not shown; content " + Fingerprint(bytes) +
         ", " + std::to_string(bytes.size()) + " bytes\n";
}

// The first age entry of `group` that one of `identities` opens, holding `size` bytes.
std::optional<SecureBytes> UnwrapGroup(const sops::KeyGroup& group,
                                       const keys::IdentitySet& identities, size_t size,
                                       std::string* note) {
  for (const sops::KeyList& list : group.lists) {
    if (list.type != sops::KeyType::kAge) continue;
    for (const sops::MasterKey& key : list.keys) {
      Result<std::optional<SecureBytes>> opened =
          crypto::UnwrapAgeDataKey(key.Enc(), identities.age());
      if (!opened.ok()) {
        *note = "the age entry for " + key.Id() + " is damaged";
        continue;
      }
      if (opened->has_value() && (*opened)->size() == size) return std::move(**opened);
    }
  }
  return std::nullopt;
}

// The data key, when `identities` open an age entry of the file's one key group, or of
// `shamir_threshold` of its groups (Shamir shares: the key plus its x coordinate). `note` says
// why not otherwise (empty: simply no identity for this file).
std::optional<SecureBytes> UnwrapKey(const sops::Metadata& metadata,
                                     const keys::IdentitySet& identities, std::string* note) {
  constexpr size_t kDataKeySize = 32;
  const std::vector<sops::KeyGroup> groups = metadata.EffectiveGroups();
  if (groups.size() == 1) return UnwrapGroup(groups[0], identities, kDataKeySize, note);
  const size_t threshold = static_cast<size_t>(std::max<int64_t>(
      2, metadata.shamir_threshold.value_or(static_cast<int64_t>(groups.size()))));
  std::vector<SecureBytes> shares;
  for (const sops::KeyGroup& group : groups) {
    std::optional<SecureBytes> share = UnwrapGroup(group, identities, kDataKeySize + 1, note);
    if (share) shares.push_back(std::move(*share));
    if (shares.size() == threshold) break;
  }
  if (groups.size() < 2 || shares.size() < threshold) {
    if (!shares.empty()) {
      *note = "the local identities open " + std::to_string(shares.size()) + " of the " +
              std::to_string(threshold) + " key groups (Shamir) the data key needs";
    }
    return std::nullopt;
  }
  Result<SecureBytes> key = crypto::ShamirCombine(shares);
  if (!key.ok() || key->size() != kDataKeySize) {
    *note = "the key groups' shares do not combine";
    return std::nullopt;
  }
  return std::move(*key);
}

void AppendMetadata(const sops::Metadata& metadata, std::string& out) {
  const sops::RecipientSet recipients = metadata.Recipients();
  for (const sops::Recipient& r : recipients.recipients()) {
    out += "sops recipient: " + r.Describe() + "\n";
  }
  if (metadata.shamir_threshold) {
    out += "sops shamir_threshold: " + std::to_string(*metadata.shamir_threshold) + "\n";
  }
  out += "sops rule: " + metadata.rules.Describe() + "\n";
}

// The lines of a verified file, decrypting one value at a time into one wiped scratch buffer
// (a file may hold many thousands of values; none is kept). Fails, with nothing rendered, on
// a value that does not decrypt (the MAC check before makes that a should-not-happen).
Status AppendOpened(sops::SopsFile& file, const SecureBytes& data_key, bool reveal,
                    std::string& out) {
  Result<sops::RuleMatcher> rules = sops::RuleMatcher::Compile(file.metadata.rules);
  if (!rules.ok()) return rules.error();
  const SecureBytes key = FingerprintKey(data_key.view());
  SecureBytes scratch(4096);
  std::string lines;
  Status walked = sops::WalkLeaves(file.document, *rules, [&](sops::Leaf& leaf) -> Status {
    const std::string& text = leaf.text();
    const bool comment = leaf.comment != nullptr || leaf.is_comment;
    if (!leaf.encrypt || !sops::LooksEncrypted(text)) {
      if (comment) {
        lines += "#" + OneLine(text, false) + "\n";
      } else if (text.empty() && leaf.value->scalar.type == doc::ScalarType::kString) {
        lines += leaf.key_path + " = \"\"\n";
      } else {
        lines += leaf.key_path + " = plain:" + Fingerprint(text) + "\n";
      }
      return Status::Ok();
    }
    Result<sops::EncryptedValue> value = sops::ParseEncryptedValue(text);
    if (!value.ok()) return value.error();
    Result<size_t> size = sops::OpenValueInto(data_key.view(), *value, leaf.aad, scratch);
    if (!size.ok()) return MakeError("the value at " + leaf.key_path + " does not decrypt");
    std::string_view plain = scratch.view().substr(0, *size);
    if (comment) {
      lines += reveal ? "# (encrypted)" + OneLine(plain, false)
                      : "# hmac:" + KeyedFingerprint(key, leaf.key_path, plain);
    } else {
      lines += leaf.key_path;
      lines += reveal ? " = " + OneLine(plain, true)
                      : " = hmac:" + KeyedFingerprint(key, leaf.key_path, plain);
    }
    lines += "\n";
    Wipe(scratch.data(), *size);
    return Status::Ok();
  });
  if (!walked.ok()) return walked;
  out += lines;
  return Status::Ok();
}

// The lines of a file that is not opened: fingerprints of the text as stored.
void AppendStored(sops::SopsFile& file, std::string& out) {
  Result<sops::RuleMatcher> rules = sops::RuleMatcher::Compile(file.metadata.rules);
  if (!rules.ok()) rules = sops::RuleMatcher::Compile({});  // only the walk order matters here
  (void)sops::WalkLeaves(file.document, *rules, [&](sops::Leaf& leaf) -> Status {
    const std::string& text = leaf.text();
    const bool encrypted = sops::LooksEncrypted(text);
    if (leaf.comment != nullptr || (leaf.is_comment && encrypted)) {
      out += encrypted ? "# enc:" + Fingerprint(text) : "#" + OneLine(text, false);
      out += "\n";
      return Status::Ok();
    }
    out += leaf.key_path;
    if (encrypted) {
      out += " = enc:" + Fingerprint(text) + "\n";
    } else if (text.empty() && leaf.value->scalar.type == doc::ScalarType::kString) {
      out += " = \"\"\n";
    } else {
      out += " = plain:" + Fingerprint(text) + "\n";
    }
    return Status::Ok();
  });
}

}  // namespace

std::string Fingerprint(std::string_view bytes) {
  unsigned char hash[kFingerprintBytes];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), kViewKey, sizeof kViewKey);
  return Hex(hash, sizeof hash);
}

SecureBytes FingerprintKey(std::string_view data_key) {
  SecureBytes key(crypto_auth_hmacsha256_BYTES);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(data_key.data()),
                              data_key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(kKeyLabel.data()),
                                kKeyLabel.size());
  crypto_auth_hmacsha256_final(&state, key.data());
  sodium_memzero(&state, sizeof state);
  return key;
}

std::string KeyedFingerprint(const SecureBytes& key, std::string_view key_path,
                             std::string_view plaintext) {
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, key.data(), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(key_path.data()),
                                key_path.size());
  const unsigned char separator = 0;
  crypto_auth_hmacsha256_update(&state, &separator, 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(plaintext.data()),
                                plaintext.size());
  crypto_auth_hmacsha256_final(&state, mac);
  sodium_memzero(&state, sizeof state);
  return Hex(mac, kFingerprintBytes);
}

std::string RenderKeyView(std::string_view bytes, const std::string& path,
                          const ViewOptions& options) {
  // git hands textconv a temp file named after the blob; only the basename is meaningful.
  const std::string name = Basename(path);
  if (bytes.empty()) return "# clef-filter: " + name + ": empty file\n";
  const doc::Format format = doc::FormatForPath(path);
  Result<doc::Document> document = doc::ParseDocument(bytes, format, path);
  if (!document.ok()) {
    const Error& e = document.error();
    return Placeholder(
        name, "unreadable" + (e.line ? " (line " + std::to_string(e.line) + ")" : std::string()),
        bytes);
  }
  if (!HasSopsMetadata(*document)) {
    return Placeholder(name, "not a sops-encrypted file", bytes);
  }
  Result<sops::SopsFile> file = sops::SopsFileFromDocument(std::move(*document), path);
  if (!file.ok()) return Placeholder(name, "malformed sops metadata", bytes);

  std::string out = "# clef-filter key view (" + std::string(doc::FormatName(format)) + "); ";
  std::string note;
  std::optional<SecureBytes> data_key;
  if (options.identities != nullptr && !options.identities->empty()) {
    data_key = UnwrapKey(file->metadata, *options.identities, &note);
  }
  if (data_key) {
    // Every value decrypted and the MAC checked first (nothing kept), then the view.
    Result<sops::OpenedFile> verified =
        sops::VerifyWithDataKey(*file, SecureBytes::CopyOf(data_key->view()));
    Status rendered = verified.ok() ? Status::Ok() : Status(verified.error());
    std::string view;
    if (rendered.ok()) rendered = AppendOpened(*file, *data_key, options.reveal, view);
    if (rendered.ok()) {
      out += options.reveal ? "VALUES IN CLEAR (clef.diff.reveal, on a terminal)\n"
                            : "hmac: keyed fingerprints of the plaintext: a value re-encrypted "
                              "unchanged keeps its line\n";
      out += view;
      // A new data key (`sops rotate`) changes every hmac line; this line says why.
      out += "sops data key: id " +
             KeyedFingerprint(FingerprintKey(data_key->view()), "", "data key id") + "\n";
      AppendMetadata(file->metadata, out);
      return out;
    }
    // Name the failing check (key path, MAC), never a value; the file's path is the temp name.
    out = "# clef-filter: " + name + ": DOES NOT VERIFY with its data key (" +
          rendered.error().message + "); tampered? values not opened\n" + out;
  } else if (!note.empty()) {
    out = "# clef-filter: " + name + ": not opened: " + note + "\n" + out;
  }
  out += "enc: fingerprints of the ciphertext: a re-encrypted value shows as changed\n";
  AppendStored(*file, out);
  AppendMetadata(file->metadata, out);
  return out;
}

}  // namespace clef::filter
