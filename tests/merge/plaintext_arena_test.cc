// The wiping arena that holds a merge's plaintexts (merge-driver/plaintext_arena.h).
#include "merge-driver/plaintext_arena.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace clef::merge {
namespace {

TEST(PlaintextArena, CopiesStayValidAndInPlaceAcrossManyAllocations) {
  PlaintextArena arena(/*chunk_size=*/64);
  std::vector<std::string_view> views;
  std::vector<std::string> expected;
  for (int i = 0; i < 200; ++i) {
    expected.push_back("value-" + std::to_string(i));
    views.push_back(arena.Copy(expected.back()));
  }
  const char* first = views[0].data();
  std::string big(1000, 'x');  // larger than a chunk: a chunk of its own
  std::string_view big_view = arena.Copy(big);
  for (size_t i = 0; i < views.size(); ++i) EXPECT_EQ(views[i], expected[i]);
  EXPECT_EQ(views[0].data(), first);
  EXPECT_EQ(big_view, big);
  EXPECT_GT(arena.chunks(), 1u);
}

TEST(PlaintextArena, SmallValuesShareOneChunk) {
  PlaintextArena arena;
  for (int i = 0; i < 300; ++i) arena.Copy("twenty bytes value!!");
  EXPECT_EQ(arena.chunks(), 1u);
  EXPECT_EQ(arena.used(), 300u * 20);
}

TEST(PlaintextArena, ALargeValueLeavesTheCurrentChunkInUse) {
  PlaintextArena arena(/*chunk_size=*/128);
  std::string_view a = arena.Copy("a");
  arena.Copy(std::string(500, 'b'));
  std::string_view c = arena.Copy("c");
  EXPECT_EQ(arena.chunks(), 2u);
  EXPECT_EQ(c.data(), a.data() + 1);  // the small chunk keeps filling up
}

TEST(PlaintextArena, EmptyAllocationIsAValidPointer) {
  PlaintextArena arena;
  std::span<uint8_t> none = arena.Allocate(0);
  EXPECT_NE(none.data(), nullptr);
  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(arena.Copy("").empty());
}

}  // namespace
}  // namespace clef::merge
