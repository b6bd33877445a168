// The three-way merge on key paths (merge-driver/tree_merge.h), on in-memory trees.
#include "merge-driver/tree_merge.h"

#include <gtest/gtest.h>

#include "merge/tree_builder.h"

namespace clef::merge {
namespace {

using testing::Comment;
using testing::Element;
using testing::Entry;
using testing::Int;
using testing::Map;
using testing::Render;
using testing::Seq;
using testing::Str;

TreeMerge Merge(const doc::Node& base, const doc::Node& ours, const doc::Node& theirs,
                const MergeOptions& options = {}) {
  return MergeTrees(base, ours, theirs, ByteComparator(), options);
}

TEST(TreeMerge, IdenticalSidesMergeToOurs) {
  doc::Node t = Map({Entry("A", Str("1")), Entry("B", Str("2"))});
  TreeMerge m = Merge(t, t, t);
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{A=1 B=2}");
  EXPECT_TRUE(m.taken.empty());
}

TEST(TreeMerge, OnlyOursChangedKeepsOurs) {
  TreeMerge m = Merge(Map({Entry("A", Str("1"))}), Map({Entry("A", Str("2"))}),
                      Map({Entry("A", Str("1"))}));
  EXPECT_EQ(Render(m.merged), "{A=2}");
  EXPECT_TRUE(m.taken.empty());
}

TEST(TreeMerge, OnlyTheirsChangedTakesTheirsAndRecordsIt) {
  TreeMerge m = Merge(Map({Entry("A", Str("1"))}), Map({Entry("A", Str("1"))}),
                      Map({Entry("A", Str("3"))}));
  EXPECT_EQ(Render(m.merged), "{A=3}");
  ASSERT_EQ(m.taken.size(), 1u);
  EXPECT_EQ(m.taken[0].path, KeyPath{"A"});
  EXPECT_EQ(m.taken[0].side, Side::kTheirs);
  EXPECT_EQ(m.taken[0].kind, TakenPart::Kind::kValue);
}

TEST(TreeMerge, NonOverlappingEditsBothLand) {
  doc::Node base = Map({Entry("POOL", Str("10")), Entry("TIMEOUT", Str("30"))});
  TreeMerge m = Merge(base, Map({Entry("POOL", Str("20")), Entry("TIMEOUT", Str("30"))}),
                      Map({Entry("POOL", Str("10")), Entry("TIMEOUT", Str("60"))}));
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{POOL=20 TIMEOUT=60}");
}

TEST(TreeMerge, SameChangeOnBothSidesIsClean) {
  TreeMerge m = Merge(Map({Entry("A", Str("1"))}), Map({Entry("A", Str("2"))}),
                      Map({Entry("A", Str("2"))}));
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{A=2}");
  EXPECT_TRUE(m.taken.empty());
}

TEST(TreeMerge, DifferentEditsConflictWithWhatEachSideDid) {
  TreeMerge m = Merge(Map({Entry("A", Str("1"))}), Map({Entry("A", Str("2"))}),
                      Map({Entry("A", Str("3"))}));
  ASSERT_EQ(m.conflicts.size(), 1u);
  EXPECT_EQ(m.conflicts[0].path, KeyPath{"A"});
  EXPECT_TRUE(m.conflicts[0].in_base);
  EXPECT_EQ(m.conflicts[0].ours, Change::kModified);
  EXPECT_EQ(m.conflicts[0].theirs, Change::kModified);
}

TEST(TreeMerge, AddAddWithDifferentValuesConflicts) {
  TreeMerge m = Merge(Map(), Map({Entry("N", Str("x"))}), Map({Entry("N", Str("y"))}));
  ASSERT_EQ(m.conflicts.size(), 1u);
  EXPECT_FALSE(m.conflicts[0].in_base);
  EXPECT_EQ(m.conflicts[0].ours, Change::kAdded);
  EXPECT_EQ(m.conflicts[0].theirs, Change::kAdded);
}

TEST(TreeMerge, AddAddWithEqualValuesIsClean) {
  TreeMerge m = Merge(Map(), Map({Entry("N", Str("x"))}), Map({Entry("N", Str("x"))}));
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{N=x}");
}

TEST(TreeMerge, DeleteOnOneSideWhenOtherUnchangedDeletes) {
  doc::Node base = Map({Entry("A", Str("1")), Entry("B", Str("2"))});
  EXPECT_EQ(Render(Merge(base, Map({Entry("B", Str("2"))}), base).merged), "{B=2}");
  EXPECT_EQ(Render(Merge(base, base, Map({Entry("A", Str("1"))})).merged), "{A=1}");
}

TEST(TreeMerge, DeleteOnBothSidesIsClean) {
  doc::Node base = Map({Entry("A", Str("1")), Entry("B", Str("2"))});
  TreeMerge m = Merge(base, Map({Entry("B", Str("2"))}), Map({Entry("B", Str("2"))}));
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{B=2}");
}

TEST(TreeMerge, DeleteAgainstModifyConflictsBothWays) {
  doc::Node base = Map({Entry("A", Str("1"))});
  TreeMerge m1 = Merge(base, Map(), Map({Entry("A", Str("2"))}));
  ASSERT_EQ(m1.conflicts.size(), 1u);
  EXPECT_EQ(m1.conflicts[0].ours, Change::kDeleted);
  EXPECT_EQ(m1.conflicts[0].theirs, Change::kModified);
  TreeMerge m2 = Merge(base, Map({Entry("A", Str("2"))}), Map());
  ASSERT_EQ(m2.conflicts.size(), 1u);
  EXPECT_EQ(m2.conflicts[0].ours, Change::kModified);
  EXPECT_EQ(m2.conflicts[0].theirs, Change::kDeleted);
}

TEST(TreeMerge, EmptyStringIsNotAnAbsentKey) {
  TreeMerge m = Merge(Map(), Map({Entry("E", Str(""))}), Map());
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(m.merged.items.size(), 1u);
  TreeMerge c = Merge(Map({Entry("E", Str(""))}), Map(), Map({Entry("E", Str("v"))}));
  EXPECT_EQ(c.conflicts.size(), 1u);
}

TEST(TreeMerge, ScalarTypeIsPartOfTheValue) {
  TreeMerge m = Merge(Map({Entry("P", Str("5"))}), Map({Entry("P", Int("5"))}),
                      Map({Entry("P", Str("6"))}));
  EXPECT_EQ(m.conflicts.size(), 1u);
}

TEST(TreeMerge, OneConflictDoesNotStopOtherKeysMerging) {
  doc::Node base = Map({Entry("A", Str("1")), Entry("B", Str("1")), Entry("C", Str("1"))});
  TreeMerge m = Merge(base, Map({Entry("A", Str("2")), Entry("B", Str("2")), Entry("C", Str("1"))}),
                      Map({Entry("A", Str("3")), Entry("B", Str("1")), Entry("C", Str("3"))}));
  ASSERT_EQ(m.conflicts.size(), 1u);
  EXPECT_EQ(m.conflicts[0].path, KeyPath{"A"});
  EXPECT_EQ(Render(m.merged), "{A=2 B=2 C=3}");
}

TEST(TreeMerge, NestedMapsMergeKeyByKey) {
  doc::Node base = Map({Entry("db", Map({Entry("host", Str("h")), Entry("port", Int("1"))}))});
  doc::Node ours = Map({Entry("db", Map({Entry("host", Str("h2")), Entry("port", Int("1"))}))});
  doc::Node theirs = Map({Entry("db", Map({Entry("host", Str("h")), Entry("port", Int("2"))}))});
  TreeMerge m = Merge(base, ours, theirs);
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{db={host=h2 port=2}}");
  ASSERT_EQ(m.taken.size(), 1u);
  EXPECT_EQ(m.taken[0].path, (KeyPath{"db", "port"}));
}

TEST(TreeMerge, NestedConflictNamesTheFullPath) {
  doc::Node base = Map({Entry("db", Map({Entry("pw", Str("a"))}))});
  TreeMerge m = Merge(base, Map({Entry("db", Map({Entry("pw", Str("b"))}))}),
                      Map({Entry("db", Map({Entry("pw", Str("c"))}))}));
  ASSERT_EQ(m.conflicts.size(), 1u);
  EXPECT_EQ(m.conflicts[0].path, (KeyPath{"db", "pw"}));
  EXPECT_EQ(FormatKeyPath(m.conflicts[0].path), "db.pw");
}

TEST(TreeMerge, MapsAddedOnBothSidesMergeAsIfBaseWereEmpty) {
  TreeMerge m = Merge(Map(), Map({Entry("db", Map({Entry("a", Str("1"))}))}),
                      Map({Entry("db", Map({Entry("b", Str("2"))}))}));
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{db={a=1 b=2}}");
}

TEST(TreeMerge, DeletedMapAgainstEditedMapConflicts) {
  doc::Node base = Map({Entry("db", Map({Entry("a", Str("1"))}))});
  TreeMerge m = Merge(base, Map(), Map({Entry("db", Map({Entry("a", Str("2"))}))}));
  ASSERT_EQ(m.conflicts.size(), 1u);
  EXPECT_EQ(m.conflicts[0].path, KeyPath{"db"});
  EXPECT_EQ(m.conflicts[0].ours, Change::kDeleted);
}

TEST(TreeMerge, DeletedMapAgainstUntouchedMapDeletes) {
  doc::Node base = Map({Entry("db", Map({Entry("a", Str("1"))})), Entry("x", Str("1"))});
  TreeMerge m = Merge(base, Map({Entry("x", Str("1"))}), base);
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{x=1}");
}

TEST(TreeMerge, ListsAreSingleValues) {
  doc::Node base = Map({Entry("L", Seq({Element(Str("a")), Element(Str("b"))}))});
  doc::Node ours = Map({Entry("L", Seq({Element(Str("a")), Element(Str("b")), Element(Str("c"))}))});
  doc::Node theirs = Map({Entry("L", Seq({Element(Str("z")), Element(Str("b"))}))});
  TreeMerge m = Merge(base, ours, theirs);
  ASSERT_EQ(m.conflicts.size(), 1u);
  EXPECT_EQ(m.conflicts[0].path, KeyPath{"L"});
  TreeMerge clean = Merge(base, base, theirs);
  EXPECT_EQ(Render(clean.merged), "{L=[z b]}");
}

TEST(TreeMerge, MapAgainstScalarIsOneValue) {
  doc::Node base = Map({Entry("K", Str("1"))});
  TreeMerge m = Merge(base, base, Map({Entry("K", Map({Entry("x", Str("1"))}))}));
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{K={x=1}}");
}

TEST(TreeMerge, KeysTheirsAddedFollowTheirNearestPrecedingKey) {
  doc::Node base = Map({Entry("A", Str("1")), Entry("C", Str("1"))});
  doc::Node ours = Map({Entry("C", Str("1")), Entry("A", Str("1")), Entry("Z", Str("1"))});
  doc::Node theirs =
      Map({Entry("A", Str("1")), Entry("B", Str("1")), Entry("B2", Str("1")), Entry("C", Str("1"))});
  EXPECT_EQ(Render(Merge(base, ours, theirs).merged), "{C=1 A=1 B=1 B2=1 Z=1}");
}

TEST(TreeMerge, KeyTheirsAddedFirstGoesFirst) {
  doc::Node base = Map({Entry("A", Str("1"))});
  TreeMerge m = Merge(base, base, Map({Entry("Q", Str("1")), Entry("A", Str("1"))}));
  EXPECT_EQ(Render(m.merged), "{Q=1 A=1}");
}

TEST(TreeMerge, AddedKeySkipsPredecessorsThatWereDeleted) {
  doc::Node base = Map({Entry("A", Str("1")), Entry("B", Str("1")), Entry("C", Str("1"))});
  doc::Node ours = Map({Entry("A", Str("1")), Entry("C", Str("1"))});
  doc::Node theirs = Map({Entry("A", Str("1")), Entry("B", Str("1")), Entry("N", Str("1")),
                          Entry("C", Str("1"))});
  EXPECT_EQ(Render(Merge(base, ours, theirs).merged), "{A=1 N=1 C=1}");
}

TEST(TreeMerge, CommentsTravelWithTheKeyTheyPrecede) {
  doc::Node base = Map({Entry("A", Str("1")), Entry("B", Str("1"))});
  doc::Node ours = Map({Entry("A", Str("2")), Entry("B", Str("1"))});
  doc::Node theirs = Map({Entry("A", Str("1")), Entry("B", Str("1")), Comment(" about N"),
                          Entry("N", Str("1"))});
  EXPECT_EQ(Render(Merge(base, ours, theirs).merged), "{A=2 B=1 # about N N=1}");
}

TEST(TreeMerge, CommentChangedOnlyByTheirsIsTaken) {
  doc::Node base = Map({Comment(" old"), Entry("A", Str("1"))});
  doc::Node ours = Map({Comment(" old"), Entry("A", Str("2"))});
  doc::Node theirs = Map({Comment(" new"), Entry("A", Str("1"))});
  TreeMerge m = Merge(base, ours, theirs);
  EXPECT_EQ(Render(m.merged), "{# new A=2}");
  ASSERT_EQ(m.taken.size(), 1u);
  EXPECT_EQ(m.taken[0].kind, TakenPart::Kind::kComment);
}

TEST(TreeMerge, CommentsChangedByBothSidesKeepOurs) {
  doc::Node base = Map({Comment(" old"), Entry("A", Str("1"))});
  TreeMerge m = Merge(base, Map({Comment(" mine"), Entry("A", Str("1"))}),
                      Map({Comment(" yours"), Entry("A", Str("1"))}));
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{# mine A=1}");
}

TEST(TreeMerge, DeletedKeyTakesItsCommentAlong) {
  doc::Node base = Map({Comment(" about A"), Entry("A", Str("1")), Entry("B", Str("1"))});
  TreeMerge m = Merge(base, base, Map({Entry("B", Str("1"))}));
  EXPECT_EQ(Render(m.merged), "{B=1}");
}

TEST(TreeMerge, TrailingCommentsMergeLikeAGroup) {
  doc::Node base = Map({Entry("A", Str("1"))});
  TreeMerge m = Merge(base, base, Map({Entry("A", Str("1")), Comment(" end")}));
  EXPECT_EQ(Render(m.merged), "{A=1 # end}");
  ASSERT_EQ(m.taken.size(), 1u);
  EXPECT_TRUE(m.taken[0].trailing);
}

TEST(TreeMerge, InlineCommentStaysWithTheValueBeforeIt) {
  doc::Node base = Map({Entry("A", Str("1")), Comment(" a", true), Entry("B", Str("1"))});
  doc::Node theirs = Map({Entry("B", Str("1"))});
  EXPECT_EQ(Render(Merge(base, base, theirs).merged), "{B=1}");
}

TEST(TreeMerge, SkippedRootKeysAreLeftOut) {
  doc::Node base = Map({Entry("A", Str("1")), Entry("sops", Map({Entry("mac", Str("m0"))}))});
  doc::Node ours = Map({Entry("A", Str("1")), Entry("sops", Map({Entry("mac", Str("m1"))}))});
  doc::Node theirs = Map({Entry("A", Str("1")), Entry("sops", Map({Entry("mac", Str("m2"))}))});
  MergeOptions options;
  options.skip_root_keys = {"sops"};
  TreeMerge m = Merge(base, ours, theirs, options);
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{A=1}");
}

TEST(TreeMerge, SkippedPrefixCoversDotenvMetadata) {
  doc::Node ours = Map({Entry("A", Str("1")), Entry("sops_mac", Str("m1"))});
  doc::Node theirs = Map({Entry("A", Str("1")), Entry("sops_mac", Str("m2")),
                          Entry("sops_lastmodified", Str("t"))});
  MergeOptions options;
  options.skip_root_keys = {"sops_"};
  options.skip_prefix = true;
  EXPECT_EQ(Render(Merge(Map(), ours, theirs, options).merged), "{A=1}");
}

TEST(TreeMerge, ForcedChoiceResolvesAConflict) {
  doc::Node base = Map({Entry("A", Str("1")), Entry("B", Str("1"))});
  doc::Node ours = Map({Entry("A", Str("2")), Entry("B", Str("2"))});
  doc::Node theirs = Map({Entry("A", Str("3")), Entry("B", Str("3"))});
  MergeOptions options;
  options.forced = {{{"A"}, Side::kTheirs}, {{"B"}, Side::kBase}};
  TreeMerge m = Merge(base, ours, theirs, options);
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{A=3 B=1}");
}

TEST(TreeMerge, ForcedChoiceOfAnAbsentSideDeletes) {
  doc::Node base = Map({Entry("A", Str("1"))});
  MergeOptions options;
  options.forced = {{{"A"}, Side::kOurs}};
  TreeMerge m = Merge(base, Map(), Map({Entry("A", Str("2"))}), options);
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{}");
}

// A comparator that sees values as equal after decryption although their bytes differ.
class CaseInsensitiveComparator : public ByteComparator {
 public:
  bool ValuesEqual(const KeyPath&, Side, const doc::Node& a, Side, const doc::Node& b) const override {
    return Lower(a.scalar.text) == Lower(b.scalar.text);
  }
  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
};

TEST(TreeMerge, EqualityIsTheComparatorsDecision) {
  doc::Node base = Map({Entry("A", Str("x"))});
  TreeMerge m = MergeTrees(base, Map({Entry("A", Str("X"))}), Map({Entry("A", Str("y"))}),
                           CaseInsensitiveComparator());
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(Render(m.merged), "{A=y}");
}

TEST(TreeMerge, TwoHundredKeysSplitBetweenSides) {
  doc::Node base = Map(), ours = Map(), theirs = Map();
  for (int i = 0; i < 200; ++i) {
    std::string k = "K" + std::to_string(i);
    base.items.push_back(Entry(k, Str("0")));
    ours.items.push_back(Entry(k, Str(i % 2 == 0 ? "o" : "0")));
    theirs.items.push_back(Entry(k, Str(i % 2 == 1 ? "t" : "0")));
  }
  TreeMerge m = Merge(base, ours, theirs);
  EXPECT_TRUE(m.clean());
  EXPECT_EQ(m.taken.size(), 100u);
  EXPECT_EQ(m.merged.items[0].value.scalar.text, "o");
  EXPECT_EQ(m.merged.items[1].value.scalar.text, "t");
}

TEST(KeyPath, DottedAndBracketFormsRoundTrip) {
  EXPECT_EQ(FormatKeyPath({"a", "b"}), "a.b");
  EXPECT_EQ(FormatKeyPath({"a.b", "c"}), "[\"a.b\"][\"c\"]");
  EXPECT_EQ(ParseKeyPath("a.b"), (KeyPath{"a", "b"}));
  EXPECT_EQ(ParseKeyPath("[\"a.b\"][\"c\"]"), (KeyPath{"a.b", "c"}));
  EXPECT_EQ(ParseKeyPath(FormatKeyPath({"q\"x", "y"})), (KeyPath{"q\"x", "y"}));
}

}  // namespace
}  // namespace clef::merge
