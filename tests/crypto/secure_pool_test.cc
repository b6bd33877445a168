// The pool behind SecureBytes (core/crypto/secure_pool.h): zeroed hand-out, wiping on free,
// locked / undumpable / wiped-on-fork chunks between guard pages, the canary, the sodium_malloc
// fallback, and concurrent use.
#include "core/crypto/secure_pool.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/crypto/secure_bytes.h"

namespace clef {
namespace {

bool AllZero(const uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (p[i] != 0) return false;
  }
  return true;
}

// The /proc/self/smaps block of the mapping that holds `p`.
std::string SmapsOf(const void* p) {
  std::ifstream in("/proc/self/smaps");
  std::string line, block;
  bool inside = false;
  const auto addr = reinterpret_cast<uintptr_t>(p);
  while (std::getline(in, line)) {
    unsigned long lo = 0, hi = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> lo >> dash >> hi && dash == '-') {
      if (inside) return block;
      inside = addr >= lo && addr < hi;
      block.clear();
    }
    if (inside) block += line + "\n";
  }
  return inside ? block : std::string();
}

class SecurePool : public ::testing::Test {
 protected:
  void SetUp() override {
    EnsureSodium();
    void* probe = secure_pool::Allocate(32);
    const bool pooled = secure_pool::IsPooled(probe);
    secure_pool::Free(probe);
    if (!pooled) GTEST_SKIP() << "the pool is off in this build (AddressSanitizer)";
  }
};

TEST_F(SecurePool, HandsOutZeroedMemoryAndWipesOnFree) {
  auto* a = static_cast<uint8_t*>(secure_pool::Allocate(100));
  ASSERT_TRUE(AllZero(a, 100));
  std::memset(a, 0xAB, 100);
  secure_pool::Free(a);
  // The block stays mapped (it waits for reuse); past the free-list link it is all zero.
  EXPECT_TRUE(AllZero(a + sizeof(void*), 100 - sizeof(void*)));
  auto* b = static_cast<uint8_t*>(secure_pool::Allocate(100));
  EXPECT_EQ(a, b) << "a freed block is reused for the same size";
  EXPECT_TRUE(AllZero(b, 100));
  secure_pool::Free(b);
}

TEST_F(SecurePool, LargeRequestsGoToSodiumMalloc) {
  auto* big = static_cast<uint8_t*>(secure_pool::Allocate(secure_pool::kMaxPooled + 1));
  ASSERT_NE(big, nullptr);
  EXPECT_FALSE(secure_pool::IsPooled(big));
  EXPECT_TRUE(AllZero(big, 64));
  std::memset(big, 1, secure_pool::kMaxPooled + 1);
  secure_pool::Free(big);
  auto* edge = secure_pool::Allocate(secure_pool::kMaxPooled);
  EXPECT_TRUE(secure_pool::IsPooled(edge));
  secure_pool::Free(edge);
  EXPECT_EQ(secure_pool::Allocate(0), nullptr);
  secure_pool::Free(nullptr);
}

TEST_F(SecurePool, ChunksAreLockedUndumpableAndWipedInAForkedChild) {
  auto* p = static_cast<uint8_t*>(secure_pool::Allocate(64));
  const std::string smaps = SmapsOf(p);
  ASSERT_FALSE(smaps.empty());
  const size_t flags_at = smaps.find("VmFlags:");
  ASSERT_NE(flags_at, std::string::npos);
  const std::string flags = smaps.substr(flags_at);
  EXPECT_NE(flags.find(" dd"), std::string::npos) << "MADV_DONTDUMP missing: " << flags;
  EXPECT_NE(flags.find(" wf"), std::string::npos) << "MADV_WIPEONFORK missing: " << flags;
  if (smaps.find("Locked:                0 kB") != std::string::npos) {
    // mlock is best effort (as in sodium_malloc); it only fails when RLIMIT_MEMLOCK is tiny.
    EXPECT_NE(flags.find(" lo"), std::string::npos) << "chunk not locked:\n" << smaps;
  }
  std::memcpy(p, "hunter2", 7);
  pid_t child = fork();
  if (child == 0) _exit(AllZero(p, 64) ? 0 : 1);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the child saw the secret";
  EXPECT_EQ(std::memcmp(p, "hunter2", 7), 0) << "the parent keeps it";
  secure_pool::Free(p);
}

TEST_F(SecurePool, GuardPageBeforeTheChunk) {
  auto* p = static_cast<uint8_t*>(secure_pool::Allocate(16));
  // The first block of a chunk starts at the chunk; walk back to the page boundary below it.
  const long page = sysconf(_SC_PAGESIZE);
  auto* chunk = reinterpret_cast<uint8_t*>(reinterpret_cast<uintptr_t>(p) & ~(page - 1));
  std::string below;
  while (true) {
    below = SmapsOf(chunk - 1);
    if (below.empty() || below.substr(0, below.find('\n')).find(" rw-p ") == std::string::npos)
      break;
    chunk -= page;  // still inside the chunk's own read-write mapping
  }
  ASSERT_FALSE(below.empty());
  EXPECT_NE(below.substr(0, below.find('\n')).find(" ---p "), std::string::npos)
      << "the page below the chunk is not a guard page:\n"
      << below.substr(0, 200);
  secure_pool::Free(p);
}

// Death tests re-run this binary for the child ("threadsafe" style): a forked child would see
// the pool's chunks zeroed (MADV_WIPEONFORK) and stop for that reason instead.
class SecurePoolDeath : public SecurePool {
 protected:
  void SetUp() override {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    SecurePool::SetUp();
  }
};

TEST_F(SecurePoolDeath, OverwrittenCanaryStopsTheProcess) {
  EXPECT_DEATH(
      {
        auto* a = static_cast<uint8_t*>(secure_pool::Allocate(40));
        std::memset(a - 8, 0x41, 8);  // an underflow into the block's header
        secure_pool::Free(a);
      },
      "secure memory was overwritten");
}

TEST_F(SecurePoolDeath, OverflowIntoAFreeNeighbourStopsItsReuse) {
  // Runs in a fresh child process each time, where two 1000-byte requests are carved as
  // neighbouring 1 KiB blocks.
  auto run = [](bool overflow) {
    auto* a = static_cast<uint8_t*>(secure_pool::Allocate(1000));
    auto* b = static_cast<uint8_t*>(secure_pool::Allocate(1000));
    uint8_t* lower = std::min(a, b);
    uint8_t* upper = std::max(a, b);
    if (upper - lower != 1024) std::_Exit(3);  // not neighbours: the test's premise failed
    secure_pool::Free(upper);
    if (overflow) std::memset(lower + 1000, 'X', 40);  // past lower's block into upper's header
    secure_pool::Free(lower);
    void* c = secure_pool::Allocate(1000);  // lower's block again
    void* d = secure_pool::Allocate(1000);  // upper's block: its header lost its mark
    secure_pool::Free(c);
    secure_pool::Free(d);
    std::_Exit(0);
  };
  EXPECT_EXIT(run(false), ::testing::ExitedWithCode(0), "");
  EXPECT_DEATH(run(true), "secure memory was overwritten");
}

TEST_F(SecurePoolDeath, WriteAfterFreeStopsTheReuse) {
  auto* probe = static_cast<uint8_t*>(secure_pool::Allocate(300));
  secure_pool::Free(probe);
  secure_pool::Free(secure_pool::Allocate(300));  // reuse without a write: fine
  EXPECT_DEATH(
      {
        auto* a = static_cast<uint8_t*>(secure_pool::Allocate(300));
        secure_pool::Free(a);
        a[200] = 1;
        secure_pool::Allocate(300);
      },
      "secure memory was overwritten");
}

TEST_F(SecurePool, ManyThreadsKeepTheirOwnBytes) {
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &failures] {
      std::vector<std::pair<uint8_t*, size_t>> held;
      for (int i = 0; i < 4000; ++i) {
        size_t n = 1 + static_cast<size_t>((i * 37 + t * 11) % 3000);
        auto* p = static_cast<uint8_t*>(secure_pool::Allocate(n));
        std::memset(p, t + 1, n);
        held.emplace_back(p, n);
        if (held.size() > 20) {
          auto [q, m] = held.front();
          for (size_t k = 0; k < m; ++k) failures[t] += q[k] != t + 1;
          secure_pool::Free(q);
          held.erase(held.begin());
        }
      }
      for (auto [q, m] : held) secure_pool::Free(q);
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

TEST_F(SecurePool, FullPoolFallsBackToSodiumMalloc) {
  // Largest blocks until the pool has no chunk left to give (at most kMaxChunks * 4 of them).
  std::vector<void*> held;
  const size_t limit = secure_pool::kMaxChunks * (secure_pool::kChunkBytes / 16384) + 1;
  while (held.size() < limit) {
    void* p = secure_pool::Allocate(secure_pool::kMaxPooled);
    ASSERT_NE(p, nullptr);
    held.push_back(p);
    if (!secure_pool::IsPooled(p)) break;
  }
  ASSERT_FALSE(secure_pool::IsPooled(held.back())) << "the pool never ran out";
  auto* fallback = static_cast<uint8_t*>(held.back());
  EXPECT_TRUE(AllZero(fallback, secure_pool::kMaxPooled));
  std::memset(fallback, 7, secure_pool::kMaxPooled);
  for (void* p : held) secure_pool::Free(p);
  void* again = secure_pool::Allocate(secure_pool::kMaxPooled);  // a freed pooled block
  EXPECT_TRUE(secure_pool::IsPooled(again));
  secure_pool::Free(again);
}

TEST_F(SecurePool, SecureBytesUsesThePool) {
  SecureBytes key = SecureBytes::Random(32);
  EXPECT_TRUE(secure_pool::IsPooled(key.data()));
  SecureBytes moved = std::move(key);
  EXPECT_TRUE(key.empty());
  EXPECT_TRUE(secure_pool::IsPooled(moved.data()));
}

}  // namespace
}  // namespace clef
