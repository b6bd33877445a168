// Seeded plaintext generator and real-sops encryption for the document corpus (sops_corpus.h).
#include "support/sops_corpus.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <set>
#include <algorithm>
#include <sstream>
#include <thread>

namespace clef::testing {
namespace {

namespace fs = std::filesystem;

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Int(1, 100) <= percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Int(0, static_cast<int>(v.size()) - 1)]; }

  // ---- YAML ----
  std::string YamlFile() {
    indent_step_ = Chance(50) ? 2 : 4;
    used_keys_.clear();
    std::string out;
    if (Chance(50)) out += "# " + Pick(kCommentWords) + " head\n";
    if (Chance(10)) out += "---\n";
    int n = Int(2, 9);
    YamlMapBody(&out, 0, n, 0);
    if (Chance(30)) out += "# trailing " + Pick(kCommentWords) + "\n";
    return out;
  }

  // ---- JSON ----
  std::string JsonFile() {
    std::string out;
    JsonMap(&out, 0, true);
    out += "\n";
    return out;
  }

  // ---- dotenv ----
  std::string DotenvFile() {
    std::string out;
    int n = Int(2, 10);
    for (int i = 0; i < n; ++i) {
      if (Chance(20)) out += "# " + Pick(kCommentWords) + "\n";
      if (Chance(10)) out += "\n";
      std::string key = "KEY_" + std::to_string(i) + (Chance(20) ? "_unencrypted" : "");
      static const std::vector<std::string> kValues = {
          "plain", "with space", "x=y=z", "", "héllo ✓", "line1\\nline2", "123", "true",
          "  padded  ", "'quoted'", "\"dq\"", "tok_abc123", "a#b"};
      out += key + "=" + Pick(kValues) + "\n";
    }
    return out;
  }

 private:
  std::string Key(int depth) {
    static const std::vector<std::string> kPlain = {"host", "port", "password", "token", "user",
                                                     "name", "list", "nested", "db", "api",
                                                     "ratio", "flag", "when", "note", "data"};
    static const std::vector<std::string> kQuoted = {"\"yes\"", "\"123\"", "\"with space\"",
                                                      "'single q'", "\"a: b\"", "\"#hash\"",
                                                      "\"true\"", "unicodé", "\"\"", "key-dash",
                                                      "dotted.key", "\"null\""};
    for (int attempt = 0;; ++attempt) {
      std::string k = Chance(20) ? Pick(kQuoted) : Pick(kPlain) + std::to_string(Int(0, 99));
      if (Chance(15) && k[0] != '"' && k[0] != '\'') k += "_unencrypted";
      std::string id = std::to_string(depth) + ":" + k;
      if (used_keys_.insert(id).second || attempt > 50) return k;
    }
  }

  std::string Scalar(bool in_list) {
    static const std::vector<std::string> kScalars = {
        "localhost", "\"s3cr3t: with colon\"", "'single ''quoted'''", "42", "-7", "0x1F",
        "1_000", "0o17", "1.5", "1e21", "-0.5", "6.02e23", "1.0", ".inf", "true", "false", "True",
        "null", "~", "\"\"", "''", "2024-01-02", "2001-12-14T21:59:43.10-05:00",
        "\"héllo ✓\"", "\"😀 emoji\"", "\"tab\\tinside\"", "\"yes\"", "no", "on", "\"123\"",
        "'  leading spaces'", "\"trailing \"", "plain words here", "ENC-like[text]",
        "\"<html>&amp;\"", "\"line\\nbreak\"", "'#not a comment'", "\"a \\\"quote\\\"\"",
        "@at", "\"@at\"", "x: y", "-dash", "\"- item\"", ":colon", "\"\\u00e9\\U0001F600\""};
    std::string s = Pick(kScalars);
    if (s == "x: y") return "\"x: y\"";
    if (s == "@at") return "\"@at sign\"";
    (void)in_list;
    return s;
  }

  void Ind(std::string* out, int n) { out->append(static_cast<size_t>(n), ' '); }

  void Block(std::string* out, int indent, bool allow_leading_space) {
    static const std::vector<std::string> kHeaders = {"|", "|-", ">", ">-", "|+"};
    std::string h = Pick(kHeaders);
    *out += h + "\n";
    int lines = Int(1, 3);
    // A first line that starts with a space needs an indentation indicator.
    bool leading = allow_leading_space && Chance(20);
    if (leading) out->insert(out->size() - 1, std::to_string(indent_step_));
    for (int i = 0; i < lines; ++i) {
      Ind(out, indent + indent_step_);
      if (leading && i == 0) *out += " ";
      *out += "line " + std::to_string(i) + " of text" + (Chance(20) ? " ✓" : "") + "\n";
      if (Chance(15) && i + 1 < lines) *out += "\n";
    }
  }

  void YamlValue(std::string* out, int indent, int depth, bool top) {
    int r = Int(1, 100);
    if (depth < 3 && r <= 15) {  // nested map
      if (Chance(15)) {
        *out += " {a: 1, b: \"two\", c: [x, y]}\n";
        return;
      }
      std::string line_comment = Chance(15) ? " # on key" : "";
      *out += line_comment + "\n";
      YamlMapBody(out, indent + indent_step_, Int(1, 4), depth + 1);
      return;
    }
    if (depth < 3 && r <= 30) {  // list
      if (Chance(15)) {
        *out += " [one, 2, true, null, \"q\"]\n";
        return;
      }
      *out += "\n";
      bool indentless = Chance(30);
      int dash = indentless ? indent : indent + indent_step_;
      int n = Int(1, 4);
      for (int i = 0; i < n; ++i) {
        if (Chance(15)) {
          Ind(out, dash);
          *out += "# list comment\n";
        }
        Ind(out, dash);
        int kind = Int(1, 10);
        if (kind <= 6 || depth >= 2) {
          *out += "- " + Scalar(true) + (Chance(10) ? " # inline item" : "") + "\n";
        } else if (kind <= 8) {
          *out += "- ";
          int m = Int(1, 3);
          for (int j = 0; j < m; ++j) {
            if (j > 0) Ind(out, dash + 2);
            *out += "k" + std::to_string(j) + ": " + Scalar(false) + "\n";
          }
        } else {
          *out += "- {}\n";
        }
      }
      return;
    }
    if (r <= 36) {
      *out += " ";
      Block(out, indent, top);
      return;
    }
    if (r <= 38) {
      *out += Chance(50) ? " {}\n" : " []\n";
      return;
    }
    if (r <= 40) {
      *out += "\n";  // null by omission
      return;
    }
    *out += " " + Scalar(false) + (Chance(12) ? " # inline " + Pick(kCommentWords) : "") + "\n";
  }

  void YamlMapBody(std::string* out, int indent, int n, int depth) {
    for (int i = 0; i < n; ++i) {
      if (Chance(15)) {
        Ind(out, indent);
        *out += "# " + Pick(kCommentWords) + "\n";
      }
      if (Chance(5)) *out += "\n";
      Ind(out, indent);
      *out += Key(depth) + ":";
      YamlValue(out, indent, depth, depth == 0);
    }
    if (depth > 0 && Chance(10)) {
      Ind(out, indent);
      *out += "# foot of block\n";
    }
  }

  void JsonScalar(std::string* out) {
    static const std::vector<std::string> kValues = {
        "\"localhost\"", "5432", "-7", "1.5", "1e21", "1.0", "-0", "0.1", "123456789012",
        "true", "false", "null", "\"\"", "\"<a&b>\"", "\"line\\nbreak\"", "\"h\\u00e9llo\"",
        "\"\\u2028sep\"", "\"tab\\t\"", "\"quote \\\" and \\\\\"", "\"héllo ✓\"", "\"😀\"",
        "\"\\u0001ctl\"", "\"a/b\""};
    *out += Pick(kValues);
  }

  void JsonMap(std::string* out, int depth, bool top) {
    int n = top ? Int(2, 8) : Int(0, 4);
    *out += "{";
    for (int i = 0; i < n; ++i) {
      if (i > 0) *out += ", ";
      std::string key = "k" + std::to_string(i) + (Chance(15) ? "_unencrypted" : "");
      if (Chance(10)) key = "<key&" + std::to_string(i) + ">";
      *out += "\"" + key + "\": ";
      JsonValue(out, depth);
    }
    *out += "}";
  }

  void JsonValue(std::string* out, int depth) {
    int r = Int(1, 100);
    if (depth < 3 && r <= 15) return JsonMap(out, depth + 1, false);
    if (depth < 3 && r <= 30) {
      int n = Int(0, 4);
      *out += "[";
      for (int i = 0; i < n; ++i) {
        if (i > 0) *out += ",";
        JsonValue(out, depth + 1);
      }
      *out += "]";
      return;
    }
    JsonScalar(out);
  }

  static inline const std::vector<std::string> kCommentWords = {
      "database credentials", "note", "TODO rotate", "héllo comment", "keep: this", "x"};

  std::mt19937_64 rng_;
  int indent_step_ = 2;
  std::set<std::string> used_keys_;
};

std::string ReadFile(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f << text;
}

std::string RecipientOf(const std::string& identity_file_text) {
  auto pos = identity_file_text.find("# public key: ");
  if (pos == std::string::npos) return {};
  auto end = identity_file_text.find('\n', pos);
  return identity_file_text.substr(pos + 14, end - pos - 14);
}

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

}  // namespace

uint64_t ResolveCorpusSeed(const CorpusOptions& options) {
  if (options.seed != 0) return options.seed;
  if (const char* env = std::getenv("CLEF_CORPUS_SEED"); env && *env)
    return std::strtoull(env, nullptr, 10);
  return std::random_device{}() | (static_cast<uint64_t>(std::random_device{}()) << 32) | 1;
}

std::vector<CorpusFile> GenerateCorpusPlaintexts(uint64_t seed, int count) {
  Gen gen(seed);
  std::vector<CorpusFile> files;
  for (int i = 0; i < count; ++i) {
    CorpusFile f;
    int r = gen.Int(1, 100);
    char num[16];
    std::snprintf(num, sizeof num, "f%03d", i);
    if (r <= 65) {
      f.format = doc::Format::kYaml;
      f.name = std::string(num) + ".enc.yaml";
      f.plaintext = gen.YamlFile();
    } else if (r <= 85) {
      f.format = doc::Format::kJson;
      f.name = std::string(num) + ".enc.json";
      f.plaintext = gen.JsonFile();
    } else {
      f.format = doc::Format::kDotenv;
      f.name = std::string(num) + ".enc.env";
      f.plaintext = gen.DotenvFile();
    }
    files.push_back(std::move(f));
  }
  return files;
}

Corpus BuildSopsCorpus(const CorpusOptions& options) {
  Corpus corpus;
  corpus.seed = ResolveCorpusSeed(options);
  std::cerr << "sops corpus seed: " << corpus.seed << " (set CLEF_CORPUS_SEED to replay)\n";
#ifdef CLEF_SOPS_BIN
  std::string sops = options.sops_bin.empty() ? CLEF_SOPS_BIN : options.sops_bin;
#else
  std::string sops = options.sops_bin;
#endif
#ifdef CLEF_TESTDATA_DIR
  std::string testdata = options.testdata_dir.empty() ? CLEF_TESTDATA_DIR : options.testdata_dir;
#else
  std::string testdata = options.testdata_dir;
#endif
  char tmpl[] = "/tmp/clef-sops-corpus-XXXXXX";
  if (!mkdtemp(tmpl)) {
    corpus.error = "cannot create a temporary directory";
    return corpus;
  }
  fs::path root = tmpl;
  // Identities: the two fixture identities and a fresh one.
  std::vector<std::string> identities = {
      ReadFile(fs::path(testdata) / "sops-3.12.2" / "identity-a.txt"),
      ReadFile(fs::path(testdata) / "sops-3.12.2" / "identity-b.txt")};
  if (std::system(("age-keygen -o " + ShellQuote((root / "fresh.txt").string()) +
                   " >/dev/null 2>&1").c_str()) == 0)
    identities.push_back(ReadFile(root / "fresh.txt"));
  std::vector<std::string> recipients;
  for (const auto& id : identities) recipients.push_back(RecipientOf(id));

  corpus.files = GenerateCorpusPlaintexts(corpus.seed, options.count);
  Gen choice(corpus.seed ^ 0x5eedULL);
  struct Job {
    fs::path dir;
    std::string command;
  };
  std::vector<Job> jobs;
  for (size_t i = 0; i < corpus.files.size(); ++i) {
    CorpusFile& f = corpus.files[i];
    int nrec = choice.Int(1, static_cast<int>(recipients.size()));
    std::vector<int> order = {0, 1, 2};
    order.resize(recipients.size());
    std::shuffle(order.begin(), order.end(), std::mt19937_64(corpus.seed + i));
    std::string rec_list;
    for (int k = 0; k < nrec; ++k) {
      f.recipients.push_back(recipients[order[k]]);
      f.age_key_file += identities[order[k]];
      rec_list += (k ? "," : "") + recipients[order[k]];
    }
    fs::path dir = root / ("d" + std::to_string(i));
    fs::create_directories(dir);
    std::string plain_name = f.name;
    plain_name.replace(plain_name.find(".enc"), 4, "");
    WriteFile(dir / plain_name, f.plaintext);
    int rule = choice.Int(1, 100);
    std::string config = "creation_rules:\n  - age: " + rec_list + "\n";
    if (f.format != doc::Format::kDotenv) {
      if (rule <= 12) config += "    encrypted_regex: '^(password|token|k1|host).*'\n", f.rule = "encrypted_regex";
      else if (rule <= 24) config += "    unencrypted_regex: '^(name|list|nested|k0|db|when).*'\n", f.rule = "unencrypted_regex";
      else if (rule <= 34) config += "    encrypted_comment_regex: 'TODO'\n", f.rule = "encrypted_comment_regex";
      else if (rule <= 44) config += "    unencrypted_comment_regex: '.'\n", f.rule = "unencrypted_comment_regex";
      else if (rule <= 52)
        config += "    encrypted_regex: '^(password|k2).*'\n    mac_only_encrypted: true\n",
            f.rule = "mac_only_encrypted";
    }
    WriteFile(dir / ".sops.yaml", config);
    std::string type = f.format == doc::Format::kDotenv ? " --input-type dotenv --output-type dotenv" : "";
    Job job;
    job.dir = dir;
    job.command = "cd " + ShellQuote(dir.string()) + " && SOPS_AGE_KEY_FILE=/dev/null " +
                  ShellQuote(sops) + " --config .sops.yaml encrypt" + type + " " +
                  ShellQuote(plain_name) + " > out 2> err";
    jobs.push_back(std::move(job));
  }
  std::atomic<size_t> next{0};
  std::mutex mu;
  auto worker = [&] {
    while (true) {
      size_t i = next++;
      if (i >= jobs.size()) return;
      int rc = std::system(jobs[i].command.c_str());
      std::string out = ReadFile(jobs[i].dir / "out");
      std::lock_guard<std::mutex> lock(mu);
      if (rc != 0) {
        corpus.error += corpus.files[i].name + ": sops failed: " + ReadFile(jobs[i].dir / "err") + "\n";
      }
      corpus.files[i].encrypted = std::move(out);
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < std::max(1, options.parallel); ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  std::error_code ec;
  fs::remove_all(root, ec);
  return corpus;
}

}  // namespace clef::testing
