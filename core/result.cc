#include "core/result.h"

namespace clef {

std::string Error::Describe() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += ":" + std::to_string(line);
      if (column > 0) out += ":" + std::to_string(column);
    }
    out += ": ";
  }
  out += message;
  if (!hint.empty()) out += " (" + hint + ")";
  return out;
}

Error Error::InFile(const std::string& path) const {
  Error copy = *this;
  if (copy.file.empty()) copy.file = path;
  return copy;
}

}  // namespace clef
