// secure_pool: the memory behind SecureBytes. libsodium's sodium_malloc gives every buffer its
// own guard pages and mlock, which costs about nine system calls per allocation and per free;
// a short tool call (verify, the merge driver) makes dozens. The pool makes those system calls
// once per 64 KiB chunk instead, the way OpenSSL's secure heap does:
//   - every chunk sits between two PROT_NONE guard pages, is locked in RAM (mlock, best effort
//     as with sodium_malloc), left out of core dumps (MADV_DONTDUMP) and zeroed in a forked
//     child (MADV_WIPEONFORK);
//   - blocks come in power-of-two sizes; a freed block is wiped at once (sodium_memzero) and
//     reused for the same size;
//   - each block starts with a canary keyed to its address; Free aborts if it was overwritten
//     (an overflow of the block before it), as sodium_free does for its canary. A free block
//     keeps a marked canary, its free-list link and zeros; reusing it checks all three, so an
//     overflow into a free neighbour or a write after free stops the process instead of
//     handing out a corrupted link.
// Requests above kMaxPooled bytes, or once kMaxChunks chunks are in use, go to sodium_malloc.
// Under AddressSanitizer every request goes to sodium_malloc so ASan sees each buffer.
//
// Thread-safe. Memory handed out is zero-filled. In a forked child the chunks read as zeros, so
// a child must exec or _exit (as every fork in clef does), never free what its parent allocated:
// the zeroed canary would stop it.
#pragma once

#include <cstddef>

namespace clef::secure_pool {

inline constexpr size_t kChunkBytes = 64 * 1024;
inline constexpr size_t kMaxPooled = 16 * 1024 - 16;  // the largest block minus its header
inline constexpr size_t kMaxChunks = 64;              // 4 MiB locked at most

// Never returns nullptr for size > 0 unless memory is exhausted.
void* Allocate(size_t size);
// Wipes and releases what Allocate returned; nullptr is ignored.
void Free(void* ptr);

// For tests: whether `ptr` lies in a pool chunk (false for sodium_malloc fallbacks).
bool IsPooled(const void* ptr);

}  // namespace clef::secure_pool
