// Case-insensitive multi-keyword search (Aho-Corasick) over raw bytes: the prefilter that
// decides which rules run, and where. One pass over the text, whatever the number of keywords.
//
// Contract: keywords are matched ASCII-case-insensitively; every occurrence (overlapping ones
// included) is reported as (keyword index, offset one past its last byte), in text order.
// Built once, then immutable: `Find` is thread-safe.
#pragma once

#include <cstdint>
#include <functional>
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
    const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
    const unsigned char* end = p + text.size();
    const unsigned char* base = p;
    uint32_t state = 0;
    while (p < end) {
      if (state == 0) {
        // Most bytes of ordinary text start no keyword: skip them without a table walk.
        while (p < end && !starts_[*p]) ++p;
        if (p == end) break;
      }
      state = next_[state * classes_ + class_of_[*p++]];
      if (state & kHasOutput) {  // rare: one flag test per byte instead of two lookups
        state &= ~kHasOutput;
        for (uint32_t i = out_begin_[state]; i < out_begin_[state + 1]; ++i)
          hit(outputs_[i], static_cast<size_t>(p - base));
      }
    }
  }

  size_t keyword_count() const { return keyword_count_; }
  const std::string& keyword(size_t i) const { return keywords_[i]; }

 private:
  static constexpr uint32_t kHasOutput = 0x80000000u;  // flag in next_: the target state reports
  std::vector<std::string> keywords_;
  size_t keyword_count_ = 0;
  uint32_t classes_ = 1;
  uint8_t class_of_[256] = {0};
  bool starts_[256] = {false};
  std::vector<uint32_t> next_;       // state * classes_ + class -> state
  std::vector<uint32_t> out_begin_;  // outputs of state s: outputs_[out_begin_[s] .. out_begin_[s+1])
  std::vector<uint32_t> outputs_;
};

}  // namespace clef::scan
