#include "core/sops/identity_set.h"

#include "core/keys/identity_set.h"

namespace clef::sops {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

Status IdentitySet::AddKeyText(std::string_view text, const std::string& source) {
  int line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = Trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    Result<crypto::X25519Identity> id = crypto::X25519Identity::Parse(line);
    if (!id.ok()) {
      return MakeError("line " + std::to_string(line_no) + " of " + source +
                       " is not an age identity (AGE-SECRET-KEY-1...)");
    }
    age_.push_back(std::move(*id));
    sources_.push_back(source);
  }
  return Status::Ok();
}

// One loader for every tool: core/keys finds the identities (including SOPS_AGE_KEY_CMD); this
// set holds the same keys for the document API.
Result<IdentitySet> IdentitySet::FromEnvironment() {
  Result<keys::IdentitySet> loaded = keys::IdentitySet::FromEnvironment();
  if (!loaded.ok()) return loaded.error();
  IdentitySet set;
  set.sources_ = loaded->sources();
  set.age_ = loaded->TakeAge();  // parsed once, by core/keys
  return set;
}

std::vector<std::string> IdentitySet::Describe() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < age_.size(); ++i) {
    out.push_back(age_[i].Recipient().ToString() + " (from " + sources_[i] + ")");
  }
  return out;
}

std::vector<std::string> IdentitySet::AgeRecipients() const {
  std::vector<std::string> out;
  for (const auto& id : age_) out.push_back(id.Recipient().ToString());
  return out;
}

}  // namespace clef::sops
