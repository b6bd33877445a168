#include "precommit/guard_engine.h"

#include <algorithm>
#include <set>

namespace clef::guard {
namespace {

using RecipientSet = std::set<Recipient>;

RecipientSet ToSet(const std::vector<Recipient>& v) { return RecipientSet(v.begin(), v.end()); }

std::set<manifest::RecipientKind> Kinds(const std::vector<Recipient>& v) {
  std::set<manifest::RecipientKind> out;
  for (const auto& r : v) out.insert(r.kind);
  return out;
}

std::string KindList(const std::set<manifest::RecipientKind>& kinds) {
  std::string out;
  for (auto k : kinds) out += (out.empty() ? "" : ",") + std::string(manifest::RecipientKindName(k));
  return out.empty() ? "none" : out;
}

bool Intersects(const std::set<std::string>& a, const std::set<std::string>& b) {
  for (const auto& x : a)
    if (b.count(x)) return true;
  return false;
}

class Comparer {
 public:
  Comparer(const Snapshot& base, const Snapshot& head) : base_(base), head_(head) {}

  GuardReport Run() {
    report_.base = base_.revision;
    report_.head = head_.revision;
    CheckConfigs();
    std::set<std::string> paths;
    for (const auto& [p, f] : base_.files) paths.insert(p);
    for (const auto& [p, f] : head_.files) paths.insert(p);
    for (const auto& [p, c] : head_.cells) paths.insert(p);
    for (const auto& [p, c] : base_.cells) paths.insert(p);
    for (const auto& path : paths) ComparePath(path);
    CheckProtectedDeclarations();
    return std::move(report_);
  }

 private:
  void Add(std::string kind, std::string path, std::string env, std::string recipient, bool block,
           std::string reason) {
    report_.entries.push_back(GuardEntry{std::move(kind), std::move(path), std::move(env),
                                         std::move(recipient), block, std::move(reason)});
  }

  void CheckConfigs() {
    if (!base_.manifest_error.empty()) {
      Add("manifest_invalid", manifest::kManifestFileName, "", "", true,
          "clef.yaml at base is invalid, so the change cannot be judged: " + base_.manifest_error);
    }
    if (!base_.sops_config_error.empty()) {
      Add("sops_config_invalid", manifest::kSopsConfigFileName, "", "", true,
          ".sops.yaml at base is invalid: " + base_.sops_config_error);
    }
    if (!head_.manifest_error.empty()) {
      Add("manifest_invalid", manifest::kManifestFileName, "", "", true,
          "clef.yaml at head is invalid, so the declared recipients cannot be checked: " +
              head_.manifest_error);
    }
    if (!head_.sops_config_error.empty()) {
      Add("sops_config_invalid", manifest::kSopsConfigFileName, "", "", true,
          ".sops.yaml at head is invalid: " + head_.sops_config_error);
    }
  }

  void ComparePath(const std::string& path) {
    auto b = base_.files.find(path);
    auto h = head_.files.find(path);
    const FileFacts* before = b == base_.files.end() ? nullptr : &b->second;
    const FileFacts* after = h == head_.files.end() ? nullptr : &h->second;
    std::string env = head_.EnvironmentOf(path);
    if (env.empty()) env = base_.EnvironmentOf(path);

    bool declared_base = false, declared_head = false;
    RecipientSet decl_before = ToSet(base_.DeclaredFor(path, &declared_base));
    RecipientSet decl_after = ToSet(head_.DeclaredFor(path, &declared_head));
    ReportDeclarationChanges(path, env, decl_before, decl_after);

    if (before == nullptr && after == nullptr) return;  // a cell missing at both revisions
    if (after == nullptr) {
      Add(head_.cells.count(path) ? "cell_deleted" : "file_deleted", path, env, "", false,
          "the encrypted file was deleted");
      return;
    }
    if (before == nullptr) {
      Add(base_.cells.count(path) || head_.cells.count(path) ? "cell_created" : "file_created",
          path, env, "", false, "a new encrypted file");
    }
    if (before != nullptr && !before->parse_error.empty()) {
      Add("file_unreadable", path, env, "", true,
          "cannot be read as a sops file at base: " + before->parse_error);
      return;
    }
    if (!after->parse_error.empty()) {
      Add("file_unreadable", path, env, "", true,
          "cannot be read as a sops file at head: " + after->parse_error);
      return;
    }
    if (!after->is_sops) {
      Add("became_plaintext", path, env, "", true,
          before != nullptr && before->is_sops
              ? "the file is no longer encrypted (its sops metadata is gone)"
              : "the file must be a sops file but has no sops metadata");
      return;
    }
    if (!after->has_mac) {
      Add("mac_removed", path, env, "", true,
          "the file has no MAC, so tampering with its values would go unnoticed");
    }
    if (!after->plaintext_paths.empty()) {
      std::string keys;
      for (const auto& k : after->plaintext_paths) keys += (keys.empty() ? "" : ", ") + k;
      Add("plaintext_values", path, env, "", true,
          "values its rules require to be encrypted are in plaintext: " + keys);
    }
    if (before != nullptr && before->is_sops) {
      std::string exposed;
      for (const auto& k : after->clear_paths)
        if (before->encrypted_paths.count(k)) exposed += (exposed.empty() ? "" : ", ") + k;
      if (!exposed.empty()) {
        Add("values_exposed", path, env, "", true,
            "values that were encrypted are now in plaintext (its encryption rules were "
            "widened): " + exposed);
      }
      if (before->rules != after->rules || before->mac_only_encrypted != after->mac_only_encrypted) {
        Add("rules_changed", path, env, "", false,
            "encryption rules changed from '" + before->rules +
                (before->mac_only_encrypted ? ", mac_only_encrypted" : "") + "' to '" +
                after->rules + (after->mac_only_encrypted ? ", mac_only_encrypted" : "") + "'");
      }
      auto kinds_before = Kinds(before->recipients), kinds_after = Kinds(after->recipients);
      if (kinds_before != kinds_after) {
        Add("backend_changed", path, env, "", false,
            "key backends changed from " + KindList(kinds_before) + " to " + KindList(kinds_after));
      }
    }
    CompareEffective(path, env, before, *after, declared_head, decl_after);
  }

  void ReportDeclarationChanges(const std::string& path, const std::string& env,
                                const RecipientSet& before, const RecipientSet& after) {
    for (const auto& r : after)
      if (!before.count(r))
        Add("declared_recipient_added", path, env, DescribeRecipient(r), false,
            "clef.yaml/.sops.yaml now declare this recipient for the file");
    for (const auto& r : before)
      if (!after.count(r))
        Add("declared_recipient_removed", path, env, DescribeRecipient(r), false,
            "clef.yaml/.sops.yaml no longer declare this recipient for the file");
    if (before != after && !env.empty()) changed_declared_envs_.insert(env);
  }

  void CompareEffective(const std::string& path, const std::string& env, const FileFacts* before,
                        const FileFacts& after, bool declared, const RecipientSet& decl) {
    RecipientSet eff_after = ToSet(after.recipients);
    RecipientSet eff_before = before ? ToSet(before->recipients) : RecipientSet{};
    for (const auto& r : eff_after) {
      bool added = !eff_before.count(r);
      if (added)
        Add("recipient_added", path, env, DescribeRecipient(r), false,
            "can now decrypt this file");
      if (declared && !decl.count(r)) {
        Add("undeclared_recipient", path, env, DescribeRecipient(r), true,
            "is a recipient in the file's sops block but neither clef.yaml nor .sops.yaml "
            "declares it for this file");
      }
    }
    std::vector<Recipient> removed;
    for (const auto& r : eff_before)
      if (!eff_after.count(r)) removed.push_back(r);
    if (removed.empty() || before == nullptr) return;
    // Unchanged ciphertexts or wrapped data keys prove that the data key was not rotated: the
    // removed party still holds it (from history) and can read new values too.
    bool same_key = Intersects(before->ciphertexts, after.ciphertexts) ||
                    Intersects(before->wrapped_keys, after.wrapped_keys);
    // A local identity settles it: compare the data keys themselves.
    bool confirmed = !before->data_key_digest.empty() && !after.data_key_digest.empty();
    if (confirmed) same_key = before->data_key_digest == after.data_key_digest;
    for (const auto& r : removed) {
      if (same_key) {
        Add("recipient_removed_without_rotation", path, env, DescribeRecipient(r), true,
            std::string("was removed but the data key was not rotated (") +
                (confirmed ? "confirmed by decrypting" : "unchanged ciphertexts") +
                "), so it can still decrypt every value; run `sops rotate -i " + path + "`");
      } else {
        Add("recipient_removed", path, env, DescribeRecipient(r), false,
            confirmed ? "can no longer decrypt this file (data key rotated, confirmed by decrypting)"
                      : "can no longer decrypt this file (data key rotated)");
      }
    }
  }

  void CheckProtectedDeclarations() {
    for (const auto& env : changed_declared_envs_) {
      if (!base_.IsProtected(env) && !head_.IsProtected(env)) continue;
      std::vector<std::string> config_files;
      if (base_.manifest || head_.manifest) config_files.push_back(manifest::kManifestFileName);
      if (base_.sops_config || head_.sops_config)
        config_files.push_back(manifest::kSopsConfigFileName);
      for (const auto& file : config_files) {
        const CodeownersRule* rule =
            base_.codeowners ? base_.codeowners->Match(file) : nullptr;
        if (rule == nullptr || rule->owners.empty()) {
          Add("protected_without_owners", file, env, "", true,
              "the declared recipients of protected environment '" + env +
                  "' changed, but no CODEOWNERS rule (at the base revision) covers " + file +
                  "; run `clef guard codeowners --write --owner @your-security-team`");
        } else {
          for (const auto& o : rule->owners)
            if (std::find(report_.required_owners.begin(), report_.required_owners.end(), o) ==
                report_.required_owners.end())
              report_.required_owners.push_back(o);
        }
      }
    }
  }

  const Snapshot& base_;
  const Snapshot& head_;
  GuardReport report_;
  std::set<std::string> changed_declared_envs_;
};

}  // namespace

bool GuardReport::blocked() const {
  return std::any_of(entries.begin(), entries.end(), [](const GuardEntry& e) { return e.block; });
}

bool GuardReport::undecidable() const {
  return std::any_of(entries.begin(), entries.end(), [](const GuardEntry& e) {
    return e.kind == "file_unreadable" || e.kind == "manifest_invalid" ||
           e.kind == "sops_config_invalid";
  });
}

std::string DescribeRecipient(const Recipient& r) {
  return std::string(manifest::RecipientKindName(r.kind)) + ":" + r.id;
}

GuardReport CompareSnapshots(const Snapshot& base, const Snapshot& head) {
  return Comparer(base, head).Run();
}

}  // namespace clef::guard
