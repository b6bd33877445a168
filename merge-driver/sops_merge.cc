#include "merge-driver/sops_merge.h"

#include "core/crypto/data_key.h"
#include "core/sops/mac.h"
#include "merge-driver/metadata_merge.h"
#include "merge-driver/sops_side.h"

namespace clef::merge {
namespace {

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

MetadataSide Describe(const OpenedSide* side) {
  if (side == nullptr) return MetadataSide{false, {}, {}};
  return MetadataSide{true, side->file.metadata.Recipients(), side->file.metadata.rules};
}

const sops::MasterKey* FindMasterKey(const sops::Metadata& m, const sops::Recipient& r) {
  for (const sops::KeyList& list : m.key_lists) {
    for (const sops::MasterKey& key : list.keys) {
      if (key.AsRecipient() == r) return &key;
    }
  }
  return nullptr;
}

doc::Node StringNode(std::string text) {
  doc::Node n;
  n.scalar = {doc::ScalarType::kString, std::move(text)};
  return n;
}

// The key lists of `out` trimmed to the plan's recipients, with wrapped keys copied from
// `other` (sharing the data key) or freshly wrapped.
Status WrapToRecipients(const MetadataPlan& plan, const sops::Metadata& other,
                        std::string_view data_key, sops::Metadata& out, const std::string& path) {
  for (sops::KeyList& list : out.key_lists) {
    std::erase_if(list.keys, [&](const sops::MasterKey& k) {
      return !plan.recipients.Contains(k.AsRecipient());
    });
  }
  for (const sops::Recipient& r : plan.recipients.recipients()) {
    if (FindMasterKey(out, r) != nullptr) continue;
    if (plan.reuse_wrapped.Contains(r)) {
      if (const sops::MasterKey* k = FindMasterKey(other, r)) {
        out.ListOf(r.type).keys.push_back(*k);
        continue;
      }
    }
    Result<std::string> enc = r.type == sops::KeyType::kAge
                                  ? crypto::WrapDataKeyForAge(data_key, r.id)
                                  : crypto::WrapDataKeyForPgp(data_key, r.id);
    if (!enc.ok()) {
      return MakeError(
          "could not wrap the data key for " + r.Describe() + ": " + enc.error().message, path);
    }
    sops::MasterKey key;
    key.type = r.type;
    key.fields.push_back({r.type == sops::KeyType::kAge ? "recipient" : "fp", StringNode(r.id)});
    if (r.type == sops::KeyType::kPgp)
      key.fields.push_back({"created_at", StringNode(sops::NowRfc3339())});
    key.fields.push_back({"enc", StringNode(*enc)});
    out.ListOf(r.type).keys.push_back(std::move(key));
  }
  return Status::Ok();
}

// Sets the string at `path` (creating missing maps and the entry, appended last).
bool SetString(doc::Node& root, const KeyPath& path, const std::string& value) {
  doc::Node* node = &root;
  for (size_t i = 0; i < path.size(); ++i) {
    if (!node->is_map()) return false;
    doc::Node* child = nullptr;
    for (doc::Item& item : node->items) {
      if (!item.is_comment() && item.key == path[i]) child = &item.value;
    }
    if (child == nullptr) {
      doc::Item item;
      item.key = path[i];
      if (i + 1 < path.size()) item.value.kind = doc::Node::Kind::kMap;
      node->items.push_back(std::move(item));
      child = &node->items.back().value;
    }
    node = child;
  }
  node->kind = doc::Node::Kind::kScalar;
  node->items.clear();
  node->scalar = {doc::ScalarType::kString, value};
  return true;
}

}  // namespace

Result<SopsMergeOutcome> MergeSopsTexts(std::string_view base, std::string_view ours,
                                        std::string_view theirs, const std::string& path,
                                        const MergeIdentities& identities,
                                        const SopsMergeOptions& options) {
  SopsSession session(identities);
  std::unique_ptr<OpenedSide> b;
  if (!IsBlank(base)) {
    Result<std::unique_ptr<OpenedSide>> opened = session.Open(base, path, Side::kBase);
    if (!opened.ok()) return opened.error();
    b = std::move(*opened);
  }
  Result<std::unique_ptr<OpenedSide>> o = session.Open(ours, path, Side::kOurs);
  if (!o.ok()) return o.error();
  Result<std::unique_ptr<OpenedSide>> t = session.Open(theirs, path, Side::kTheirs);
  if (!t.ok()) return t.error();
  OpenedSide& os = **o;
  OpenedSide& ts = **t;
  for (const OpenedSide* s : {b.get(), &os, &ts}) {
    if (s != nullptr && s->file.document.roots.size() != 1) {
      return MakeError(std::string("the ") + SideName(s->side) +
                           " version has several YAML documents; the merge driver merges "
                           "single-document files only — resolve with sops by hand",
                       path);
    }
  }

  DataKeyFacts keys;
  keys.ours_equals_theirs = SecureEqual(os.data_key, ts.data_key);
  keys.ours_equals_base = b && SecureEqual(os.data_key, b->data_key);
  keys.theirs_equals_base = b && SecureEqual(ts.data_key, b->data_key);
  auto can_wrap = [](const sops::Recipient& r) {
    return r.type == sops::KeyType::kAge || r.type == sops::KeyType::kPgp;
  };
  MetadataPlan plan = PlanMetadata(Describe(b.get()), Describe(&os), Describe(&ts), keys, can_wrap);

  SopsMergeOutcome outcome;
  outcome.metadata_conflicts = plan.conflicts;
  if (plan.data_key == KeySource::kOurs && plan.reencrypt_theirs) {
    Status s = session.Reencrypt(ts, os.data_key);
    if (!s.ok()) return s.error().InFile(path);
  } else if (plan.data_key == KeySource::kTheirs) {
    Status s = session.Reencrypt(os, ts.data_key);
    if (!s.ok()) return s.error().InFile(path);
  }

  doc::Node empty;
  empty.kind = doc::Node::Kind::kMap;
  PlaintextComparator cmp(b.get(), &os, &ts);
  MergeOptions merge_options;
  merge_options.forced = options.forced;
  for (const auto& [key_path, value] : options.set_values) {
    merge_options.forced.push_back({key_path, Side::kOurs});
  }
  TreeMerge merged = MergeTrees(b ? b->file.document.root() : empty, os.file.document.root(),
                                ts.file.document.root(), cmp, merge_options);
  outcome.conflicts = std::move(merged.conflicts);
  if (!outcome.clean()) return outcome;

  const OpenedSide& key_side = plan.data_key == KeySource::kOurs ? os : ts;
  const OpenedSide& other = plan.data_key == KeySource::kOurs ? ts : os;
  sops::SopsFile result;
  result.path = path;
  result.document = os.file.document;
  result.document.root() = std::move(merged.merged);
  result.metadata = key_side.file.metadata;
  result.metadata.rules = plan.rules;
  Status wrapped =
      WrapToRecipients(plan, other.file.metadata, key_side.data_key, result.metadata, path);
  if (!wrapped.ok()) {
    outcome.metadata_conflicts.push_back(wrapped.error().message);
    return outcome;
  }
  for (const auto& [key_path, value] : options.set_values) {
    if (!SetString(result.document.root(), key_path, value)) {
      return MakeError("cannot set " + FormatKeyPath(key_path) + ": a parent is not a map", path);
    }
  }
  Status sealed = session.Seal(result, key_side.data_key,
                               options.now.empty() ? sops::NowRfc3339() : options.now);
  if (!sealed.ok()) return sealed.error().InFile(path);
  outcome.merged = sops::WriteSopsFile(result);
  return outcome;
}

}  // namespace clef::merge
