// Internal to the built-in rule table: each builtin_rules_*.cc file appends one family.
#pragma once

#include <string>
#include <vector>

#include "scan/rule.h"

#define KW(...) std::vector<std::string>{__VA_ARGS__}

namespace clef::scan {

void AddTokenRules(std::vector<Rule>& rules);     // cloud, hosting, CI, registries
void AddServiceRules(std::vector<Rule>& rules);   // chat, email, payment, AI, SaaS
void AddStructuralRules(std::vector<Rule>& rules);  // private keys, JWT, connection strings, generic

}  // namespace clef::scan
