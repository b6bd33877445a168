#include "core/sops/encrypted_value.h"

#include "core/crypto/base64.h"

namespace clef::sops {
namespace {

constexpr std::string_view kPrefix = "ENC[AES256_GCM,";

struct ValueTypeName_ {
  ValueType type;
  const char* name;
};
constexpr ValueTypeName_ kTypeNames[] = {
    {ValueType::kStr, "str"},    {ValueType::kInt, "int"},   {ValueType::kFloat, "float"},
    {ValueType::kBool, "bool"},  {ValueType::kTime, "time"}, {ValueType::kComment, "comment"},
    {ValueType::kBytes, "bytes"}};

// Finds `label` (e.g. ",iv:") in `text` at or after `from`; npos when absent.
size_t FindLabel(std::string_view text, std::string_view label, size_t from) {
  return text.find(label, from);
}

Status DecodeField(std::string_view b64, const char* field, std::string& out) {
  if (!crypto::Base64DecodeGoInto(b64, out)) {
    return MakeError(std::string("malformed encrypted value: the ") + field +
                     " is not padded standard base64");
  }
  return Status::Ok();
}

}  // namespace

const char* ValueTypeName(ValueType type) {
  for (const auto& t : kTypeNames) {
    if (t.type == type) return t.name;
  }
  return "str";
}

std::optional<ValueType> ParseValueType(std::string_view name) {
  for (const auto& t : kTypeNames) {
    if (name == t.name) return t.type;
  }
  return std::nullopt;
}

bool LooksEncrypted(std::string_view text) { return text.substr(0, kPrefix.size()) == kPrefix; }

std::string EncryptedValue::Format() const {
  using crypto::Base64Encode;
  using crypto::Base64Padding;
  std::string out;
  out.reserve(64 + ciphertext.size() * 4 / 3);
  out += kPrefix;
  out += "data:";
  out += Base64Encode(ciphertext, Base64Padding::kPadded);
  out += ",iv:";
  out += Base64Encode(iv, Base64Padding::kPadded);
  out += ",tag:";
  out += Base64Encode(tag, Base64Padding::kPadded);
  out += ",type:";
  out += ValueTypeName(type);
  out += "]";
  return out;
}

Result<EncryptedValue> ParseEncryptedValue(std::string_view text) {
  EncryptedValue value;
  if (Status s = ParseEncryptedValueInto(text, value); !s.ok()) return s.error();
  return value;
}

Status ParseEncryptedValueInto(std::string_view text, EncryptedValue& value) {
  if (!LooksEncrypted(text)) {
    if (text.substr(0, 4) == "ENC[") {
      return MakeError("malformed encrypted value: the cipher is not AES256_GCM");
    }
    return MakeError("not an encrypted value: it does not start with ENC[AES256_GCM,");
  }
  std::string_view rest = text.substr(kPrefix.size());
  if (rest.substr(0, 5) != "data:") {
    return MakeError("malformed encrypted value: 'data:' must follow ENC[AES256_GCM,");
  }
  // Go's regexp ^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\] is greedy, but the
  // base64 alphabet has no ',' or ':', so the first occurrence of each label is the one.
  size_t iv_at = FindLabel(rest, ",iv:", 5);
  size_t tag_at = iv_at == std::string_view::npos ? iv_at : FindLabel(rest, ",tag:", iv_at + 4);
  size_t type_at =
      tag_at == std::string_view::npos ? tag_at : FindLabel(rest, ",type:", tag_at + 5);
  if (iv_at == std::string_view::npos) {
    return MakeError("malformed encrypted value: no ',iv:' field");
  }
  if (tag_at == std::string_view::npos) {
    return MakeError("malformed encrypted value: no ',tag:' field after the iv");
  }
  if (type_at == std::string_view::npos) {
    return MakeError("malformed encrypted value: no ',type:' field after the tag");
  }
  size_t close = rest.find(']', type_at + 6);
  if (close == std::string_view::npos) {
    return MakeError("malformed encrypted value: no closing ']'");
  }
  std::string_view data_b64 = rest.substr(5, iv_at - 5);
  std::string_view iv_b64 = rest.substr(iv_at + 4, tag_at - iv_at - 4);
  std::string_view tag_b64 = rest.substr(tag_at + 5, type_at - tag_at - 5);
  std::string_view type_name = rest.substr(type_at + 6, close - type_at - 6);

  if (data_b64.empty()) return MakeError("malformed encrypted value: the data is empty");
  if (Status s = DecodeField(data_b64, "data", value.ciphertext); !s.ok()) return s;
  if (value.ciphertext.empty()) return MakeError("malformed encrypted value: the data is empty");
  if (Status s = DecodeField(iv_b64, "iv", value.iv); !s.ok()) return s;
  if (value.iv.size() != kIvSize) {
    return MakeError("malformed encrypted value: the iv is " + std::to_string(value.iv.size()) +
                     " bytes; sops writes " + std::to_string(kIvSize));
  }
  if (Status s = DecodeField(tag_b64, "tag", value.tag); !s.ok()) return s;
  if (value.tag.size() != kTagSize) {
    return MakeError("malformed encrypted value: the tag is " + std::to_string(value.tag.size()) +
                     " bytes; it must be " + std::to_string(kTagSize));
  }
  std::optional<ValueType> type = ParseValueType(type_name);
  if (!type) {
    std::string shown(type_name.substr(0, 20));
    return MakeError("malformed encrypted value: unknown type '" + shown +
                     "' (sops knows str, int, float, bool, time, comment, bytes)");
  }
  value.type = *type;
  return Status::Ok();
}

}  // namespace clef::sops
