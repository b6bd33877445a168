// Specification of writing sops files natively: what we write decrypts with the real sops to
// the expected plaintext, re-parses byte-identically, and unchanged values keep their bytes.
#include "core/sops/sops_writer.h"

#include <gtest/gtest.h>

#include "core/sops/data_key.h"
#include "sops/sops_support.h"

namespace clef::sops {
namespace {

using testing::Identity;
using testing::PublicKeyOf;
using testing::ReadFixture;
using testing::ReadFixtureFile;

crypto::X25519Recipient RecipientOf(const std::string& identity_file) {
  Result<crypto::X25519Recipient> r = crypto::X25519Recipient::Parse(PublicKeyOf(identity_file));
  EXPECT_TRUE(r.ok());
  return *r;
}

// sops decrypt of `file` as written, with `identity`; checks it re-parses byte-identically.
std::string SopsPlaintext(const SopsFile& file, const std::string& identity = "identity-a.txt") {
  std::string bytes = WriteSopsFile(file);
  Result<SopsFile> again = ReadSopsFile(bytes, file.path);
  EXPECT_TRUE(again.ok()) << (again.ok() ? "" : again.error().Describe());
  if (again.ok()) {
    EXPECT_EQ(WriteSopsFile(*again), bytes);
  }
  testing::SopsRun run =
      testing::SopsDecrypt(bytes, doc::FormatName(doc::FormatForPath(file.path)), identity);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.out;
}

struct Opened {
  SopsFile file;
  OpenedFile opened;
};

Opened Open(const std::string& fixture, const std::string& identity = "identity-a.txt") {
  Opened o{ReadFixtureFile(fixture), {}};
  Result<OpenedFile> opened = OpenSopsFile(o.file, Identity(identity));
  EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().Describe());
  if (opened.ok()) o.opened = std::move(*opened);
  return o;
}

// The value text of `key` (top level) in the written file.
std::string Stored(const SopsFile& f, const std::string& key) {
  const doc::Node* n = f.document.root().Find(key);
  return n == nullptr ? std::string() : n->scalar.text;
}

TEST(EncryptDocument, AFreshFileDecryptsWithSopsToThePlaintext) {
  // Each plaintext with the file sops made of it: sops's decryption of its own file is the
  // reference (sops normalises YAML on the way).
  const std::pair<const char*, const char*> cases[] = {
      {"flat.yaml", "flat.enc.yaml"},
      {"rich.yaml", "rich.two-recipients.enc.yaml"},
      {"rich.json", "rich.enc.json"},
      {"flat.env", "flat.enc.env"}};
  for (const auto& [plain_name, sops_name] : cases) {
    const std::string path = sops_name;
    const doc::Format format = doc::FormatForPath(path);
    Result<doc::Document> tree = doc::ParseDocument(ReadFixture(plain_name), format, path);
    ASSERT_TRUE(tree.ok()) << tree.error().Describe();
    NewFileOptions options;
    options.age_recipients = {RecipientOf("identity-a.txt")};
    Result<SopsFile> f = EncryptDocument(std::move(*tree), options, path);
    ASSERT_TRUE(f.ok()) << f.error().Describe();
    testing::SopsRun reference =
        testing::RunSops({"decrypt", "--input-type", doc::FormatName(format), "--output-type",
                          doc::FormatName(format), testing::FixturePath(sops_name)},
                         "identity-a.txt");
    ASSERT_EQ(reference.exit_code, 0) << reference.err;
    EXPECT_TRUE(SopsPlaintext(*f) == reference.out) << plain_name << ": differs from sops's file";
  }
}

TEST(EncryptDocument, MacOnlyEncryptedWithARegexDecryptsWithSops) {
  Result<doc::Document> tree =
      doc::ParseDocument(ReadFixture("flat.yaml"), doc::Format::kYaml, "x");
  ASSERT_TRUE(tree.ok());
  NewFileOptions options;
  options.age_recipients = {RecipientOf("identity-b.txt")};
  options.rules.encrypted_regex = "^DB_PASSWORD$";
  options.mac_only_encrypted = true;
  Result<SopsFile> f = EncryptDocument(*tree, options, "x.enc.yaml");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(Stored(*f, "DB_HOST"), "localhost");
  EXPECT_TRUE(LooksEncrypted(Stored(*f, "DB_PASSWORD")));
  testing::SopsRun reference = testing::RunSops(
      {"decrypt", testing::FixturePath("flat.mac-only-encrypted.enc.yaml")}, "identity-a.txt");
  EXPECT_TRUE(SopsPlaintext(*f, "identity-b.txt") == reference.out);
}

TEST(EncryptDocumentErrors, NoRecipients) {
  Result<doc::Document> tree = doc::ParseDocument("a: 1\n", doc::Format::kYaml, "x");
  ASSERT_TRUE(tree.ok());
  EXPECT_FALSE(EncryptDocument(*tree, {}, "x.enc.yaml").ok());
}

TEST(EncryptDocumentErrors, AlreadyEncrypted) {
  Result<doc::Document> tree =
      doc::ParseDocument(ReadFixture("flat.enc.yaml"), doc::Format::kYaml, "x");
  ASSERT_TRUE(tree.ok());
  NewFileOptions options;
  options.age_recipients = {RecipientOf("identity-a.txt")};
  Result<SopsFile> f = EncryptDocument(*tree, options, "x.enc.yaml");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().message.find("already encrypted"), std::string::npos);
}

TEST(EncryptDocumentErrors, DotenvKeyReservedBySops) {
  Result<doc::Document> tree = doc::ParseDocument("sops_x=1\n", doc::Format::kDotenv, "x.env");
  ASSERT_TRUE(tree.ok());
  NewFileOptions options;
  options.age_recipients = {RecipientOf("identity-a.txt")};
  EXPECT_FALSE(EncryptDocument(*tree, options, "x.env").ok());
}

TEST(SetValue, ChangesOneValueAndKeepsEveryOtherCiphertext) {
  Opened o = Open("flat.enc.yaml");
  Result<SopsFile> f =
      SetValue(o.file, o.opened, {"DB_HOST"}, doc::Scalar{doc::ScalarType::kString, "db.internal"});
  ASSERT_TRUE(f.ok()) << f.error().Describe();
  EXPECT_NE(Stored(*f, "DB_HOST"), Stored(o.file, "DB_HOST"));
  for (const char* key : {"DB_PORT", "DB_PASSWORD", "API_TOKEN"}) {
    EXPECT_EQ(Stored(*f, key), Stored(o.file, key)) << key;
  }
  EXPECT_NE(f->metadata.mac, o.file.metadata.mac);
  EXPECT_EQ(f->metadata.key_lists[0].keys[0].Enc(), o.file.metadata.key_lists[0].keys[0].Enc());
  std::string expected =
      testing::RunSops({"decrypt", testing::FixturePath("flat.enc.yaml")}, "identity-a.txt").out;
  expected.replace(expected.find("localhost"), 9, "db.internal");
  EXPECT_TRUE(SopsPlaintext(*f) == expected);
}

TEST(SetValue, RewritingTheSameValueKeepsItsCiphertext) {
  Opened o = Open("rich.two-recipients.enc.yaml");
  Result<SopsFile> f =
      SetValue(o.file, o.opened, {"DB_PORT"}, doc::Scalar{doc::ScalarType::kInt, "5432"});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(WriteSopsFile(*f).substr(0, 2000).find("lastmodified"),
            WriteSopsFile(o.file).substr(0, 2000).find("lastmodified"));
  // All data lines identical: only lastmodified and mac differ.
  std::string a = WriteSopsFile(o.file), b = WriteSopsFile(*f);
  EXPECT_EQ(a.substr(0, a.find("sops:")), b.substr(0, b.find("sops:")));
}

TEST(SetValue, AddsANewKeyAndRemoveValueDropsOne) {
  Opened o = Open("flat.enc.yaml");
  Result<SopsFile> added =
      SetValue(o.file, o.opened, {"NEW_KEY"}, doc::Scalar{doc::ScalarType::kString, "fresh"});
  ASSERT_TRUE(added.ok());
  Result<OpenedFile> reopened = OpenSopsFile(*added, Identity("identity-a.txt"));
  ASSERT_TRUE(reopened.ok()) << reopened.error().Describe();
  Result<SopsFile> removed = RemoveValue(*added, *reopened, {"API_TOKEN"});
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(Stored(*removed, "DB_PASSWORD"), Stored(o.file, "DB_PASSWORD"));
  std::string expected =
      testing::RunSops({"decrypt", testing::FixturePath("flat.enc.yaml")}, "identity-a.txt").out;
  size_t token = expected.find("API_TOKEN:");
  expected.erase(token, expected.find('\n', token) + 1 - token);
  expected += "NEW_KEY: fresh\n";
  EXPECT_TRUE(SopsPlaintext(*removed) == expected);
}

TEST(SetValueErrors, PathThroughAScalar) {
  Opened o = Open("flat.enc.yaml");
  EXPECT_FALSE(SetValue(o.file, o.opened, {"DB_HOST", "x"}, {}).ok());
}

TEST(RemoveValueErrors, MissingKey) {
  Opened o = Open("flat.enc.yaml");
  Result<SopsFile> f = RemoveValue(o.file, o.opened, {"NOPE"});
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().message.find("no key NOPE"), std::string::npos);
}

TEST(Recipients, AnAddedRecipientCanDecryptWithSops) {
  Opened o = Open("flat.enc.yaml");
  Result<SopsFile> f = AddAgeRecipient(o.file, o.opened, RecipientOf("identity-b.txt"));
  ASSERT_TRUE(f.ok()) << f.error().Describe();
  EXPECT_EQ(f->metadata.Recipients().size(), 2u);
  EXPECT_EQ(Stored(*f, "API_TOKEN"), Stored(o.file, "API_TOKEN"));
  std::string expected =
      testing::RunSops({"decrypt", testing::FixturePath("flat.enc.yaml")}, "identity-a.txt").out;
  EXPECT_TRUE(SopsPlaintext(*f, "identity-b.txt") == expected);
}

TEST(Recipients, ARemovedRecipientIsGone) {
  Opened o = Open("rich.two-recipients.enc.yaml");
  Result<SopsFile> f = RemoveAgeRecipient(o.file, o.opened, PublicKeyOf("identity-b.txt"));
  ASSERT_TRUE(f.ok()) << f.error().Describe();
  EXPECT_EQ(f->metadata.Recipients().size(), 1u);
  EXPECT_FALSE(OpenSopsFile(*f, Identity("identity-b.txt")).ok());
  std::string expected =
      testing::RunSops({"decrypt", testing::FixturePath("rich.two-recipients.enc.yaml")},
                       "identity-a.txt")
          .out;
  EXPECT_TRUE(SopsPlaintext(*f) == expected);
}

TEST(RecipientsErrors, AddingAnExistingRecipient) {
  Opened o = Open("flat.enc.yaml");
  EXPECT_FALSE(AddAgeRecipient(o.file, o.opened, RecipientOf("identity-a.txt")).ok());
}

TEST(RecipientsErrors, RemovingTheLastRecipient) {
  Opened o = Open("flat.enc.yaml");
  Result<SopsFile> f = RemoveAgeRecipient(o.file, o.opened, PublicKeyOf("identity-a.txt"));
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().message.find("last recipient"), std::string::npos);
}

TEST(RecipientsErrors, RemovingSomeoneWhoIsNotARecipient) {
  Opened o = Open("flat.enc.yaml");
  EXPECT_FALSE(RemoveAgeRecipient(o.file, o.opened, PublicKeyOf("identity-b.txt")).ok());
}

TEST(Rotate, ANewDataKeyChangesEveryCiphertextAndSopsStillDecrypts) {
  Opened o = Open("rich.two-recipients.enc.yaml");
  Result<SopsFile> f = RotateDataKey(o.file, o.opened);
  ASSERT_TRUE(f.ok()) << f.error().Describe();
  EXPECT_NE(Stored(*f, "DB_HOST"), Stored(o.file, "DB_HOST"));
  Result<UnwrappedKey> old_key = UnwrapDataKey(o.file.metadata, Identity("identity-a.txt"));
  Result<UnwrappedKey> new_key = UnwrapDataKey(f->metadata, Identity("identity-a.txt"));
  ASSERT_TRUE(old_key.ok() && new_key.ok());
  EXPECT_FALSE(SecureEqual(old_key->data_key.view(), new_key->data_key.view()));
  std::string expected =
      testing::RunSops({"decrypt", testing::FixturePath("rich.two-recipients.enc.yaml")},
                       "identity-a.txt")
          .out;
  EXPECT_TRUE(SopsPlaintext(*f, "identity-b.txt") == expected);
}

}  // namespace
}  // namespace clef::sops
