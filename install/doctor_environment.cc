// clef doctor: the machine's side (tool versions, local identities for the recipients).
#include <algorithm>

#include "core/manifest/manifest.h"
#include "core/manifest/repo_files.h"
#include "core/manifest/sops_config.h"
#include "install/doctor.h"
#include "install/installer.h"
#include "install/local_identities.h"
#include "install/program_output.h"

namespace clef::install {
namespace {

constexpr const char* kClefTools[] = {"clef",       "clef-install", "clef-doctor",
                                      "clef-merge-driver", "clef-merge", "clef-filter",
                                      "clef-lint",  "clef-scan",    "clef-guard"};

void Add(std::vector<DoctorCheck>& out, const char* section, std::string subject,
         CheckStatus status, std::string detail, std::string fix = {}) {
  out.push_back({section, std::move(subject), status, std::move(detail), std::move(fix)});
}

// The first line `program --version` prints, or empty when it does not answer.
std::string VersionLine(const std::string& program, const std::string& flag = "--version") {
  Result<ProgramOutput> out = RunProgram({program, flag});
  if (!out.ok() || out->exit_code != 0) return {};
  std::string line = out->text.substr(0, out->text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

bool IsWired(const std::string& name) {
  return name == kMergeDriverTool || name == kFilterTool || name == kLintTool;
}

// Whether any of `recipients` is one this machine can decrypt for; `how` says which.
bool CanDecrypt(const std::vector<manifest::Recipient>& recipients, const LocalIdentities& local,
                std::string& how) {
  for (const manifest::Recipient& r : recipients) {
    if (r.kind == manifest::RecipientKind::kAge &&
        std::find(local.age_recipients.begin(), local.age_recipients.end(), r.id) !=
            local.age_recipients.end()) {
      how = "local age identity for " + manifest::KeyPreview(r.id);
      return true;
    }
    if (r.kind == manifest::RecipientKind::kPgp && GpgHasSecretKey(r.id)) {
      how = "gpg secret key " + r.id;
      return true;
    }
  }
  return false;
}

std::string DescribeRecipients(const std::vector<manifest::Recipient>& recipients) {
  std::string out;
  for (const manifest::Recipient& r : recipients) {
    if (!out.empty()) out += ", ";
    out += r.kind == manifest::RecipientKind::kAge ? manifest::KeyPreview(r.id)
                                                   : std::string(manifest::RecipientKindName(r.kind)) + " " + r.id;
  }
  return out.empty() ? "none declared" : out;
}

void CheckRecipients(const std::string& subject, const std::vector<manifest::Recipient>& recipients,
                     const LocalIdentities& local, std::vector<DoctorCheck>& out) {
  std::string how;
  if (CanDecrypt(recipients, local, how)) {
    Add(out, "identities", subject, CheckStatus::kOk, "can decrypt: " + how);
    return;
  }
  bool cloud = std::any_of(recipients.begin(), recipients.end(), [](const manifest::Recipient& r) {
    return r.kind != manifest::RecipientKind::kAge && r.kind != manifest::RecipientKind::kPgp;
  });
  Add(out, "identities", subject, CheckStatus::kNote,
      "no local identity for its recipients (" + DescribeRecipients(recipients) + ")" +
          (cloud ? "; cloud KMS access is not checked" : ""),
      "ask an owner to add your public key, then point SOPS_AGE_KEY_FILE at your identity");
}

}  // namespace

void CheckTools(const ToolLocator& tools, std::vector<DoctorCheck>& out) {
  for (const char* name : kClefTools) {
    ToolPath tool = tools.Find(name);
    if (!tool.found) {
      Add(out, "tools", name, IsWired(name) ? CheckStatus::kProblem : CheckStatus::kNote,
          "not found beside this clef (" + tools.self_dir() + ") or on PATH",
          "install clef-git completely (apt install ./clef-git_<version>_<arch>.deb, or cmake "
          "--install build)");
      continue;
    }
    std::string version = VersionLine(tool.path);
    Add(out, "tools", name, CheckStatus::kOk,
        (version.empty() ? std::string("(no --version answer)") : version) + "  " + tool.path);
  }
  struct External {
    const char* name;
    const char* why;
  };
  for (External e : {External{"git", "needed by every clef tool"},
                     External{"sops", "to edit secrets (clef's own tools do not need it)"},
                     External{"age", "optional: age identities are handled natively"},
                     External{"gpg", "for PGP recipients"}}) {
    std::string path = FindOnPath(e.name, std::getenv("PATH") ? std::getenv("PATH") : "");
    if (path.empty()) {
      Add(out, "tools", e.name, std::string(e.name) == "git" ? CheckStatus::kProblem : CheckStatus::kNote,
          std::string("not on PATH: ") + e.why, std::string("apt install ") + (std::string(e.name) == "gpg" ? "gnupg" : e.name));
      continue;
    }
    std::string version = VersionLine(path);
    Add(out, "tools", e.name, CheckStatus::kOk, (version.empty() ? path : version + "  " + path));
  }
}

void CheckIdentities(const RepoContext& repo, std::vector<DoctorCheck>& out) {
  LocalIdentities local = FindLocalAgeIdentities(repo.worktree_root);
  std::string sources;
  for (const std::string& s : local.sources) sources += (sources.empty() ? "" : "; ") + s;
  Add(out, "identities", "age identities", CheckStatus::kNote,
      std::to_string(local.age_recipients.size()) + " found" + (sources.empty() ? "" : " (" + sources + ")"));
  for (const std::string& note : local.notes) Add(out, "identities", "age identities", CheckStatus::kNote, note);

  manifest::WorkingTreeFiles files(repo.worktree_root);
  if (files.Exists(manifest::kManifestFileName)) {
    Result<manifest::Manifest> m = manifest::LoadManifest(files);
    if (!m.ok()) {
      Add(out, "identities", "clef.yaml", CheckStatus::kNote,
          "not checked: " + m.error().Describe(), "clef lint");
      return;
    }
    for (const manifest::Environment& env : m->environments) {
      CheckRecipients("environment " + env.name, manifest::DeclaredRecipients(*m, env), local, out);
    }
    return;
  }
  Result<std::optional<manifest::SopsConfig>> cfg = manifest::LoadSopsConfig(files);
  if (!cfg.ok()) {
    Add(out, "identities", ".sops.yaml", CheckStatus::kNote, "not checked: " + cfg.error().Describe(),
        "clef lint");
    return;
  }
  if (!*cfg) return;
  for (const manifest::CreationRule& rule : (*cfg)->creation_rules) {
    std::string subject = ".sops.yaml rule " + std::to_string(rule.index + 1) +
                          (rule.path_regex.empty() ? "" : " (" + rule.path_regex + ")");
    CheckRecipients(subject, rule.Recipients(), local, out);
  }
}

}  // namespace clef::install
