#include "core/crypto/age.h"

#include "core/crypto/age_armor.h"
#include "core/crypto/age_header.h"

namespace clef::crypto {
namespace {

constexpr size_t kFileKeySize = 16;

Status Fail(AgeFailure kind, Error error, AgeFailure* failure) {
  if (failure) *failure = kind;
  return error;
}

}  // namespace

const char* AgeFailureName(AgeFailure failure) {
  switch (failure) {
    case AgeFailure::kNone:
      return "success";
    case AgeFailure::kArmor:
      return "armor failure";
    case AgeFailure::kHeader:
      return "header failure";
    case AgeFailure::kNoMatch:
      return "no match";
    case AgeFailure::kHmac:
      return "HMAC failure";
    case AgeFailure::kPayload:
      return "payload failure";
  }
  return "unknown";
}

std::string AgeEncrypt(std::string_view plaintext, std::span<const X25519Recipient> recipients) {
  SecureBytes file_key = SecureBytes::Random(kFileKeySize);
  AgeHeader header;
  for (const X25519Recipient& recipient : recipients) {
    header.stanzas.push_back(recipient.Wrap(file_key.view()));
  }
  header.mac = ComputeAgeHeaderMac(file_key.view(), header.stanzas);
  std::string nonce(kPayloadNonceSize, '\0');
  SecureBytes nonce_bytes = SecureBytes::Random(kPayloadNonceSize);
  nonce.assign(nonce_bytes.view());
  SecureBytes payload_key = DerivePayloadKey(file_key.view(), nonce);
  return SerializeAgeHeader(header) + nonce + StreamEncrypt(payload_key.view(), plaintext);
}

Status AgeDecryptTo(std::string_view file, std::span<const X25519Identity> identities,
                    const PlaintextSink& sink, AgeFailure* failure) {
  if (failure) *failure = AgeFailure::kNone;
  std::string dearmored;
  if (LooksArmored(file)) {
    Result<std::string> binary = DearmorAge(file);
    if (!binary.ok()) return Fail(AgeFailure::kArmor, binary.error(), failure);
    dearmored = std::move(*binary);
    file = dearmored;
  }
  Result<ParsedAgeHeader> parsed = ParseAgeHeader(file);
  if (!parsed.ok()) return Fail(AgeFailure::kHeader, parsed.error(), failure);
  const std::vector<AgeStanza>& stanzas = parsed->header.stanzas;
  for (const AgeStanza& stanza : stanzas) {
    if (stanza.type == "scrypt" && stanzas.size() != 1) {
      return Fail(AgeFailure::kHeader,
                  MakeError("age header: an scrypt stanza must be the only stanza"), failure);
    }
  }
  std::string_view rest = file.substr(parsed->size);
  if (rest.size() < kPayloadNonceSize) {
    return Fail(AgeFailure::kHeader, MakeError("age file: missing payload nonce"), failure);
  }
  Result<std::optional<SecureBytes>> file_key = UnwrapFileKey(stanzas, identities);
  if (!file_key.ok()) return Fail(AgeFailure::kHeader, file_key.error(), failure);
  if (!file_key->has_value()) {
    return Fail(AgeFailure::kNoMatch,
                MakeError("age: no identity matched any of the file's recipients"), failure);
  }
  const SecureBytes& key = **file_key;
  std::array<uint8_t, 32> mac = ComputeAgeHeaderMac(key.view(), stanzas);
  if (!SecureEqual(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()),
                   std::string_view(reinterpret_cast<const char*>(parsed->header.mac.data()),
                                    parsed->header.mac.size()))) {
    return Fail(AgeFailure::kHmac, MakeError("age header: bad header MAC (file altered)"), failure);
  }
  SecureBytes payload_key = DerivePayloadKey(key.view(), rest.substr(0, kPayloadNonceSize));
  Status status = StreamDecrypt(payload_key.view(), rest.substr(kPayloadNonceSize), sink);
  if (!status.ok()) return Fail(AgeFailure::kPayload, status.error(), failure);
  return Status::Ok();
}

Result<SecureBytes> AgeDecrypt(std::string_view file, std::span<const X25519Identity> identities,
                               AgeFailure* failure) {
  // The plaintext is never longer than the input, so one guarded buffer of that size suffices.
  SecureBytes out(file.size());
  size_t used = 0;
  Status status = AgeDecryptTo(
      file, identities,
      [&](std::string_view chunk) {
        std::copy(chunk.begin(), chunk.end(), out.data() + used);
        used += chunk.size();
      },
      failure);
  if (!status.ok()) return status.error();
  out.Truncate(used);
  return out;
}

}  // namespace clef::crypto
