#include "scan/config.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace clef::scan {
namespace {

Error At(const std::string& file, const YAML::Node& n, const std::string& message) {
  Error e = MakeError(message, file, n.Mark().line + 1, n.Mark().column + 1);
  e.hint = "see the format in `clef scan --help-config`";
  return e;
}

Result<std::vector<std::string>> StringList(const std::string& file, const YAML::Node& n, const char* what) {
  std::vector<std::string> out;
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
    return out;
  }
  if (!n.IsSequence()) return At(file, n, std::string(what) + " must be a list of strings");
  for (const auto& item : n) {
    if (!item.IsScalar()) return At(file, item, std::string(what) + " must be a list of strings");
    out.push_back(item.Scalar());
  }
  return out;
}

Status ApplyRule(const std::string& file, const YAML::Node& node, ScanConfig& cfg) {
  if (!node.IsMap()) return At(file, node, "each entry of 'rules' must be a mapping with at least an 'id'");
  const YAML::Node id = node["id"];
  if (!id || !id.IsScalar() || id.Scalar().empty()) return At(file, node, "rule without an 'id'");
  Rule* target = nullptr;
  size_t index = 0;
  for (size_t i = 0; i < cfg.rules.size(); ++i)
    if (cfg.rules[i].id == id.Scalar()) {
      target = &cfg.rules[i];
      index = i;
    }
  bool is_new = target == nullptr;
  Rule fresh;
  if (is_new) {
    fresh.id = id.Scalar();
    fresh.secret_group = 1;
    target = &fresh;
  }
  static const std::set<std::string> kFields = {"id", "description", "regex", "keywords", "secret_group",
                                                "entropy", "max_span"};
  for (const auto& kv : node) {
    std::string key = kv.first.Scalar();
    if (!kFields.count(key)) return At(file, kv.first, "unknown field '" + key + "' in rule '" + id.Scalar() + "'");
    const YAML::Node& v = kv.second;
    try {
      if (key == "description") target->description = v.as<std::string>();
      else if (key == "regex") target->regex = v.as<std::string>();
      else if (key == "secret_group") target->secret_group = v.as<int>();
      else if (key == "entropy") target->min_entropy = v.as<double>();
      else if (key == "max_span") target->max_span = v.as<int>();
      else if (key == "keywords") {
        auto list = StringList(file, v, "keywords");
        if (!list.ok()) return list.error();
        target->keywords = *list;
      }
    } catch (const YAML::Exception&) {
      return At(file, v, "field '" + key + "' of rule '" + id.Scalar() + "' has the wrong type");
    }
  }
  if (target->regex.empty()) return At(file, node, "rule '" + id.Scalar() + "' has no 'regex'");
  if (target->keywords.empty())
    return At(file, node, "rule '" + id.Scalar() + "' has no 'keywords' (literal text every match contains)");
  re2::RE2 re(target->regex, RuleRegexOptions());
  if (!re.ok()) return At(file, node["regex"] ? node["regex"] : node, "rule '" + id.Scalar() + "': invalid regex: " + re.error());
  if (target->secret_group > re.NumberOfCapturingGroups()) {
    if (is_new && !node["secret_group"]) target->secret_group = 0;
    else return At(file, node, "rule '" + id.Scalar() + "': secret_group exceeds the regex's groups");
  }
  if (is_new) {
    // User rules are specific: they go before the generic built-ins.
    size_t pos = 0;
    while (pos < cfg.rules.size() && !cfg.rules[pos].generic) ++pos;
    cfg.rules.insert(cfg.rules.begin() + static_cast<long>(pos), fresh);
    cfg.user_defined.insert(cfg.user_defined.begin() + static_cast<long>(pos), true);
  } else {
    cfg.user_defined[index] = true;
  }
  return Status::Ok();
}

}  // namespace

Result<ScanConfig> ParseScanConfig(const std::string& text, const std::string& file) {
  ScanConfig cfg;
  cfg.rules = BuiltinRules();
  cfg.user_defined.assign(cfg.rules.size(), false);
  cfg.file = file;
  if (text.empty()) return cfg;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    Error err = MakeError("invalid YAML: " + e.msg, file, e.mark.line + 1, e.mark.column + 1);
    return err;
  }
  if (root.IsNull()) return cfg;
  if (!root.IsMap()) return At(file, root, "the scanner configuration must be a mapping");
  for (const auto& kv : root) {
    std::string key = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    if (key == "rules") {
      if (!v.IsSequence()) return At(file, v, "'rules' must be a list");
      for (const auto& r : v)
        if (Status s = ApplyRule(file, r, cfg); !s.ok()) return s.error();
    } else if (key == "disabled_rules") {
      auto ids = StringList(file, v, "disabled_rules");
      if (!ids.ok()) return ids.error();
      for (const auto& id : *ids) {
        bool found = false;
        for (size_t i = 0; i < cfg.rules.size(); ++i) {
          if (cfg.rules[i].id == id) {
            cfg.rules.erase(cfg.rules.begin() + static_cast<long>(i));
            cfg.user_defined.erase(cfg.user_defined.begin() + static_cast<long>(i));
            found = true;
            break;
          }
        }
        if (!found) return At(file, v, "cannot disable unknown rule '" + id + "'");
      }
    } else if (key == "allow") {
      if (!v.IsMap()) return At(file, v, "'allow' must be a mapping with 'paths' and/or 'secrets'");
      for (const auto& a : v) {
        std::string ak = a.first.Scalar();
        auto list = StringList(file, a.second, ak.c_str());
        if (!list.ok()) return list.error();
        if (ak == "paths") {
          std::string joined;
          for (const auto& p : *list) joined += p + "\n";
          cfg.allow_paths = ClefIgnore::Parse(joined);
        } else if (ak == "secrets") {
          for (const auto& s : *list) {
            re2::RE2::Options o;
            o.set_log_errors(false);
            auto re = std::make_shared<re2::RE2>(s, o);
            if (!re->ok()) return At(file, a.second, "invalid regex in allow.secrets: " + re->error());
            cfg.allow_secrets.push_back(std::move(re));
          }
        } else {
          return At(file, a.first, "unknown field 'allow." + ak + "' (expected 'paths' or 'secrets')");
        }
      }
    } else if (key == "entropy_detector") {
      try {
        cfg.entropy_detector = v.as<bool>();
      } catch (const YAML::Exception&) {
        return At(file, v, "'entropy_detector' must be true or false");
      }
    } else {
      return At(file, kv.first, "unknown field '" + key + "' (expected rules, disabled_rules, allow, entropy_detector)");
    }
  }
  return cfg;
}

Result<ScanConfig> LoadScanConfig(const std::string& root, const std::string& explicit_file) {
  std::vector<std::string> candidates;
  if (!explicit_file.empty()) candidates.push_back(explicit_file);
  else candidates = {root + "/.clef/scan.yaml", root + "/.clefscan.yaml"};
  for (const auto& path : candidates) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      if (!explicit_file.empty()) return MakeError("cannot read the scanner configuration", path);
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string rel = path.rfind(root + "/", 0) == 0 ? path.substr(root.size() + 1) : path;
    return ParseScanConfig(ss.str(), rel);
  }
  return ParseScanConfig("", "");
}

}  // namespace clef::scan
