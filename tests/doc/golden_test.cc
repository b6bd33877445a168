// Files written by the real sops 3.12.2 (tests/data/golden/, see its README) come back byte
// for byte from Emit(Parse(bytes)), without running sops.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/doc/document.h"

namespace clef::doc {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::vector<fs::path> GoldenFiles() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(CLEF_TESTDATA_DIR) / "golden"))
    if (e.path().string().find(".enc.") != std::string::npos) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Golden, HasTheCommittedSubset) { EXPECT_GE(GoldenFiles().size(), 20u); }

TEST(Golden, EveryFileRoundTripsByteForByte) {
  for (const auto& path : GoldenFiles()) {
    std::string bytes = ReadAll(path);
    auto parsed = ParseDocument(bytes, FormatForPath(path.string()), path.string());
    ASSERT_TRUE(parsed.ok()) << parsed.error().Describe();
    EXPECT_EQ(EmitDocument(*parsed), bytes) << path;
  }
}

TEST(Golden, SopsMetadataIsAnOrdinaryEntryInOrder) {
  std::string bytes = ReadAll(fs::path(CLEF_TESTDATA_DIR) / "golden" / "comments.two.enc.yaml");
  auto parsed = ParseDocument(bytes, Format::kYaml, "comments.two.enc.yaml");
  ASSERT_TRUE(parsed.ok());
  const Node* sops = parsed->root().Find("sops");
  ASSERT_NE(sops, nullptr);
  ASSERT_TRUE(sops->Find("age")->is_seq());
  EXPECT_EQ(sops->Find("age")->items.size(), 2u);
  EXPECT_EQ(sops->Find("age")->items[0].value.items[0].key, "recipient");
  EXPECT_EQ(sops->Find("version")->scalar.text, "3.12.2");
  EXPECT_EQ(sops->Find("lastmodified")->scalar.type, ScalarType::kString);
}

TEST(Golden, DotenvMetadataIsFlattenedEntries) {
  std::string bytes = ReadAll(fs::path(CLEF_TESTDATA_DIR) / "golden" / "flat.enc.env");
  auto parsed = ParseDocument(bytes, Format::kDotenv, "flat.enc.env");
  ASSERT_TRUE(parsed.ok());
  const Node* enc = parsed->root().Find("sops_age__list_0__map_enc");
  ASSERT_NE(enc, nullptr);
  EXPECT_EQ(enc->scalar.text.rfind("-----BEGIN AGE ENCRYPTED FILE-----\n", 0), 0u);
}

TEST(Golden, OtherToolsYamlKeepsItsMeaning) {
  // other-tool.yaml (2-space, flow, quoted keys, anchors) encrypted with everything left in
  // plaintext: sops's rewrite and ours hold the same values.
  auto plain = ParseDocument(
      "\"db host\": {host: localhost, port: 5432}\n'list key': [a, b, {c: d}]\n", Format::kYaml,
      "x.yaml");
  ASSERT_TRUE(plain.ok());
  std::string bytes =
      ReadAll(fs::path(CLEF_TESTDATA_DIR) / "golden" / "other-tool.unencrypted.enc.yaml");
  auto sops = ParseDocument(bytes, Format::kYaml, "other-tool.unencrypted.enc.yaml");
  ASSERT_TRUE(sops.ok());
  EXPECT_EQ(sops->root().Find("db host")->Find("port")->scalar.text,
            plain->root().Find("db host")->Find("port")->scalar.text);
  EXPECT_EQ(sops->root().Find("list key")->items[2].value.Find("c")->scalar.text, "d");
  EXPECT_EQ(sops->root().Find("anchors")->Find("copy")->Find("x")->scalar.text, "1");
  EXPECT_EQ(sops->root().Find("folded")->scalar.text, "one two\n");
}

}  // namespace
}  // namespace clef::doc
