// Specification of opening (decrypting) sops files natively: the same plaintext the real
// sops prints, MAC verified first, and every kind of tampering reported by key path.
#include <gtest/gtest.h>

#include "core/sops/data_key.h"
#include "core/sops/opened_file.h"
#include "core/sops/sops_writer.h"
#include "core/sops/value_cipher.h"
#include "sops/sops_support.h"

namespace clef::sops {
namespace {

using testing::Identity;
using testing::ReadFixture;
using testing::ReadFixtureFile;

const char* FormatOf(const std::string& name) { return doc::FormatName(doc::FormatForPath(name)); }

Error OpenError(const std::string& text, const std::string& identity = "identity-a.txt") {
  Result<SopsFile> f = ReadSopsFile(text, "x.enc.yaml");
  EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().Describe());
  if (!f.ok()) return {};
  Result<OpenedFile> opened = OpenSopsFile(*f, Identity(identity));
  EXPECT_FALSE(opened.ok());
  return opened.ok() ? Error{} : opened.error();
}

class NativeDecrypt : public ::testing::TestWithParam<const char*> {};

TEST_P(NativeDecrypt, PrintsExactlyWhatSopsDecryptPrints) {
  const std::string name = GetParam();
  SopsFile f = ReadFixtureFile(name);
  Result<OpenedFile> opened = OpenSopsFile(f, Identity("identity-a.txt"));
  ASSERT_TRUE(opened.ok()) << opened.error().Describe();
  Result<doc::Document> plain = PlaintextDocument(f, *opened);
  ASSERT_TRUE(plain.ok()) << plain.error().Describe();
  testing::SopsRun sops = testing::SopsDecrypt(ReadFixture(name), FormatOf(name), "identity-a.txt");
  ASSERT_EQ(sops.exit_code, 0) << sops.err;
  EXPECT_TRUE(doc::EmitDocument(*plain) == sops.out) << "native decryption differs from sops";
}

INSTANTIATE_TEST_SUITE_P(Sops3122, NativeDecrypt,
                         ::testing::Values("flat.enc.yaml", "rich.two-recipients.enc.yaml",
                                           "rich.enc.json", "flat.encrypted-regex.enc.yaml",
                                           "flat.mac-only-encrypted.enc.yaml", "flat.enc.env"));

TEST(OpenSopsFile, TheSecondRecipientOpensTheTwoRecipientFile) {
  SopsFile f = ReadFixtureFile("rich.two-recipients.enc.yaml");
  Result<OpenedFile> opened = OpenSopsFile(f, Identity("identity-b.txt"));
  ASSERT_TRUE(opened.ok()) << opened.error().Describe();
  EXPECT_EQ(opened->opened_by.id, testing::PublicKeyOf("identity-b.txt"));
}

TEST(OpenSopsFile, HoldsEachLeafInWalkOrderWithItsAad) {
  SopsFile f = ReadFixtureFile("flat.enc.yaml");
  Result<OpenedFile> opened = OpenSopsFile(f, Identity("identity-a.txt"));
  ASSERT_TRUE(opened.ok());
  ASSERT_EQ(opened->leaves.size(), 4u);
  EXPECT_EQ(opened->leaves[1].aad, "DB_PORT:");
  EXPECT_EQ(opened->leaves[1].type, ValueType::kInt);
  EXPECT_TRUE(opened->leaves[1].encrypted);
}

TEST(VerifyWithDataKey, ChecksEveryLeafButKeepsNoPlaintext) {
  SopsFile f = ReadFixtureFile("rich.two-recipients.enc.yaml");
  Result<UnwrappedKey> key = UnwrapDataKey(f.metadata, Identity("identity-a.txt"));
  ASSERT_TRUE(key.ok());
  Result<OpenedFile> checked = VerifyWithDataKey(f, std::move(key->data_key));
  ASSERT_TRUE(checked.ok()) << checked.error().Describe();
  EXPECT_TRUE(checked->leaves.empty());
  EXPECT_EQ(checked->leaf_count, 17u);
}

TEST(VerifyWithDataKey, DetectsATamperedValue) {
  std::string text = ReadFixture("flat.enc.yaml");
  size_t at = text.find("data:", text.find("API_TOKEN:")) + 5;
  text[at] = text[at] == 'A' ? 'B' : 'A';
  Result<SopsFile> f = ReadSopsFile(text, "x.enc.yaml");
  ASSERT_TRUE(f.ok());
  Result<UnwrappedKey> key = UnwrapDataKey(f->metadata, Identity("identity-a.txt"));
  ASSERT_TRUE(key.ok());
  Result<OpenedFile> checked = VerifyWithDataKey(*f, std::move(key->data_key));
  ASSERT_FALSE(checked.ok());
  EXPECT_NE(checked.error().message.find("API_TOKEN"), std::string::npos);
}

TEST(OpenSopsFileErrors, WrongIdentityListsRecipientsAndLocalKeys) {
  Error e = OpenError(ReadFixture("flat.enc.yaml"), "identity-b.txt");
  EXPECT_NE(e.message.find("none of the local age identities"), std::string::npos);
  EXPECT_NE(e.message.find("age age1turugrjvgdqztgutwpg6x36xchgptlyylx395e4pt2u69ulk3asqamaq6s"),
            std::string::npos);
  EXPECT_NE(e.message.find(testing::PublicKeyOf("identity-b.txt")), std::string::npos);
  EXPECT_EQ(e.message.find("AGE-SECRET-KEY"), std::string::npos);
  EXPECT_FALSE(e.hint.empty());
}

TEST(OpenSopsFileErrors, NoIdentitiesAtAll) {
  SopsFile f = ReadFixtureFile("flat.enc.yaml");
  Result<OpenedFile> opened = OpenSopsFile(f, IdentitySet());
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find("no age identity found"), std::string::npos);
}

TEST(OpenSopsFileErrors, KmsOnlyRecipientsAreNamedWithoutACrash) {
  std::string text = ReadFixture("flat.enc.yaml");
  size_t from = text.find("    age:\n");
  size_t to = text.find("    lastmodified:");
  text.replace(from, to - from,
               "    kms:\n        - arn: arn:aws:kms:eu-west-1:111122223333:key/abc\n"
               "          created_at: \"2026-11-28T18:17:51Z\"\n          enc: AQICAHg=\n"
               "          aws_profile: \"\"\n");
  Error e = OpenError(text);
  EXPECT_NE(e.message.find("no usable key here"), std::string::npos);
  EXPECT_NE(e.message.find("kms arn:aws:kms:eu-west-1:111122223333:key/abc"), std::string::npos);
}

TEST(OpenSopsFileErrors, DamagedEncIsReported) {
  std::string text = ReadFixture("flat.enc.yaml");
  size_t at = text.find("YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBod05tSVNTakNQQXpaNGRG");
  text.replace(at + 40, 4, "AAAA");
  Error e = OpenError(text);
  EXPECT_NE(e.message.find("damaged"), std::string::npos) << e.message;
}

// Flips one base64 character of `field` ("data", "iv", "tag") in the value of `key`.
std::string Flip(std::string text, const std::string& key, const std::string& field) {
  size_t line = text.find(key + ": ENC[");
  size_t at = text.find(field + ":", line) + field.size() + 1;
  text[at] = text[at] == 'A' ? 'B' : 'A';
  return text;
}

TEST(Tampering, AFlippedCiphertextByteIsReportedByKeyPath) {
  Error e = OpenError(Flip(ReadFixture("flat.enc.yaml"), "DB_PASSWORD", "data"));
  EXPECT_NE(e.message.find("the value at DB_PASSWORD does not decrypt"), std::string::npos);
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.file, "x.enc.yaml");
}

TEST(Tampering, AFlippedIvIsReportedByKeyPath) {
  Error e = OpenError(Flip(ReadFixture("flat.enc.yaml"), "API_TOKEN", "iv"));
  EXPECT_NE(e.message.find("the value at API_TOKEN does not decrypt"), std::string::npos);
}

TEST(Tampering, AFlippedTagIsReportedByKeyPath) {
  Error e = OpenError(Flip(ReadFixture("flat.enc.yaml"), "DB_HOST", "tag"));
  EXPECT_NE(e.message.find("the value at DB_HOST does not decrypt"), std::string::npos);
}

TEST(Tampering, AFlippedMacIsDetected) {
  std::string text = ReadFixture("flat.enc.yaml");
  size_t at = text.find("mac: ENC[AES256_GCM,data:") + 25;
  text[at] = text[at] == 'A' ? 'B' : 'A';
  Error e = OpenError(text);
  EXPECT_NE(e.message.find("MAC does not authenticate"), std::string::npos);
}

TEST(Tampering, AChangedLastmodifiedIsDetected) {
  std::string text = ReadFixture("flat.enc.yaml");
  text.replace(text.find("2026-11-28T18:17:51Z"), 20, "2026-11-28T18:17:52Z");
  Error e = OpenError(text);
  EXPECT_NE(e.message.find("sops.lastmodified was changed"), std::string::npos);
}

TEST(Tampering, SwappedValuesAreCaughtByTheirAad) {
  std::string text = ReadFixture("flat.enc.yaml");
  size_t a = text.find("DB_HOST: ") + 9, a_end = text.find('\n', a);
  size_t b = text.find("API_TOKEN: ") + 11, b_end = text.find('\n', b);
  std::string host = text.substr(a, a_end - a), token = text.substr(b, b_end - b);
  text.replace(b, b_end - b, host);
  text.replace(a, a_end - a, token);
  Error e = OpenError(text);
  EXPECT_NE(e.message.find("the value at DB_HOST does not decrypt"), std::string::npos);
}

TEST(Tampering, AChangedUnencryptedValueBreaksTheMac) {
  std::string text = ReadFixture("flat.encrypted-regex.enc.yaml");
  text.replace(text.find("DB_HOST: localhost"), 18, "DB_HOST: evil.host");
  Error e = OpenError(text);
  EXPECT_NE(e.message.find("MAC mismatch"), std::string::npos);
}

TEST(Tampering, MacOnlyEncryptedIgnoresUnencryptedValues) {
  std::string text = ReadFixture("flat.mac-only-encrypted.enc.yaml");
  text.replace(text.find("DB_HOST: localhost"), 18, "DB_HOST: other.host");
  Result<SopsFile> f = ReadSopsFile(text, "x.enc.yaml");
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(OpenSopsFile(*f, Identity("identity-a.txt")).ok());
}

TEST(Tampering, AnEmptyMacIsRefused) {
  std::string text = ReadFixture("flat.enc.yaml");
  size_t at = text.find("    mac: ENC");
  text.replace(at, text.find('\n', at) - at, "    mac: \"\"");
  EXPECT_NE(OpenError(text).message.find("no MAC"), std::string::npos);
}

TEST(Tampering, PlaintextWhereEncryptionIsDemanded) {
  std::string text = ReadFixture("flat.enc.yaml");
  size_t from = text.find("ENC[", text.find("DB_HOST:"));
  text.replace(from, text.find('\n', from) - from, "localhost");
  Error e = OpenError(text);
  EXPECT_NE(e.message.find("the value at DB_HOST is plaintext"), std::string::npos);
}

TEST(Tampering, MalformedEncValueIsNamed) {
  std::string text = ReadFixture("flat.enc.yaml");
  text.replace(text.find("type:int]"), 9, "type:INT]");
  Error e = OpenError(text);
  EXPECT_NE(e.message.find("the value at DB_PORT is malformed"), std::string::npos);
}

TEST(Tampering, EveryByteFlipOfTheFlatFixtureIsDetected) {
  // Flip each base64 character of every ENC[...] field (values and MAC) and the
  // lastmodified digits; each must be refused.
  const std::string original = ReadFixture("flat.enc.yaml");
  IdentitySet ids = Identity("identity-a.txt");
  Result<SopsFile> base = ReadSopsFile(original, "x.enc.yaml");
  ASSERT_TRUE(base.ok());
  Result<UnwrappedKey> key = UnwrapDataKey(base->metadata, ids);
  ASSERT_TRUE(key.ok());
  int flips = 0;
  for (size_t at = 0; at < original.size(); ++at) {
    size_t line_start = original.rfind('\n', at) + 1;
    std::string_view line(original.data() + line_start, original.find('\n', at) - line_start);
    bool in_enc = line.find("ENC[AES256_GCM,") != std::string_view::npos &&
                  at > line_start + line.find("data:") && original[at] != ',' &&
                  original[at] != ':' && original[at] != ']' && original[at] != '=' &&
                  original[at + 1] != '=' &&  // may hold only padding bits
                  at < line_start + line.find(",type:");
    bool in_time = line.find("lastmodified") != std::string_view::npos &&
                   std::isdigit(static_cast<unsigned char>(original[at]));
    if (!in_enc && !in_time) continue;
    std::string text = original;
    text[at] = text[at] == '1' ? '2' : '1';
    Result<SopsFile> f = ReadSopsFile(text, "x.enc.yaml");
    if (!f.ok()) continue;  // e.g. an impossible date: refused while reading
    Result<OpenedFile> opened = OpenWithDataKey(*f, SecureBytes::CopyOf(key->data_key.view()));
    EXPECT_FALSE(opened.ok()) << "flip at byte " << at << " was not detected";
    ++flips;
  }
  EXPECT_GT(flips, 400);
}

}  // namespace
}  // namespace clef::sops
