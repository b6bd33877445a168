// Recipient, data-key and encryption-rule merging (merge-driver/metadata_merge.h).
#include "merge-driver/metadata_merge.h"

#include <gtest/gtest.h>

namespace clef::merge {
namespace {

using sops::KeyType;
using sops::Recipient;
using sops::RecipientSet;

const Recipient kA{KeyType::kAge, "age1aaaa"};
const Recipient kB{KeyType::kAge, "age1bbbb"};
const Recipient kC{KeyType::kAge, "age1cccc"};
const Recipient kPgp{KeyType::kPgp, "ABCDEF0123456789"};
const Recipient kKms{KeyType::kKms, "arn:aws:kms:eu-west-1:1:key/x"};

MetadataSide Side(std::vector<Recipient> r) { return MetadataSide{true, RecipientSet(r), {}}; }

bool AgeOnly(const Recipient& r) { return r.type == KeyType::kAge; }

TEST(MergeRecipients, AdditionsFromBothSidesAreKept) {
  RecipientSet m = MergeRecipients(Side({kA}), RecipientSet({kA, kB}), RecipientSet({kA, kC}));
  EXPECT_EQ(m, RecipientSet({kA, kB, kC}));
}

TEST(MergeRecipients, ARemovalOnEitherSideWins) {
  EXPECT_EQ(MergeRecipients(Side({kA, kB}), RecipientSet({kA}), RecipientSet({kA, kB})),
            RecipientSet({kA}));
  EXPECT_EQ(MergeRecipients(Side({kA, kB}), RecipientSet({kA, kB}), RecipientSet({kB})),
            RecipientSet({kB}));
}

TEST(MergeRecipients, TypesAreSeparateMembers) {
  RecipientSet m = MergeRecipients(Side({kA}), RecipientSet({kA, kPgp}), RecipientSet({kA, kKms}));
  EXPECT_EQ(m, RecipientSet({kA, kPgp, kKms}));
}

TEST(MergeRecipients, WithoutBaseItIsTheUnion) {
  MetadataSide none{false, {}, {}};
  EXPECT_EQ(MergeRecipients(none, RecipientSet({kA}), RecipientSet({kB})), RecipientSet({kA, kB}));
}

TEST(PlanMetadata, SharedKeyReusesEveryWrappedKey) {
  MetadataPlan p = PlanMetadata(Side({kA}), Side({kA}), Side({kA, kB}), DataKeyFacts{}, AgeOnly);
  EXPECT_TRUE(p.clean());
  EXPECT_EQ(p.data_key, KeySource::kOurs);
  EXPECT_EQ(p.reuse_wrapped, RecipientSet({kA, kB}));
  EXPECT_TRUE(p.wrap.empty());
  EXPECT_FALSE(p.reencrypt_theirs);
}

TEST(PlanMetadata, RotationOnTheirsIsKeptAndOursIsReencrypted) {
  DataKeyFacts keys{true, false, false};
  MetadataPlan p = PlanMetadata(Side({kA}), Side({kA, kB}), Side({kA}), keys, AgeOnly);
  EXPECT_EQ(p.data_key, KeySource::kTheirs);
  EXPECT_TRUE(p.reencrypt_ours);
  EXPECT_FALSE(p.reencrypt_theirs);
  EXPECT_EQ(p.reuse_wrapped, RecipientSet({kA}));
  EXPECT_EQ(p.wrap, RecipientSet({kB}));
  EXPECT_TRUE(p.clean());
}

TEST(PlanMetadata, RotationOnOursKeepsOursAndReencryptsTheirs) {
  DataKeyFacts keys{false, true, false};
  MetadataPlan p = PlanMetadata(Side({kA}), Side({kA}), Side({kA}), keys, AgeOnly);
  EXPECT_EQ(p.data_key, KeySource::kOurs);
  EXPECT_TRUE(p.reencrypt_theirs);
  EXPECT_FALSE(p.reencrypt_ours);
}

TEST(PlanMetadata, RotationOnBothSidesKeepsOursRotatedKey) {
  DataKeyFacts keys{false, false, false};
  MetadataPlan p = PlanMetadata(Side({kA}), Side({kA}), Side({kA}), keys, AgeOnly);
  EXPECT_EQ(p.data_key, KeySource::kOurs);
  EXPECT_TRUE(p.reencrypt_theirs);
}

TEST(PlanMetadata, AddAddWithDifferentKeysUsesOurs) {
  MetadataSide none{false, {}, {}};
  DataKeyFacts keys{false, false, false};
  MetadataPlan p = PlanMetadata(none, Side({kA}), Side({kB}), keys, AgeOnly);
  EXPECT_EQ(p.data_key, KeySource::kOurs);
  EXPECT_TRUE(p.reencrypt_theirs);
  EXPECT_EQ(p.wrap, RecipientSet({kB}));
}

TEST(PlanMetadata, RecipientThatCannotBeWrappedIsAConflictNamingIt) {
  DataKeyFacts keys{true, false, false};
  MetadataPlan p = PlanMetadata(Side({kA}), Side({kA, kKms}), Side({kA}), keys, AgeOnly);
  ASSERT_EQ(p.conflicts.size(), 1u);
  EXPECT_NE(p.conflicts[0].find("kms arn:aws:kms:eu-west-1:1:key/x"), std::string::npos);
}

TEST(PlanMetadata, RulesChangedOnOneSideAreTaken) {
  MetadataSide base = Side({kA}), ours = Side({kA}), theirs = Side({kA});
  theirs.rules.encrypted_regex = "^(data|stringData)$";
  MetadataPlan p = PlanMetadata(base, ours, theirs, DataKeyFacts{}, AgeOnly);
  EXPECT_TRUE(p.clean());
  EXPECT_TRUE(p.rules_changed);
  EXPECT_EQ(p.rules.encrypted_regex, "^(data|stringData)$");
  MetadataPlan q = PlanMetadata(base, theirs, ours, DataKeyFacts{}, AgeOnly);
  EXPECT_FALSE(q.rules_changed);
  EXPECT_EQ(q.rules.encrypted_regex, "^(data|stringData)$");
}

TEST(PlanMetadata, RulesChangedDifferentlyOnBothSidesConflict) {
  MetadataSide base = Side({kA}), ours = Side({kA}), theirs = Side({kA});
  ours.rules.unencrypted_suffix = "_plain";
  theirs.rules.encrypted_regex = "^secret";
  MetadataPlan p = PlanMetadata(base, ours, theirs, DataKeyFacts{}, AgeOnly);
  ASSERT_EQ(p.conflicts.size(), 1u);
  EXPECT_NE(p.conflicts[0].find("encryption rule"), std::string::npos);
}

}  // namespace
}  // namespace clef::merge
