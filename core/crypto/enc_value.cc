#include "core/crypto/enc_value.h"

#include <re2/re2.h>

#include "core/crypto/aes_gcm.h"
#include "core/crypto/base64.h"

namespace clef::crypto {

bool LooksEncrypted(std::string_view text) { return text.starts_with("ENC[AES256_GCM,"); }

Result<EncryptedValue> ParseEncryptedValue(std::string_view text) {
  static const RE2 kPattern(R"(^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\])",
                            RE2::Quiet);
  std::string data, iv, tag, type;
  if (!RE2::PartialMatch(text, kPattern, &data, &iv, &tag, &type)) {
    return MakeError(
        "not an encrypted value (expected ENC[AES256_GCM,data:...,iv:...,tag:...,"
        "type:...])");
  }
  EncryptedValue out;
  auto d = Base64DecodeGo(data), i = Base64DecodeGo(iv), t = Base64DecodeGo(tag);
  if (!d) return MakeError("encrypted value: `data` is not valid base64");
  if (!i) return MakeError("encrypted value: `iv` is not valid base64");
  if (!t) return MakeError("encrypted value: `tag` is not valid base64");
  if (i->size() != kSopsIvSize) return MakeError("encrypted value: `iv` is not 32 bytes");
  if (t->size() != kGcmTagSize) return MakeError("encrypted value: `tag` is not 16 bytes");
  std::optional<ValueType> vt = ValueTypeFromTag(type);
  if (!vt) return MakeError("encrypted value: unknown type `" + type + "`");
  out.data = std::move(*d);
  out.iv = std::move(*i);
  out.tag = std::move(*t);
  out.type = *vt;
  return out;
}

std::string FormatEncryptedValue(const EncryptedValue& value) {
  return "ENC[AES256_GCM,data:" + Base64Encode(value.data, Base64Padding::kPadded) +
         ",iv:" + Base64Encode(value.iv, Base64Padding::kPadded) +
         ",tag:" + Base64Encode(value.tag, Base64Padding::kPadded) +
         ",type:" + std::string(ValueTypeTag(value.type)) + "]";
}

Result<EncryptedValue> EncryptValue(std::string_view key, std::string_view plaintext_bytes,
                                    std::string_view aad, ValueType type,
                                    std::optional<std::string_view> iv) {
  SecureBytes fresh;
  if (iv && iv->size() != kSopsIvSize)
    return MakeError("encrypted value: reused IV is not 32 bytes");
  if (!iv) {
    fresh = SecureBytes::Random(kSopsIvSize);
    iv = fresh.view();
  }
  Result<GcmCiphertext> sealed = AesGcmSeal(key, *iv, aad, plaintext_bytes);
  if (!sealed.ok()) return sealed.error();
  return EncryptedValue{std::move(sealed->data), std::move(sealed->iv), std::move(sealed->tag),
                        type};
}

Result<SecureBytes> DecryptValue(std::string_view key, const EncryptedValue& value,
                                 std::string_view aad) {
  return AesGcmOpen(key, value.iv, aad, value.data, value.tag);
}

}  // namespace clef::crypto
