#include "scan/baseline.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "scan/json_writer.h"

namespace clef::scan {

Result<Baseline> Baseline::Load(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    Error e = MakeError("cannot read the baseline", file);
    e.hint = "create one with `clef scan --write-baseline " + file + "`";
    return e;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.find("\"version\"") == std::string::npos || text.find("\"fingerprints\"") == std::string::npos) {
    Error e = MakeError("not a clef scan baseline (no \"version\"/\"fingerprints\")", file, 1);
    e.hint = "regenerate it with `clef scan --write-baseline " + file + "`";
    return e;
  }
  // The format is ours and flat: every "fingerprint": "<hex>" pair is an entry.
  Baseline b;
  const std::string key = "\"fingerprint\"";
  size_t pos = 0;
  while ((pos = text.find(key, pos)) != std::string::npos) {
    pos += key.size();
    size_t q1 = text.find('"', text.find(':', pos));
    size_t q2 = q1 == std::string::npos ? q1 : text.find('"', q1 + 1);
    if (q2 == std::string::npos) {
      int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
      return MakeError("malformed fingerprint entry", file, line);
    }
    b.known_.insert(text.substr(q1 + 1, q2 - q1 - 1));
    pos = q2 + 1;
  }
  return b;
}

Status WriteBaseline(const std::string& file, const std::vector<Finding>& findings) {
  std::map<std::string, std::pair<std::string, std::string>> entries;
  for (const auto& f : findings) entries[f.fingerprint] = {f.rule_id, f.path};
  std::string out = "{\n  \"version\": 1,\n  \"fingerprints\": [";
  bool first = true;
  for (const auto& [fp, rp] : entries) {
    out += first ? "\n" : ",\n";
    first = false;
    out += "    {\"fingerprint\": " + JsonString(fp) + ", \"rule_id\": " + JsonString(rp.first) +
           ", \"path\": " + JsonString(rp.second) + "}";
  }
  out += first ? "]\n}\n" : "\n  ]\n}\n";
  std::string tmp = file + ".tmp-clef-scan";
  {
    std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
    if (!o) return MakeError("cannot write the baseline", file);
    o << out;
    if (!o.flush()) return MakeError("cannot write the baseline", file);
  }
  if (std::rename(tmp.c_str(), file.c_str()) != 0) {
    std::remove(tmp.c_str());
    return MakeError("cannot replace the baseline", file);
  }
  return Status::Ok();
}

}  // namespace clef::scan
