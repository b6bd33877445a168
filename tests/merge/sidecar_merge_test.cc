// Base-aware merging of .clef-meta.yaml sidecars (merge-driver/sidecar_merge.h).
#include "merge-driver/sidecar_merge.h"

#include <gtest/gtest.h>

namespace clef::merge {
namespace {

std::string Sidecar(const std::string& pending, const std::string& rotations) {
  return "# Managed by Clef. Do not edit manually.\nversion: 1\npending:" +
         (pending.empty() ? std::string(" []\n") : "\n" + pending) + "rotations:" +
         (rotations.empty() ? std::string(" []\n") : "\n" + rotations);
}

std::string Rotation(const std::string& key, const std::string& at, const std::string& by,
                     int count) {
  return "  - key: " + key + "\n    last_rotated_at: " + at + "\n    rotated_by: " + by +
         "\n    rotation_count: " + std::to_string(count) + "\n";
}

std::string Pending(const std::string& key, const std::string& since, const std::string& by) {
  return "  - key: " + key + "\n    since: " + since + "\n    setBy: " + by + "\n";
}

const std::string kT1 = "2026-03-01T10:00:00.000Z";
const std::string kT2 = "2026-03-02T10:00:00.000Z";
const std::string kT3 = "2026-03-03T10:00:00.000Z";

std::string MergeOk(const std::string& b, const std::string& o, const std::string& t) {
  Result<std::string> r = MergeSidecarTexts(b, o, t, "secrets/api/dev.clef-meta.yaml");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().Describe());
  return r.ok() ? *r : "";
}

TEST(SidecarMerge, UnchangedRecordKeepsItsCount) {
  std::string s = Sidecar("", Rotation("A", kT1, "alice", 3));
  EXPECT_EQ(MergeOk(s, s, s), s);
}

TEST(SidecarMerge, RecordChangedOnOneSideWins) {
  std::string base = Sidecar("", Rotation("A", kT1, "alice", 3));
  std::string theirs = Sidecar("", Rotation("A", kT2, "bob", 4));
  EXPECT_EQ(MergeOk(base, base, theirs), theirs);
  EXPECT_EQ(MergeOk(base, theirs, base), theirs);
}

TEST(SidecarMerge, RecordChangedOnBothSidesTakesTheLaterAndAddsTheRotations) {
  std::string base = Sidecar("", Rotation("A", kT1, "alice", 3));
  std::string ours = Sidecar("", Rotation("A", kT3, "carol", 4));
  std::string theirs = Sidecar("", Rotation("A", kT2, "bob", 5));
  EXPECT_EQ(MergeOk(base, ours, theirs), Sidecar("", Rotation("A", kT3, "carol", 6)));
}

TEST(SidecarMerge, SameChangeOnBothSidesIsCountedOnce) {
  std::string base = Sidecar("", Rotation("A", kT1, "alice", 3));
  std::string both = Sidecar("", Rotation("A", kT2, "bob", 4));
  EXPECT_EQ(MergeOk(base, both, both), both);
}

TEST(SidecarMerge, DisjointRecordsAreAllKeptInOrder) {
  std::string base = Sidecar("", "");
  std::string ours = Sidecar("", Rotation("A", kT1, "alice", 1));
  std::string theirs = Sidecar("", Rotation("B", kT2, "bob", 2));
  EXPECT_EQ(MergeOk(base, ours, theirs),
            Sidecar("", Rotation("A", kT1, "alice", 1) + Rotation("B", kT2, "bob", 2)));
}

TEST(SidecarMerge, RecordRemovedOnOneSideIsRemoved) {
  std::string base = Sidecar("", Rotation("A", kT1, "alice", 1) + Rotation("B", kT1, "a", 1));
  std::string ours = Sidecar("", Rotation("B", kT1, "a", 1));
  EXPECT_EQ(MergeOk(base, ours, base), ours);
}

TEST(SidecarMerge, PendingResolvedOnEitherSideIsDropped) {
  std::string base = Sidecar(Pending("DB_URL", kT1, "alice"), "");
  std::string resolved = Sidecar("", Rotation("DB_URL", kT2, "bob", 1));
  EXPECT_EQ(MergeOk(base, base, resolved), resolved);
  EXPECT_EQ(MergeOk(base, resolved, base), resolved);
}

TEST(SidecarMerge, PendingRemovedWithoutRotationIsDropped) {
  std::string base = Sidecar(Pending("DB_URL", kT1, "alice"), "");
  EXPECT_EQ(MergeOk(base, Sidecar("", ""), base), Sidecar("", ""));
}

TEST(SidecarMerge, PendingAddedOnOneSideIsKept) {
  std::string base = Sidecar("", "");
  std::string theirs = Sidecar(Pending("NEW", kT1, "bob"), "");
  EXPECT_EQ(MergeOk(base, base, theirs), theirs);
}

TEST(SidecarMerge, PendingOnBothSidesTakesTheLaterSince) {
  std::string base = Sidecar("", "");
  std::string ours = Sidecar(Pending("K", kT1, "alice"), "");
  std::string theirs = Sidecar(Pending("K", kT2, "bob"), "");
  EXPECT_EQ(MergeOk(base, ours, theirs), theirs);
}

TEST(SidecarMerge, EmptyBaseIsAnEmptySidecar) {
  std::string ours = Sidecar("", Rotation("A", kT1, "alice", 1));
  std::string theirs = Sidecar("", Rotation("B", kT1, "bob", 1));
  EXPECT_EQ(MergeOk("", ours, theirs),
            Sidecar("", Rotation("A", kT1, "alice", 1) + Rotation("B", kT1, "bob", 1)));
}

TEST(SidecarMerge, ValuesNeedingQuotesAreQuoted) {
  manifest::ClefMeta meta;
  meta.rotations.push_back({"A", kT1, "alice: admin", 1, 0});
  std::string text = EmitSidecar(meta);
  EXPECT_NE(text.find("rotated_by: \"alice: admin\""), std::string::npos);
  Result<manifest::ClefMeta> back = manifest::ParseClefMeta(text, "x");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->rotations[0].rotated_by, "alice: admin");
}

TEST(SidecarMerge, InvalidSideIsAnErrorNamingTheSide) {
  std::string ok = Sidecar("", "");
  Result<std::string> r = MergeSidecarTexts(ok, ok, "not: valid: yaml:", "dev.clef-meta.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("theirs"), std::string::npos);
  EXPECT_EQ(r.error().file, "dev.clef-meta.yaml");
}

}  // namespace
}  // namespace clef::merge
