#include "merge-driver/metadata_merge.h"

namespace clef::merge {
namespace {

sops::RecipientSet Intersect(const sops::RecipientSet& a, const sops::RecipientSet& b) {
  return a.Minus(a.Minus(b));
}

sops::RecipientSet Union(const sops::RecipientSet& a, const sops::RecipientSet& b) {
  sops::RecipientSet out = a;
  for (const sops::Recipient& r : b.recipients()) out.Add(r);
  return out;
}

}  // namespace

sops::RecipientSet MergeRecipients(const MetadataSide& base, const sops::RecipientSet& ours,
                                   const sops::RecipientSet& theirs) {
  sops::RecipientSet base_set = base.present ? base.recipients : sops::RecipientSet();
  sops::RecipientSet kept = Intersect(Intersect(base_set, ours), theirs);
  sops::RecipientSet added = Union(ours, theirs).Minus(base_set);
  return Union(kept, added);
}

MetadataPlan PlanMetadata(const MetadataSide& base, const MetadataSide& ours,
                          const MetadataSide& theirs, const DataKeyFacts& keys,
                          const std::function<bool(const sops::Recipient&)>& can_wrap) {
  MetadataPlan plan;
  plan.recipients = MergeRecipients(base, ours.recipients, theirs.recipients);

  bool ours_rotated = base.present && !keys.ours_equals_base;
  bool theirs_rotated = base.present && !keys.theirs_equals_base;
  if (theirs_rotated && !ours_rotated) {
    plan.data_key = KeySource::kTheirs;
    plan.reencrypt_ours = true;
  } else {
    plan.data_key = KeySource::kOurs;
    plan.reencrypt_theirs = !keys.ours_equals_theirs;
  }

  const MetadataSide& source = plan.data_key == KeySource::kOurs ? ours : theirs;
  sops::RecipientSet wrapped = source.recipients;
  if (keys.ours_equals_theirs) wrapped = Union(ours.recipients, theirs.recipients);
  plan.reuse_wrapped = Intersect(plan.recipients, wrapped);
  plan.wrap = plan.recipients.Minus(wrapped);
  for (const sops::Recipient& r : plan.wrap.recipients()) {
    if (!can_wrap(r)) {
      plan.conflicts.push_back("the data key must be wrapped for the added recipient " +
                               r.Describe() +
                               ", which this machine cannot do; merge where that key is "
                               "available, or resolve with `clef merge`");
    }
  }

  const sops::EncryptionRules base_rules = base.present ? base.rules : ours.rules;
  if (ours.rules == theirs.rules || theirs.rules == base_rules) {
    plan.rules = ours.rules;
  } else if (ours.rules == base_rules) {
    plan.rules = theirs.rules;
    plan.rules_changed = true;
  } else {
    plan.rules = ours.rules;
    plan.conflicts.push_back(
        "both sides changed the encryption rule differently (ours: " + ours.rules.Describe() +
        ", theirs: " + theirs.rules.Describe() + "); choose one in .sops.yaml and re-encrypt");
  }
  return plan;
}

}  // namespace clef::merge
