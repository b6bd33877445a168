#include "core/manifest/config_yaml.h"

#include <re2/re2.h>
#include <yaml-cpp/eventhandler.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>
#include <vector>

namespace clef::manifest {

namespace {

// Visiting more nodes than this (aliases can multiply a small file) is refused.
constexpr int kMaxVisitedNodes = 200000;
constexpr int kMaxDepth = 200;
constexpr size_t kMaxConfigBytes = size_t{4} << 20;

bool IsQuotedOrTagged(const YAML::Node& node) {
  const std::string& tag = node.Tag();
  return tag != "?";  // "!" = quoted or block scalar, anything else = an explicit tag
}

bool IsBoolText(const std::string& s) {
  return s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" ||
         s == "FALSE";
}

bool IsNumberText(const std::string& s) {
  static const RE2 kInt("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  static const RE2 kFloat(
      R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))");
  return RE2::FullMatch(s, kInt) || RE2::FullMatch(s, kFloat);
}

Error AtMark(const std::string& message, const std::string& file, const YAML::Mark& mark) {
  Error e = MakeError(message, file);
  if (!mark.is_null()) {
    e.line = mark.line + 1;
    e.column = mark.column + 1;
  }
  return e;
}

// Rejects duplicate keys and runaway alias expansion, walking the tree once.
Status CheckTree(const YAML::Node& node, const std::string& file, int depth, int* visited) {
  if (++*visited > kMaxVisitedNodes || depth > kMaxDepth) {
    Error e = AtMark("YAML is too large or too deeply nested/aliased to be a configuration file.",
                     file, node.Mark());
    e.hint = "simplify the file; configuration files need no deep nesting or alias chains";
    return e;
  }
  if (node.IsSequence()) {
    for (const YAML::Node& element : node) {
      if (Status s = CheckTree(element, file, depth + 1, visited); !s.ok()) return s;
    }
  } else if (node.IsMap()) {
    std::set<std::string> seen;
    for (const auto& entry : node) {
      if (entry.first.IsScalar() && !seen.insert(entry.first.Scalar()).second) {
        Error e = AtMark("Duplicate key '" + entry.first.Scalar() + "'.", file,
                         entry.first.Mark());
        e.hint = "each key may appear only once in a mapping; remove or merge the duplicate";
        return e;
      }
      if (Status s = CheckTree(entry.second, file, depth + 1, visited); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

// Counts the documents of a stream (events only, no tree).
class DocumentCounter : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents == 2) second_document = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  int documents = 0;
  YAML::Mark second_document = YAML::Mark::null_mark();
};

// YAML allows no C0 control character except tab, LF and CR, and no DEL (YAML 1.2
// c-printable). Rejecting them up front also keeps yaml-cpp 0.7 away from inputs on which it
// loops forever (found by core/fuzz/manifest_fuzz.cc).
Status CheckPrintable(std::string_view text, const std::string& file,
                      const std::string& syntax_message) {
  int line = 1, column = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      // One UTF-8 sequence: the lead byte says how many continuation bytes follow.
      size_t extra = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 && c < 0xE0 ? 1 : 0;
      bool valid = extra > 0;
      for (size_t k = 1; valid && k <= extra; ++k) {
        valid = i + k < text.size() && (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
      }
      if (!valid) {
        Error e = MakeError(syntax_message + " The file is not valid UTF-8.", file, line, column);
        e.hint = "save the file as UTF-8";
        return e;
      }
      i += extra;
      ++column;
      continue;
    }
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      char code[8];
      std::snprintf(code, sizeof code, "0x%02X", c);
      Error e = MakeError(syntax_message + " The file contains the control character " + code +
                              ", which YAML does not allow.",
                          file, line, column);
      e.hint = "remove the character (or write it as an escape inside a double-quoted string)";
      return e;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return Status::Ok();
}

}  // namespace

const char* YamlTypeName(YamlType type) {
  switch (type) {
    case YamlType::kNull: return "null";
    case YamlType::kBool: return "boolean";
    case YamlType::kNumber: return "number";
    case YamlType::kString: return "string";
    case YamlType::kMap: return "mapping";
    case YamlType::kSeq: return "list";
  }
  return "unknown";
}

Result<YAML::Node> LoadConfigYaml(std::string_view text, const std::string& file,
                                  const std::string& syntax_message) {
  if (text.size() > kMaxConfigBytes) {
    Error e = MakeError(syntax_message + " The file is larger than 4 MiB.", file);
    e.hint = "configuration files are small; check that this is the right file";
    return e;
  }
  if (Status s = CheckPrintable(text, file, syntax_message); !s.ok()) return s.error();
  YAML::Node root;
  try {
    // Count documents with a bounded loop: yaml-cpp 0.7's LoadAll never returns on some
    // malformed inputs (its parser stops advancing), so it is not used.
    std::string owned(text);
    std::istringstream stream(owned);
    YAML::Parser parser(stream);
    DocumentCounter counter;
    while (counter.documents < 2 && parser.HandleNextDocument(counter)) {
    }
    if (counter.documents > 1) {
      Error e = AtMark(syntax_message + " The file holds more than one YAML document.", file,
                       counter.second_document);
      e.hint = "remove the '---' separator and the second document";
      return e;
    }
    root = YAML::Load(owned);
  } catch (const YAML::Exception& ex) {
    Error e = AtMark(syntax_message + " " + ex.msg, file, ex.mark);
    e.hint = "fix the YAML syntax at this line";
    return e;
  } catch (const std::exception& ex) {
    return MakeError(syntax_message + " " + ex.what(), file);
  }
  int visited = 0;
  try {
    if (Status s = CheckTree(root, file, 0, &visited); !s.ok()) return s.error();
  } catch (const YAML::Exception& ex) {
    return AtMark(syntax_message + " " + ex.msg, file, ex.mark);
  }
  return root;
}

YamlType TypeOf(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return YamlType::kNull;
  if (node.IsMap()) return YamlType::kMap;
  if (node.IsSequence()) return YamlType::kSeq;
  const std::string& s = node.Scalar();
  if (IsQuotedOrTagged(node)) {
    const std::string& tag = node.Tag();
    if (tag == "tag:yaml.org,2002:bool" && IsBoolText(s)) return YamlType::kBool;
    if ((tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float") && IsNumberText(s)) {
      return YamlType::kNumber;
    }
    if (tag == "tag:yaml.org,2002:null") return YamlType::kNull;
    return YamlType::kString;
  }
  if (IsBoolText(s)) return YamlType::kBool;
  if (IsNumberText(s)) return YamlType::kNumber;
  return YamlType::kString;
}

double NumberValue(const YAML::Node& node) {
  std::string s = ScalarText(node);
  std::string body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body = body.substr(1);
  }
  double v;
  if (body.rfind("0x", 0) == 0) {
    v = std::strtod(("0x" + body.substr(2)).c_str(), nullptr);
  } else if (body.rfind("0o", 0) == 0) {
    v = 0;
    for (char c : body.substr(2)) v = v * 8 + (c - '0');
  } else if (body == ".inf" || body == ".Inf" || body == ".INF") {
    v = HUGE_VAL;
  } else if (body == ".nan" || body == ".NaN" || body == ".NAN") {
    v = std::nan("");
  } else {
    v = std::strtod(body.c_str(), nullptr);
  }
  return negative ? -v : v;
}

bool IsFalsy(const YAML::Node& node) {
  switch (TypeOf(node)) {
    case YamlType::kNull: return true;
    case YamlType::kBool: return ScalarText(node)[0] == 'f' || ScalarText(node)[0] == 'F';
    case YamlType::kNumber: {
      double v = NumberValue(node);
      return v == 0 || std::isnan(v);
    }
    case YamlType::kString: return ScalarText(node).empty();
    default: return false;
  }
}

std::string ScalarText(const YAML::Node& node) {
  if (!node.IsDefined() || !node.IsScalar()) return {};
  return node.Scalar();
}

int LineOf(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  YAML::Mark m = node.Mark();
  return m.is_null() ? 0 : m.line + 1;
}

int ColumnOf(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  YAML::Mark m = node.Mark();
  return m.is_null() ? 0 : m.column + 1;
}

YAML::Node Child(const YAML::Node& map, const std::string& key) {
  if (!map.IsDefined() || !map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& entry : map) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

}  // namespace clef::manifest
