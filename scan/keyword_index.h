// Case-insensitive multi-keyword search over raw bytes: the prefilter that decides which rules
// run, and where. One pass over the text, whatever the number of keywords.
//
// How: every position is tested against a 16 KiB bit filter (L1-resident) holding hashes of
// the keywords' first four bytes (3-byte keywords with every fourth byte), case folded by OR-ing
// 0x20 into each byte (a superset of ASCII case folding). One hash and one bit test per
// position, branch-free and with no dependency between positions, so the CPU overlaps them;
// the rare positions that pass are verified exactly against the keywords sharing their first
// two (lower-cased) bytes. 2-byte keywords are found by memchr on their second byte.
//
// Contract: keywords are matched ASCII-case-insensitively; every occurrence (overlapping ones
// included) is reported as (keyword index, offset one past its last byte), in no particular
// order. Keywords must be at least 2 bytes long (shorter ones are never reported).
// Built once, then immutable: `Find` is thread-safe.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace clef::scan {

class KeywordIndex {
 public:
  explicit KeywordIndex(const std::vector<std::string>& keywords);

  // Calls `hit(keyword, end)` for every occurrence.
  template <typename Hit>
  void Find(std::string_view text, Hit&& hit) const {
    const auto* base = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    size_t i = 0;
    if (n >= 4) {
      const size_t last = n - 4;  // positions with four readable bytes
      for (; i + 4 <= last; i += 4) {
        uint64_t w8;
        std::memcpy(&w8, base + i, 8);  // bytes i .. i+7; i+7 <= last+3 = n-1
        w8 |= 0x2020202020202020ull;
        uint32_t m = Test(static_cast<uint32_t>(w8)) | Test(static_cast<uint32_t>(w8 >> 8)) << 1 |
                     Test(static_cast<uint32_t>(w8 >> 16)) << 2 |
                     Test(static_cast<uint32_t>(w8 >> 24)) << 3;
        while (m) {
          Verify(base, n, i + static_cast<size_t>(__builtin_ctz(m)), hit);
          m &= m - 1;
        }
      }
      for (; i <= last; ++i) {
        uint32_t w;
        std::memcpy(&w, base + i, 4);
        if (Test(w | 0x20202020u)) Verify(base, n, i, hit);
      }
    }
    for (; i < n; ++i) {  // the last three positions: padded
      unsigned char pad[4] = {0, 0, 0, 0};
      std::memcpy(pad, base + i, n - i);
      uint32_t w;
      std::memcpy(&w, pad, 4);
      if (Test(w | 0x20202020u)) Verify(base, n, i, hit);
    }
    for (uint32_t k : two_byte_) {  // rare: at most a few such keywords
      const std::string& kw = keywords_[k];
      unsigned char second = static_cast<unsigned char>(kw[1]);
      unsigned char other = static_cast<unsigned char>(second ^ 0x20);
      bool letter = (second | 0x20) >= 'a' && (second | 0x20) <= 'z';
      for (unsigned char c : {second, other}) {
        if (c == other && !letter) break;
        const unsigned char* p = base + 1;
        const unsigned char* end = base + n;
        while (p < end) {
          const void* f = memchr(p, c, static_cast<size_t>(end - p));
          if (!f) break;
          p = static_cast<const unsigned char*>(f);
          if (lower_[p[-1]] == static_cast<unsigned char>(kw[0]))
            hit(static_cast<size_t>(k), static_cast<size_t>(p + 1 - base));
          ++p;
        }
      }
    }
  }

  size_t keyword_count() const { return keywords_.size(); }
  const std::string& keyword(size_t i) const { return keywords_[i]; }

 private:
  static constexpr int kFilterLog2 = 17;  // bits
  static uint32_t Hash4(uint32_t w) { return (w * 0x9E3779B1u) >> (32 - kFilterLog2); }
  uint32_t Bit(uint32_t h) const { return (filter_[h >> 6] >> (h & 63)) & 1u; }
  uint32_t Test(uint32_t folded) const { return Bit(Hash4(folded)); }

  struct Bucket {
    uint16_t key = 0;    // lower-cased first two bytes
    uint32_t begin = 0;  // into by_prefix_
    uint32_t end = 0;    // begin == end: empty slot
  };
  uint32_t Slot(uint16_t key) const { return (key * 0x9E3779B1u >> 16) & bucket_mask_; }

  template <typename Hit>
  void Verify(const unsigned char* base, size_t n, size_t i, Hit& hit) const {
    if (i + 2 > n) return;
    uint16_t key = static_cast<uint16_t>(lower_[base[i]] | lower_[base[i + 1]] << 8);
    for (uint32_t s = Slot(key);; s = (s + 1) & bucket_mask_) {
      const Bucket& b = buckets_[s];
      if (b.begin == b.end) return;
      if (b.key != key) continue;
      for (uint32_t j = b.begin; j < b.end; ++j) {
        uint32_t k = by_prefix_[j];
        const std::string& kw = keywords_[k];
        size_t len = kw.size();
        if (i + len > n) continue;
        size_t c = 2;
        while (c < len && lower_[base[i + c]] == static_cast<unsigned char>(kw[c])) ++c;
        if (c == len) hit(static_cast<size_t>(k), i + len);
      }
      return;
    }
  }

  std::vector<std::string> keywords_;  // lower case
  std::vector<uint64_t> filter_;
  std::vector<Bucket> buckets_;  // open addressing, at most half full
  uint32_t bucket_mask_ = 0;
  std::vector<uint32_t> by_prefix_;  // keyword ids (3 bytes or longer) grouped by first two bytes
  std::vector<uint32_t> two_byte_;   // keyword ids of 2-byte keywords
  unsigned char lower_[256];
};

}  // namespace clef::scan
