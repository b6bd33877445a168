#include "scan/scanner.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "core/git/git_cli.h"
#include "core/git/handles.h"
#include "core/git/history.h"
#include "core/git/objects.h"
#include "core/git/repository.h"
#include "core/git/tree_diff.h"
#include "core/manifest/sops_config.h"
#include "scan/baseline.h"
#include "scan/clefignore.h"
#include "scan/config.h"
#include "scan/detector.h"
#include "scan/file_reader.h"
#include "scan/sops_check.h"

namespace clef::scan {
namespace {

namespace fs = std::filesystem;

struct Target {
  std::string path;     // as reported
  std::string fs_path;  // on disk; empty when read from git
  git_oid blob{};
  int32_t commit = -1;   // history: index into commits
  int32_t content = -1;  // staged: index into Context::staged (bytes already read)
};

struct Context {
  const ScanOptions& options;
  std::string root;  // repository root or the scan's base folder
  ScanConfig config;
  std::unique_ptr<RuleSet> rules;
  ClefIgnore clefignore;
  std::optional<manifest::SopsConfig> sops_config;
  git::UniqueBlobsResult history;
  std::vector<std::string> staged;  // staged blob contents
};

std::string ReadSmallFile(const std::string& path) {
  auto fb = FileBytes::Read(path, 4 << 20);
  return fb.ok() ? std::string(fb->view()) : std::string();
}

bool MustBeEncrypted(const Context& ctx, const std::string& path) {
  if (IsSopsFileName(path)) return true;
  if (!ctx.sops_config) return false;
  const manifest::CreationRule* rule = ctx.sops_config->RuleFor(path);
  return rule && !rule->path_regex.empty();
}

bool SkipPath(const Context& ctx, const std::string& path) {
  if (path == ".git" || path.rfind(".git/", 0) == 0 || path.find("/.git/") != std::string::npos)
    return true;
  if (path == ".clefignore" || path == ".clef/scan.yaml" || path == ".clefscan.yaml") return true;
  if (!ctx.config.file.empty() && path == ctx.config.file) return true;
  if (ctx.clefignore.IgnoresPath(path) || ctx.config.allow_paths.IgnoresPath(path)) return true;
  return false;
}

// Scans one buffer; appends findings (with suppression applied) to `out`.
void ScanBuffer(const Context& ctx, const Detector& detector, std::string_view content,
                const std::string& path, std::vector<Finding>& out, std::vector<Error>& warnings) {
  std::vector<Finding> found = detector.Scan(content, path);
  if (MustBeEncrypted(ctx, path) && !LooksBinary(content)) {
    auto sops = CheckSopsFile(content, path);
    if (!sops.ok()) {
      warnings.push_back(sops.error());
    } else {
      for (auto& f : *sops) {
        f.fingerprint = Fingerprint(f.rule_id, f.path, f.key_path + "\0" + f.secret);
        found.push_back(std::move(f));
      }
    }
  }
  for (auto& f : found) {
    if (ctx.clefignore.IgnoresRule(f.rule_id)) continue;
    bool allowed = false;
    for (const auto& re : ctx.config.allow_secrets)
      if (re2::RE2::PartialMatch(f.secret, *re)) allowed = true;
    if (!allowed) out.push_back(std::move(f));
  }
}

Status ListWorkTree(Context& ctx, std::vector<Target>& targets) {
  auto out = git::RunGit({"ls-files", "-z", "-co", "--exclude-standard"}, ctx.root);
  if (!out.ok()) return out.error();
  if (out->exit_code != 0) return MakeError("git ls-files failed: " + out->stderr_text, ctx.root);
  const std::string& s = out->stdout_text;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t z = s.find('\0', pos);
    if (z == std::string::npos) z = s.size();
    std::string rel = s.substr(pos, z - pos);
    pos = z + 1;
    if (rel.empty() || SkipPath(ctx, rel)) continue;
    targets.push_back(Target{rel, ctx.root + "/" + rel, {}, -1});
  }
  return Status::Ok();
}

void ListPath(Context& ctx, const std::string& arg, std::vector<Target>& targets,
              std::vector<Error>& warnings) {
  std::error_code ec;
  fs::path p(arg);
  fs::path root = fs::weakly_canonical(fs::path(ctx.root), ec);
  auto display = [&](const fs::path& file) {
    fs::path abs = fs::absolute(file, ec).lexically_normal();
    fs::path rel = abs.lexically_relative(root);
    std::string r = rel.generic_string();
    return (r.empty() || r.rfind("..", 0) == 0) ? file.generic_string() : r;
  };
  auto add_file = [&](const fs::path& file) {
    std::string shown = display(file);
    if (fs::is_symlink(fs::symlink_status(file, ec))) {
      fs::path target = fs::weakly_canonical(file, ec);
      std::string rel = target.lexically_relative(root).generic_string();
      if (ec || rel.empty() || rel.rfind("..", 0) == 0) {
        Error e = MakeError(
            "symbolic link points outside the scanned tree (to " + target.string() + "); skipped",
            shown);
        warnings.push_back(e);
        return;
      }
      if (!fs::is_regular_file(target, ec)) return;
    }
    if (SkipPath(ctx, shown)) return;
    targets.push_back(Target{shown, file.string(), {}, -1});
  };
  fs::file_status st = fs::symlink_status(p, ec);
  if (ec || !fs::exists(st)) {
    warnings.push_back(MakeError("no such file or directory; skipped", arg));
    return;
  }
  if (fs::is_directory(st)) {
    // readdir with d_type: no stat per entry, no path objects; display paths by concatenation.
    std::string shown_root = display(p);
    std::function<void(const std::string&, const std::string&)> walk =
        [&](const std::string& dir, const std::string& shown) {
          DIR* d = opendir(dir.c_str());
          if (!d) {
            if (errno != EACCES)
              warnings.push_back(
                  MakeError(std::string("cannot read the directory: ") + strerror(errno), dir));
            return;
          }
          std::vector<std::pair<std::string, unsigned char>> entries;
          while (dirent* e = readdir(d)) {
            const char* name = e->d_name;
            if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
            entries.emplace_back(name, e->d_type);
          }
          closedir(d);
          for (auto& [name, type] : entries) {
            std::string child = dir + "/" + name;
            std::string child_shown = shown.empty() ? name : shown + "/" + name;
            if (type == DT_UNKNOWN) {
              struct stat st;
              if (lstat(child.c_str(), &st) != 0) continue;
              type = S_ISDIR(st.st_mode)   ? DT_DIR
                     : S_ISLNK(st.st_mode) ? DT_LNK
                     : S_ISREG(st.st_mode) ? DT_REG
                                           : DT_UNKNOWN;
            }
            if (type == DT_DIR) {
              if (name == ".git" || SkipPath(ctx, child_shown)) continue;
              walk(child, child_shown);
            } else if (type == DT_LNK) {
              add_file(fs::path(child));
            } else if (type == DT_REG) {
              if (SkipPath(ctx, child_shown)) continue;
              targets.push_back(Target{child_shown, child, {}, -1});
            }
          }
        };
    std::string dir = p.string();
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    while (shown_root.size() > 1 && shown_root.back() == '/') shown_root.pop_back();
    walk(dir, shown_root == "." ? std::string() : shown_root);  // the root: children shown bare
  } else {
    add_file(p);
  }
}

// The work tree root the way git finds it (the nearest folder upwards holding `.git`), without
// running git; "" when the environment redirects git (GIT_DIR, GIT_WORK_TREE, ceilings) and git
// must be asked.
std::string FindWorkTreeRoot(const std::string& start_dir) {
  for (const char* v :
       {"GIT_DIR", "GIT_WORK_TREE", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM"})
    if (getenv(v) != nullptr) return "";
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir, ec).lexically_normal();
  if (ec) return "";
  for (;;) {
    if (access((dir / ".git").c_str(), F_OK) == 0) {
      std::string r = dir.string();
      while (r.size() > 1 && r.back() == '/') r.pop_back();
      return r;
    }
    if (!dir.has_relative_path()) return "";
    dir = dir.parent_path();
  }
}

// The index against HEAD through git itself: `git diff --cached` uses the index's cache-tree
// (unchanged folders are never opened), honours GIT_INDEX_FILE, and an unborn HEAD; the blobs
// come from one `git cat-file --batch`. No libgit2 here: its start-up alone (loading the TLS
// certificate store) costs more than this whole pre-commit check.
Status ListStaged(Context& ctx, std::vector<Target>& targets, std::vector<Error>& warnings) {
  auto out =
      git::RunGit({"diff", "--cached", "--raw", "-z", "--no-renames", "--no-abbrev",
                   "--no-ext-diff", "--no-textconv", "--ignore-submodules=all", "--diff-filter=d"},
                  ctx.options.start_dir);
  if (!out.ok()) return out.error();
  if (out->exit_code != 0)
    return MakeError("git diff --cached failed: " + out->stderr_text, ctx.root);
  // ":<old mode> <new mode> <old id> <new id> <status>\0<path>\0" per change
  const std::string& s = out->stdout_text;
  std::vector<std::string> ids;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t z = s.find('\0', pos);
    if (z == std::string::npos) break;
    std::string meta = s.substr(pos, z - pos);
    size_t pz = s.find('\0', z + 1);
    if (pz == std::string::npos) pz = s.size();
    std::string path = s.substr(z + 1, pz - z - 1);
    pos = pz + 1;
    // meta: ":100644 100644 <id> <id> M"
    if (meta.size() < 2 || meta[0] != ':') continue;
    size_t f1 = meta.find(' ');
    size_t f2 = meta.find(' ', f1 + 1);
    size_t f3 = meta.find(' ', f2 + 1);
    size_t f4 = meta.find(' ', f3 + 1);
    if (f4 == std::string::npos) continue;
    std::string new_mode = meta.substr(f1 + 1, f2 - f1 - 1);
    std::string new_id = meta.substr(f3 + 1, f4 - f3 - 1);
    if (new_mode != "100644" && new_mode != "100755") continue;  // links, submodules, deletions
    if (SkipPath(ctx, path)) continue;
    Target t{path, {}, {}, -1, static_cast<int32_t>(ids.size())};
    targets.push_back(std::move(t));
    ids.push_back(new_id);
  }
  ctx.staged.assign(ids.size(), std::string());
  std::vector<size_t> missing;
  Status read = git::ReadBlobsWithGit(
      ctx.options.start_dir, ids,
      [&](size_t i, std::string_view bytes) { ctx.staged[i].assign(bytes); }, &missing);
  if (!read.ok()) return read;
  for (size_t i : missing) {
    warnings.push_back(
        MakeError("cannot read staged blob " + ids[i] + "; skipped", targets[i].path));
    targets[i].content = -2;
  }
  return Status::Ok();
}

Status ListHistory(Context& ctx, git_repository* repo, std::vector<Target>& targets,
                   std::vector<Error>& warnings) {
  git::HistoryRange range = git::ParseRange(ctx.options.range);
  if (!ctx.options.since.empty()) {
    if (range.include.empty()) range.include.push_back("HEAD");
    range.exclude.push_back(ctx.options.since);
  }
  auto result = git::UniqueBlobs(repo, range, &warnings);
  if (!result.ok()) return result.error();
  ctx.history = std::move(*result);
  for (const auto& b : ctx.history.blobs) {
    if (SkipPath(ctx, b.path)) continue;
    targets.push_back(Target{b.path, {}, b.blob, static_cast<int32_t>(b.commit_index)});
  }
  return Status::Ok();
}

void AttachCommit(const Context& ctx, const Target& t, Finding& f) {
  if (t.commit < 0) return;
  const git::CommitInfo& c = ctx.history.commits[static_cast<size_t>(t.commit)];
  f.has_commit = true;
  f.commit.id = git::OidHex(c.id);
  f.commit.author = c.author_name;
  f.commit.email = c.author_email;
  f.commit.date = git::FormatCommitTime(c);
  f.commit.summary = c.summary;
}

}  // namespace

Result<ScanReport> RunScan(const ScanOptions& options) {
  auto started = std::chrono::steady_clock::now();
  static const bool trace = getenv("CLEF_SCAN_TRACE") != nullptr;
  auto mark = [&](const char* what) {
    if (trace)
      fprintf(stderr, "[trace] %-12s %.1f ms\n", what,
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                  .count());
  };
  // libgit2 only where its object access is needed (history): its start-up alone (loading the
  // TLS certificate store) costs 10-20 ms, a third of a pre-commit budget.
  const bool staged = options.mode == ScanMode::kStaged || options.mode == ScanMode::kBuffers;
  const bool use_libgit2 = options.mode == ScanMode::kHistory;
  std::optional<git::LibGit2> libgit2;
  Context ctx{options, {}, {}, {}, {}, {}, {}, {}};
  ScanReport report;
  git::RepositoryPtr repo;
  if (use_libgit2) {
    libgit2.emplace();
    auto opened = git::OpenRepository(options.start_dir);
    if (!opened.ok()) return opened.error();
    repo = std::move(*opened);
    ctx.root = git::WorkDir(repo.get());
  } else {
    ctx.root = FindWorkTreeRoot(options.start_dir);
    if (ctx.root.empty()) {
      auto top = git::RunGit({"rev-parse", "--show-toplevel"}, options.start_dir);
      bool found = top.ok() && top->exit_code == 0;
      if (!found && options.mode != ScanMode::kPaths && options.mode != ScanMode::kStdin &&
          options.mode != ScanMode::kBuffers) {
        if (!top.ok()) return top.error();
        std::string why = top->stderr_text;
        while (!why.empty() && why.back() == '\n') why.pop_back();
        return MakeError("not inside a git work tree: " + why, options.start_dir);
      }
      if (found) {
        ctx.root = top->stdout_text;
        while (!ctx.root.empty() && (ctx.root.back() == '\n' || ctx.root.back() == '\r'))
          ctx.root.pop_back();
      }
    }
  }
  mark("open");
  if (ctx.root.empty()) ctx.root = fs::absolute(options.start_dir).lexically_normal().string();
  while (ctx.root.size() > 1 && ctx.root.back() == '/') ctx.root.pop_back();

  auto config = LoadScanConfig(ctx.root, options.config_file);
  if (!config.ok()) return config.error();
  ctx.config = std::move(*config);
  auto rules = RuleSet::Build(ctx.config.rules, ctx.config.user_defined);
  if (!rules.ok()) return rules.error().InFile(ctx.config.file);
  ctx.rules = std::move(*rules);
  ctx.clefignore = ClefIgnore::Parse(ReadSmallFile(ctx.root + "/.clefignore"));
  std::string sops_yaml = ReadSmallFile(ctx.root + "/.sops.yaml");
  if (!sops_yaml.empty()) {
    auto parsed = manifest::ParseSopsConfig(sops_yaml, ".sops.yaml");
    if (parsed.ok())
      ctx.sops_config = std::move(*parsed);
    else
      report.warnings.push_back(parsed.error());
  }
  std::optional<Baseline> baseline;
  if (!options.baseline_file.empty()) {
    auto b = Baseline::Load(options.baseline_file);
    if (!b.ok()) return b.error();
    baseline = std::move(*b);
  }

  mark("rules");
  std::vector<Target> targets;
  std::string stdin_bytes;
  switch (options.mode) {
    case ScanMode::kWorkTree:
      if (Status s = ListWorkTree(ctx, targets); !s.ok()) return s.error();
      break;
    case ScanMode::kPaths:
      for (const auto& p : options.paths) ListPath(ctx, p, targets, report.warnings);
      break;
    case ScanMode::kStaged:
      if (Status s = ListStaged(ctx, targets, report.warnings); !s.ok()) return s.error();
      break;
    case ScanMode::kHistory:
      if (Status s = ListHistory(ctx, repo.get(), targets, report.warnings); !s.ok())
        return s.error();
      report.commits = ctx.history.commits.size();
      break;
    case ScanMode::kBuffers:
      if (options.buffers) {
        for (const auto& [path, bytes] : *options.buffers) {
          if (SkipPath(ctx, path)) continue;
          targets.push_back(Target{path, {}, {}, -1, static_cast<int32_t>(ctx.staged.size())});
          ctx.staged.push_back(bytes);
        }
      }
      break;
    case ScanMode::kStdin: {
      char buf[65536];
      ssize_t n;
      while ((n = read(0, buf, sizeof(buf))) > 0) stdin_bytes.append(buf, static_cast<size_t>(n));
      targets.push_back(Target{"-", {}, {}, -1});
      break;
    }
  }

  mark("list");
  Detector detector(*ctx.rules, DetectorOptions{ctx.config.entropy_detector});
  unsigned threads = options.threads > 0 ? static_cast<unsigned>(options.threads)
                                         : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(1, targets.size())));
  std::atomic<size_t> next{0}, scanned{0}, skipped{0};
  std::atomic<uint64_t> bytes{0};
  std::mutex mu;
  bool from_git = options.mode == ScanMode::kHistory;
  bool show_progress = options.progress && isatty(2);

  auto worker = [&](unsigned id) {
    std::vector<Finding> local;
    std::vector<Error> warnings;
    git::RepositoryPtr own;
    if (from_git) {
      auto r = git::OpenRepository(options.start_dir);
      if (r.ok()) own = std::move(*r);
    }
    for (size_t i = next++; i < targets.size(); i = next++) {
      const Target& t = targets[i];
      std::vector<Finding> found;
      if (options.mode == ScanMode::kStdin) {
        ScanBuffer(ctx, detector, stdin_bytes, t.path, found, warnings);
        bytes += stdin_bytes.size();
      } else if (staged) {
        if (t.content < 0) {
          ++skipped;
          continue;
        }
        const std::string& content = ctx.staged[static_cast<size_t>(t.content)];
        if (content.size() > options.max_file_bytes) {
          ++skipped;
          continue;
        }
        ScanBuffer(ctx, detector, content, t.path, found, warnings);
        bytes += content.size();
      } else if (from_git) {
        git_blob* raw = nullptr;
        if (!own || git_blob_lookup(&raw, own.get(), &t.blob) != 0) {
          warnings.push_back(
              git::GitError("cannot read blob " + git::OidHex(t.blob) + "; skipped", t.path));
          ++skipped;
          continue;
        }
        git::BlobPtr blob(raw);
        std::string_view content(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                                 static_cast<size_t>(git_blob_rawsize(blob.get())));
        if (content.size() > options.max_file_bytes) {
          ++skipped;
          continue;
        }
        ScanBuffer(ctx, detector, content, t.path, found, warnings);
        bytes += content.size();
      } else {
        auto fb = FileBytes::Read(t.fs_path, options.max_file_bytes);
        if (!fb.ok()) {
          Error e = fb.error();
          e.file = t.path;
          warnings.push_back(e);
          ++skipped;
          continue;
        }
        ScanBuffer(ctx, detector, fb->view(), t.path, found, warnings);
        bytes += fb->view().size();
      }
      ++scanned;
      for (auto& f : found) {
        AttachCommit(ctx, t, f);
        local.push_back(std::move(f));
      }
      if (show_progress && id == 0 && (i & 63) == 0) {
        std::lock_guard<std::mutex> lock(mu);
        std::cerr << "\rscanning history: " << i << "/" << targets.size() << " blobs" << std::flush;
      }
    }
    std::lock_guard<std::mutex> lock(mu);
    for (auto& f : local) report.findings.push_back(std::move(f));
    for (auto& w : warnings) report.warnings.push_back(std::move(w));
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto& t : pool) t.join();
  if (show_progress) std::cerr << "\r\033[K" << std::flush;
  mark("scan");

  if (baseline) {
    auto keep = std::remove_if(report.findings.begin(), report.findings.end(),
                               [&](const Finding& f) { return baseline->Contains(f.fingerprint); });
    report.suppressed_by_baseline = static_cast<size_t>(report.findings.end() - keep);
    report.findings.erase(keep, report.findings.end());
  }
  std::sort(report.findings.begin(), report.findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.path, a.line, a.column, a.rule_id) <
           std::tie(b.path, b.line, b.column, b.rule_id);
  });
  report.files_scanned = scanned;
  report.files_skipped = skipped;
  report.bytes_scanned = bytes;
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace clef::scan
