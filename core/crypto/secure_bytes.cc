#include "core/crypto/secure_bytes.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>

#include "core/crypto/secure_pool.h"

namespace clef {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();
  });
}

SecureBytes::SecureBytes(size_t size) : size_(size) {
  EnsureSodium();
  if (size == 0) return;
  data_ = static_cast<uint8_t*>(secure_pool::Allocate(size));  // zero-filled
  if (data_ == nullptr) throw std::bad_alloc();
}

SecureBytes SecureBytes::CopyOf(std::string_view bytes) {
  SecureBytes out(bytes.size());
  if (!bytes.empty()) std::memcpy(out.data_, bytes.data(), bytes.size());
  return out;
}

SecureBytes SecureBytes::Random(size_t size) {
  SecureBytes out(size);
  if (size) randombytes_buf(out.data_, size);
  return out;
}

SecureBytes::SecureBytes(SecureBytes&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

SecureBytes& SecureBytes::operator=(SecureBytes&& other) noexcept {
  if (this != &other) {
    Clear();
    data_ = other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

SecureBytes::~SecureBytes() { Clear(); }

void SecureBytes::Clear() {
  if (data_ != nullptr) secure_pool::Free(data_);  // wipes before releasing
  data_ = nullptr;
  size_ = 0;
}

void SecureBytes::Truncate(size_t size) {
  if (size >= size_) return;
  sodium_memzero(data_ + size, size_ - size);
  size_ = size;
  if (size_ == 0) Clear();
}

bool SecureEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void Wipe(void* data, size_t size) {
  if (size) sodium_memzero(data, size);
}

}  // namespace clef
