#include "core/keys/shlex.h"

namespace clef::keys {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Result<std::vector<std::string>> ShlexSplit(std::string_view s) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (IsSpace(c)) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      ++i;
    } else if (c == '#' && !in_word) {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '\\') {
      if (i + 1 >= s.size()) return MakeError("command ends with an unfinished escape (\\)");
      word.push_back(s[i + 1]);
      in_word = true;
      i += 2;
    } else if (c == '\'') {
      size_t end = s.find('\'', i + 1);
      if (end == std::string_view::npos) return MakeError("command has an unclosed ' quote");
      word.append(s.substr(i + 1, end - i - 1));
      in_word = true;
      i = end + 1;
    } else if (c == '"') {
      ++i;
      in_word = true;
      while (true) {
        if (i >= s.size()) return MakeError("command has an unclosed \" quote");
        char d = s[i];
        if (d == '"') {
          ++i;
          break;
        }
        if (d == '\\' && i + 1 < s.size() &&
            (s[i + 1] == '"' || s[i + 1] == '\\' || s[i + 1] == '$' || s[i + 1] == '`' ||
             s[i + 1] == '\n')) {
          word.push_back(s[i + 1]);
          i += 2;
          continue;
        }
        word.push_back(d);
        ++i;
      }
    } else {
      word.push_back(c);
      in_word = true;
      ++i;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

}  // namespace clef::keys
