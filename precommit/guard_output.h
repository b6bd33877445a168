// Rendering a GuardReport: text for a terminal, Markdown for a pull-request comment, JSON for
// machines.
//
// JSON schema (stable):
//   { "base": REV, "head": REV, "blocked": BOOL, "required_owners": [OWNER...],
//     "entries": [ { "kind": KIND, "path": PATH, "environment": ENV|"", "recipient":
//                    "TYPE:ID"|"", "verdict": "block"|"report", "reason": TEXT } ... ] }
// KIND is one of: recipient_added, recipient_removed, recipient_removed_without_rotation,
// undeclared_recipient, declared_recipient_added, declared_recipient_removed, backend_changed,
// rules_changed, cell_created, cell_deleted, file_created, file_deleted, mac_removed,
// became_plaintext, plaintext_values, values_exposed, file_unreadable, manifest_invalid, sops_config_invalid,
// protected_without_owners.
#pragma once

#include <string>

#include "precommit/guard_engine.h"

namespace clef::guard {

std::string RenderText(const GuardReport& report, bool color);
std::string RenderMarkdown(const GuardReport& report);
std::string RenderJson(const GuardReport& report);

}  // namespace clef::guard
