#include "core/crypto/secure_pool.h"

#include <sodium.h>
#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

#if defined(__SANITIZE_ADDRESS__)
#define CLEF_SECURE_POOL_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CLEF_SECURE_POOL_OFF 1
#endif
#endif

namespace clef::secure_pool {
namespace {

constexpr size_t kHeader = 16;    // canary (8) + size class (4) + padding (4)
constexpr size_t kMinShift = 6;   // 64-byte blocks
constexpr size_t kMaxShift = 14;  // 16 KiB blocks
constexpr size_t kClasses = kMaxShift - kMinShift + 1;
static_assert(kMaxPooled + kHeader == size_t{1} << kMaxShift);

struct BlockHeader {
  uint64_t canary;
  uint32_t size_class;
  uint32_t unused;
};
static_assert(sizeof(BlockHeader) == kHeader);

struct Chunk {
  uint8_t* begin = nullptr;  // first usable byte (after the leading guard page)
  size_t used = 0;           // bump offset
};

[[noreturn]] void Overwritten() {
  static const char kMsg[] =
      "clef: secure memory was overwritten (a buffer overflow or a write after free); stopping\n";
  (void)!write(STDERR_FILENO, kMsg, sizeof kMsg - 1);
  std::abort();
}

// A live block's header holds Canary(block); a free block's holds Canary(block) ^ kFreeMark,
// then the free-list link, then zeros to the end of the block.
constexpr uint64_t kFreeMark = 0x66726565'6c697374ULL;

class Pool {
 public:
  void* Allocate(size_t size) {
    const size_t cls = ClassFor(size);
    const size_t block_size = size_t{1} << (cls + kMinShift);
    std::lock_guard<std::mutex> lock(mutex_);
    uint8_t* block = free_[cls];
    if (block != nullptr) {
      // Everything Free left must be as it left it: its mark, a link into the pool, zeros.
      BlockHeader header;
      std::memcpy(&header, block, sizeof header);
      uint8_t* next;
      std::memcpy(&next, block + kHeader, sizeof next);
      if (header.canary != (Canary(block) ^ kFreeMark) || header.size_class != cls ||
          (next != nullptr && !Owns(next))) {
        Overwritten();
      }
      uint8_t any = 0;
      for (size_t i = kHeader + sizeof next; i < block_size; ++i) any |= block[i];
      if (any != 0) Overwritten();
      const uint8_t* const none = nullptr;
      std::memcpy(block + kHeader, &none, sizeof none);
      free_[cls] = next;
    } else {
      block = Carve(block_size);
      if (block == nullptr) return nullptr;
    }
    BlockHeader header{Canary(block), static_cast<uint32_t>(cls), 0};
    std::memcpy(block, &header, sizeof header);
    return block + kHeader;
  }

  // False when `ptr` is not ours.
  bool Free(void* ptr) {
    auto* user = static_cast<uint8_t*>(ptr);
    std::lock_guard<std::mutex> lock(mutex_);
    if (!Owns(user)) return false;
    uint8_t* block = user - kHeader;
    BlockHeader header;
    std::memcpy(&header, block, sizeof header);
    if (header.canary != Canary(block) || header.size_class >= kClasses) Overwritten();
    const size_t size = size_t{1} << (header.size_class + kMinShift);
    sodium_memzero(block, size);
    header.canary ^= kFreeMark;
    std::memcpy(block, &header, sizeof header);
    std::memcpy(block + kHeader, &free_[header.size_class], sizeof(uint8_t*));
    free_[header.size_class] = block;
    return true;
  }

  bool Owns(const uint8_t* p) const {
    for (size_t i = 0; i < chunk_count_; ++i) {
      const uint8_t* b = chunks_[i].begin;
      if (p >= b && p < b + kChunkBytes) return true;
    }
    return false;
  }

  bool OwnsLocked(const void* p) {
    std::lock_guard<std::mutex> lock(mutex_);
    return Owns(static_cast<const uint8_t*>(p));
  }

 private:
  static size_t ClassFor(size_t size) {
    size_t cls = 0;
    while ((size_t{1} << (cls + kMinShift)) < size + kHeader) ++cls;
    return cls;
  }

  uint64_t Canary(const uint8_t* block) {
    if (!keyed_) {
      randombytes_buf(&key_, sizeof key_);
      keyed_ = true;
    }
    return key_ ^ (reinterpret_cast<uintptr_t>(block) * 0x9e3779b97f4a7c15ULL);
  }

  uint8_t* Carve(size_t size) {
    if (chunk_count_ == 0 || chunks_[chunk_count_ - 1].used + size > kChunkBytes) {
      if (!NewChunk()) return nullptr;
    }
    Chunk& c = chunks_[chunk_count_ - 1];
    uint8_t* block = c.begin + c.used;
    c.used += size;
    return block;
  }

  bool NewChunk() {
    if (chunk_count_ == kMaxChunks) return false;
    const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    void* base =
        mmap(nullptr, kChunkBytes + 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) return false;
    uint8_t* begin = static_cast<uint8_t*>(base) + page;
    if (mprotect(begin, kChunkBytes, PROT_READ | PROT_WRITE) != 0) {
      munmap(base, kChunkBytes + 2 * page);
      return false;
    }
    // Best effort, as sodium_malloc: RLIMIT_MEMLOCK may refuse; the other protections hold.
    (void)mlock(begin, kChunkBytes);
#ifdef MADV_DONTDUMP
    (void)madvise(begin, kChunkBytes, MADV_DONTDUMP);
#endif
#ifdef MADV_WIPEONFORK
    (void)madvise(begin, kChunkBytes, MADV_WIPEONFORK);
#endif
    chunks_[chunk_count_++] = Chunk{begin, 0};
    return true;
  }

  std::mutex mutex_;
  std::array<uint8_t*, kClasses> free_{};
  std::array<Chunk, kMaxChunks> chunks_{};
  size_t chunk_count_ = 0;
  uint64_t key_ = 0;
  bool keyed_ = false;
};

Pool& ThePool() {
  // Never destroyed: SecureBytes with static storage may be freed after other statics.
  static Pool* pool = new Pool;
  return *pool;
}

}  // namespace

void* Allocate(size_t size) {
  if (size == 0) return nullptr;
#ifndef CLEF_SECURE_POOL_OFF
  if (size <= kMaxPooled) {
    if (void* p = ThePool().Allocate(size)) return p;
  }
#endif
  void* p = sodium_malloc(size);  // fills with garbage bytes on purpose; the contract says zero
  if (p != nullptr) std::memset(p, 0, size);
  return p;
}

void Free(void* ptr) {
  if (ptr == nullptr) return;
#ifndef CLEF_SECURE_POOL_OFF
  if (ThePool().Free(ptr)) return;
#endif
  sodium_free(ptr);  // wipes before releasing
}

bool IsPooled(const void* ptr) {
#ifdef CLEF_SECURE_POOL_OFF
  (void)ptr;
  return false;
#else
  return ptr != nullptr && ThePool().OwnsLocked(ptr);
#endif
}

}  // namespace clef::secure_pool
