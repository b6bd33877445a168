#include "merge-driver/plaintext_arena.h"

#include <algorithm>
#include <cstring>

namespace clef::merge {

std::span<uint8_t> PlaintextArena::Allocate(size_t size) {
  const size_t need = std::max<size_t>(size, 1);
  if (chunks_.empty() || chunks_.back().size() - used_in_last_ < need) {
    if (need > chunk_size_ / 2 && !chunks_.empty()) {
      // A large value gets its own chunk, placed before the current one so that the current
      // chunk's free space is still used by later small values.
      chunks_.insert(chunks_.end() - 1, SecureBytes(need));
      used_total_ += size;
      return {chunks_[chunks_.size() - 2].data(), size};
    }
    chunks_.emplace_back(std::max(need, chunk_size_));
    used_in_last_ = 0;
  }
  uint8_t* at = chunks_.back().data() + used_in_last_;
  used_in_last_ += need;
  used_total_ += size;
  return {at, size};
}

std::string_view PlaintextArena::Copy(std::string_view bytes) {
  std::span<uint8_t> out = Allocate(bytes.size());
  if (!bytes.empty()) std::memcpy(out.data(), bytes.data(), bytes.size());
  return {reinterpret_cast<const char*>(out.data()), out.size()};
}

}  // namespace clef::merge
