// SecureBytes: an owned byte buffer for secrets (data keys, file keys, identities, decrypted
// values). Memory comes from core/crypto/secure_pool.h (locked, undumpable chunks between guard
// pages, wiped in forked children; sodium_malloc for large buffers) and is wiped when freed or
// reassigned. Never write its contents to a file, a log or an error message.
//
// Move-only: a copy would be a second place to wipe. Not thread-safe for concurrent mutation.
//
//   SecureBytes key = SecureBytes::Random(32);
//   SecureBytes copy = SecureBytes::CopyOf(key.view());
//   if (!SecureEqual(key.view(), copy.view())) ...
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace clef {

class SecureBytes {
 public:
  SecureBytes() = default;
  explicit SecureBytes(size_t size);  // zero-filled
  static SecureBytes CopyOf(std::string_view bytes);
  static SecureBytes Random(size_t size);  // from the system CSPRNG (randombytes_buf)

  SecureBytes(SecureBytes&& other) noexcept;
  SecureBytes& operator=(SecureBytes&& other) noexcept;
  SecureBytes(const SecureBytes&) = delete;
  SecureBytes& operator=(const SecureBytes&) = delete;
  ~SecureBytes();

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::string_view view() const {
    return {reinterpret_cast<const char*>(data_), size_};
  }

  // Wipes and releases the memory; the buffer is empty afterwards.
  void Clear();

  // Keeps the first `size` bytes (size <= size()) and wipes the rest at once; the allocation
  // is kept (for buffers sized to an upper bound, e.g. a decrypted payload).
  void Truncate(size_t size);

 private:
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// Constant-time equality of two byte strings (lengths compared first, not secret).
bool SecureEqual(std::string_view a, std::string_view b);

// Wipes a buffer that is not a SecureBytes (e.g. a stack array) in a way the compiler keeps.
void Wipe(void* data, size_t size);

// Initialises libsodium once; safe to call from every entry point. Aborts if it cannot.
void EnsureSodium();

}  // namespace clef
