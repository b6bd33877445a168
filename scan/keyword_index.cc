#include "scan/keyword_index.h"

#include <algorithm>
#include <cctype>

namespace clef::scan {

KeywordIndex::KeywordIndex(const std::vector<std::string>& keywords)
    : filter_(size_t{1} << (kFilterLog2 - 6), 0) {
  for (int c = 0; c < 256; ++c) lower_[c] = static_cast<unsigned char>(std::tolower(c));
  keywords_.reserve(keywords.size());
  for (const auto& k : keywords) {
    std::string l = k;
    for (char& c : l) c = static_cast<char>(lower_[static_cast<unsigned char>(c)]);
    keywords_.push_back(std::move(l));
  }
  auto set = [&](uint32_t h) { filter_[h >> 6] |= uint64_t{1} << (h & 63); };
  auto folded = [](const std::string& k, size_t i) -> uint32_t {
    return (i < k.size() ? static_cast<unsigned char>(k[i]) : 0u) | 0x20u;
  };
  std::vector<std::pair<uint16_t, uint32_t>> prefixes;
  for (uint32_t id = 0; id < keywords_.size(); ++id) {
    const std::string& k = keywords_[id];
    if (k.size() < 2) continue;
    uint32_t w = folded(k, 0) | folded(k, 1) << 8 | folded(k, 2) << 16 | folded(k, 3) << 24;
    if (k.size() >= 4) {
      set(Hash4(w));
    } else if (k.size() == 3) {
      for (uint32_t b = 0; b < 256; ++b) set(Hash4((w & 0xFFFFFFu) | (b | 0x20u) << 24));
    } else {
      two_byte_.push_back(id);
      continue;
    }
    uint16_t key = static_cast<uint16_t>(static_cast<unsigned char>(k[0]) |
                                         static_cast<unsigned char>(k[1]) << 8);
    prefixes.emplace_back(key, id);
  }
  std::sort(prefixes.begin(), prefixes.end());
  uint32_t slots = 16;
  while (slots < 2 * prefixes.size()) slots <<= 1;
  buckets_.assign(slots, Bucket{});
  bucket_mask_ = slots - 1;
  for (size_t i = 0; i < prefixes.size();) {
    size_t j = i;
    while (j < prefixes.size() && prefixes[j].first == prefixes[i].first) {
      by_prefix_.push_back(prefixes[j].second);
      ++j;
    }
    uint16_t key = prefixes[i].first;
    uint32_t s = Slot(key);
    while (buckets_[s].begin != buckets_[s].end) s = (s + 1) & bucket_mask_;
    buckets_[s] = Bucket{key, static_cast<uint32_t>(i), static_cast<uint32_t>(j)};
    i = j;
  }
}

}  // namespace clef::scan
