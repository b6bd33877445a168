// PlaintextArena: one wiping region for every plaintext a merge decrypts, instead of one
// guarded allocation per value (each SecureBytes is an mmap, mprotect and mlock of several
// pages; a 100-key file opened three times made ~1,000 of them).
//
// Contract: Copy/Allocate hand out bytes that stay valid, at a fixed address, until the arena
// is destroyed. Memory comes in chunks of SecureBytes (libsodium's guarded, locked allocator),
// so it is wiped when the arena goes away; nothing is freed earlier. A request larger than a
// chunk gets a chunk of its own. Move-only (the views point into chunks, which do not move);
// not thread-safe.
//
//   PlaintextArena arena;
//   std::span<uint8_t> out = arena.Allocate(ciphertext.size());
//   std::string_view kept = arena.Copy(plain);
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/crypto/secure_bytes.h"

namespace clef::merge {

class PlaintextArena {
 public:
  explicit PlaintextArena(size_t chunk_size = 16 * 1024) : chunk_size_(chunk_size) {}
  PlaintextArena(PlaintextArena&&) = default;
  PlaintextArena& operator=(PlaintextArena&&) = default;
  PlaintextArena(const PlaintextArena&) = delete;
  PlaintextArena& operator=(const PlaintextArena&) = delete;

  // `size` zeroed bytes (a valid pointer even for 0).
  std::span<uint8_t> Allocate(size_t size);
  std::string_view Copy(std::string_view bytes);

  // Bytes handed out so far; chunks allocated (for tests and benchmarks).
  size_t used() const { return used_total_; }
  size_t chunks() const { return chunks_.size(); }

 private:
  size_t chunk_size_;
  std::vector<SecureBytes> chunks_;
  size_t used_in_last_ = 0;  // bytes used in chunks_.back()
  size_t used_total_ = 0;
};

}  // namespace clef::merge
