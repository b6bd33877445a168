#include "scan/keyword_index.h"

#include <cctype>
#include <deque>
#include <map>

namespace clef::scan {

KeywordIndex::KeywordIndex(const std::vector<std::string>& keywords) : keywords_(keywords) {
  keyword_count_ = keywords.size();
  // Byte classes: one per distinct (lower-cased) keyword byte, class 0 for every other byte.
  for (const auto& k : keywords) {
    for (unsigned char c : k) {
      unsigned char l = static_cast<unsigned char>(std::tolower(c));
      if (class_of_[l] == 0) {
        class_of_[l] = static_cast<uint8_t>(classes_++);
        unsigned char u = static_cast<unsigned char>(std::toupper(l));
        class_of_[u] = class_of_[l];
      }
    }
  }
  // Trie.
  std::vector<std::map<uint32_t, uint32_t>> children(1);
  std::vector<std::vector<uint32_t>> out(1);
  for (uint32_t ki = 0; ki < keywords.size(); ++ki) {
    const auto& k = keywords[ki];
    if (k.empty()) continue;
    unsigned char first = static_cast<unsigned char>(k[0]);
    starts_[static_cast<unsigned char>(std::tolower(first))] = true;
    starts_[static_cast<unsigned char>(std::toupper(first))] = true;
    uint32_t s = 0;
    for (unsigned char c : k) {
      uint32_t cls = class_of_[c];
      auto it = children[s].find(cls);
      if (it == children[s].end()) {
        children.emplace_back();
        out.emplace_back();
        uint32_t ns = static_cast<uint32_t>(children.size() - 1);
        children[s][cls] = ns;
        s = ns;
      } else {
        s = it->second;
      }
    }
    out[s].push_back(ki);
  }
  // Failure links, breadth first, folded into a dense transition table.
  size_t n = children.size();
  next_.assign(n * classes_, 0);
  std::vector<uint32_t> fail(n, 0);
  std::deque<uint32_t> queue;
  for (uint32_t c = 0; c < classes_; ++c) {
    auto it = children[0].find(c);
    if (it != children[0].end()) {
      next_[c] = it->second;
      queue.push_back(it->second);
    }
  }
  while (!queue.empty()) {
    uint32_t s = queue.front();
    queue.pop_front();
    for (uint32_t o : out[fail[s]]) out[s].push_back(o);
    for (uint32_t c = 0; c < classes_; ++c) {
      auto it = children[s].find(c);
      if (it != children[s].end()) {
        uint32_t child = it->second;
        fail[child] = next_[fail[s] * classes_ + c];
        next_[s * classes_ + c] = child;
        queue.push_back(child);
      } else {
        next_[s * classes_ + c] = next_[fail[s] * classes_ + c];
      }
    }
  }
  out_begin_.assign(n + 1, 0);
  for (size_t s = 0; s < n; ++s) {
    out_begin_[s] = static_cast<uint32_t>(outputs_.size());
    for (uint32_t o : out[s]) outputs_.push_back(o);
  }
  out_begin_[n] = static_cast<uint32_t>(outputs_.size());
  for (auto& target : next_)
    if (!out[target].empty()) target |= kHasOutput;
}

}  // namespace clef::scan
