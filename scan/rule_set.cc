#include "scan/rule_set.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace clef::scan {

re2::RE2::Options RuleRegexOptions() {
  re2::RE2::Options o;
  o.set_encoding(re2::RE2::Options::EncodingLatin1);
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

Result<std::unique_ptr<RuleSet>> RuleSet::Build(std::vector<Rule> rules,
                                                const std::vector<bool>& validate_now) {
  std::unique_ptr<RuleSet> set(new RuleSet());
  std::map<std::string, uint32_t> keyword_ids;
  std::vector<std::string> keywords;
  set->by_keyword_.clear();
  set->compiled_.resize(rules.size());
  set->filters_.resize(rules.size());
  set->atoms_.resize(rules.size());
  set->once_.reset(new std::once_flag[rules.size()]);
  for (size_t i = 0; i < rules.size(); ++i) {
    Rule& r = rules[i];
    if (r.keywords.empty())
      return MakeError("rule '" + r.id + "' has no keywords; every rule needs at least one");
    if (i < validate_now.size() && validate_now[i]) {
      auto re = std::make_unique<re2::RE2>(r.regex, RuleRegexOptions());
      if (!re->ok()) return MakeError("rule '" + r.id + "': invalid regex: " + re->error());
      if (r.secret_group > re->NumberOfCapturingGroups())
        return MakeError("rule '" + r.id + "': secret_group " + std::to_string(r.secret_group) +
                         " but the regex has only " +
                         std::to_string(re->NumberOfCapturingGroups()) + " groups");
      set->compiled_[i] = std::move(re);
    }
    for (auto& k : r.keywords) {
      std::string lower = k;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower.empty()) return MakeError("rule '" + r.id + "' has an empty keyword");
      auto [it, inserted] = keyword_ids.emplace(lower, static_cast<uint32_t>(keywords.size()));
      if (inserted) {
        keywords.push_back(lower);
        set->by_keyword_.emplace_back();
      }
      auto& list = set->by_keyword_[it->second];
      if (list.empty() || list.back() != i) list.push_back(static_cast<uint32_t>(i));
    }
  }
  set->rules_ = std::move(rules);
  set->index_ = std::make_unique<KeywordIndex>(keywords);
  return set;
}

const re2::RE2& RuleSet::regex(size_t i) const {
  std::call_once(once_[i], [&] {
    // One compilation serves both: the FilteredRE2 owns the RE2 it filters for.
    auto filter = std::make_unique<re2::FilteredRE2>(1);
    int id = 0;
    if (filter->Add(rules_[i].regex, RuleRegexOptions(), &id) == re2::RE2::NoError) {
      filter->Compile(&atoms_[i]);
      filters_[i] = std::move(filter);
    }
    if (!compiled_[i] && !filters_[i])
      compiled_[i] = std::make_unique<re2::RE2>(rules_[i].regex, RuleRegexOptions());
  });
  return compiled_[i] ? *compiled_[i] : filters_[i]->GetRE2(0);
}

bool RuleSet::MayMatch(size_t i, std::string_view window) const {
  regex(i);
  const re2::FilteredRE2* filter = filters_[i].get();
  const std::vector<std::string>& atoms = atoms_[i];
  if (!filter || atoms.empty()) return true;
  thread_local std::string lower;
  thread_local std::vector<int> matched, potential;
  lower.resize(window.size());
  for (size_t k = 0; k < window.size(); ++k) {
    unsigned char c = static_cast<unsigned char>(window[k]);
    lower[k] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  matched.clear();
  for (size_t a = 0; a < atoms.size(); ++a)
    if (lower.find(atoms[a]) != std::string::npos) matched.push_back(static_cast<int>(a));
  filter->AllPotentials(matched, &potential);
  return !potential.empty();
}

}  // namespace clef::scan
