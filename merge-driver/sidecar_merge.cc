#include "merge-driver/sidecar_merge.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace clef::merge {
namespace {

using manifest::ClefMeta;
using manifest::PendingEntry;
using manifest::RotationRecord;

bool Same(const RotationRecord* a, const RotationRecord* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return a->key == b->key && a->last_rotated_at == b->last_rotated_at &&
         a->rotated_by == b->rotated_by && a->rotation_count == b->rotation_count;
}

const PendingEntry* PendingFor(const ClefMeta& meta, const std::string& key) {
  for (const PendingEntry& p : meta.pending) {
    if (p.key == key) return &p;
  }
  return nullptr;
}

// Keys of ours in order, then keys only theirs has.
template <typename Entry>
std::vector<std::string> KeyOrder(const std::vector<Entry>& ours,
                                  const std::vector<Entry>& theirs) {
  std::vector<std::string> keys;
  for (const Entry& e : ours) keys.push_back(e.key);
  for (const Entry& e : theirs) {
    if (std::find(keys.begin(), keys.end(), e.key) == keys.end()) keys.push_back(e.key);
  }
  return keys;
}

std::optional<RotationRecord> MergeRotation(const RotationRecord* b, const RotationRecord* o,
                                            const RotationRecord* t) {
  bool ours_changed = !Same(b, o), theirs_changed = !Same(b, t);
  const RotationRecord* pick = o;
  if (theirs_changed && !ours_changed) pick = t;
  if (ours_changed && theirs_changed && o != nullptr && t != nullptr && !Same(o, t)) {
    RotationRecord merged = t->last_rotated_at > o->last_rotated_at ? *t : *o;
    long long base_count = b ? b->rotation_count : 0;
    merged.rotation_count = std::max(
        {o->rotation_count + t->rotation_count - base_count, o->rotation_count, t->rotation_count});
    return merged;
  }
  if (pick == nullptr && ours_changed && theirs_changed) pick = o ? o : t;  // deleted vs changed
  if (pick == nullptr) return std::nullopt;
  return *pick;
}

// True when `side` changed `key`'s rotation record (a new value was set) without marking the
// key pending again.
bool Resolved(const ClefMeta& base, const ClefMeta& side, const std::string& key) {
  return !Same(base.RotationFor(key), side.RotationFor(key)) && side.RotationFor(key) != nullptr &&
         PendingFor(side, key) == nullptr;
}

bool PlainSafe(const std::string& s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos) {
    return false;
  }
  if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos) return false;
  for (unsigned char c : s) {
    if (c < 0x20) return false;
  }
  static const char* kReserved[] = {"true", "false", "null", "~", "yes", "no", "on", "off"};
  for (const char* r : kReserved) {
    if (s == r) return false;
  }
  bool numeric = std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' ||
           c == 'e' || c == 'E';
  });
  return !numeric;
}

std::string Scalar(const std::string& s) {
  if (PlainSafe(s)) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

Result<ClefMeta> ParseSide(std::string_view text, const std::string& path, const char* side) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return ClefMeta{};
  Result<ClefMeta> meta = manifest::ParseClefMeta(text, path);
  if (!meta.ok()) {
    Error e = meta.error();
    e.message =
        std::string("the ") + side + " version is not a valid .clef-meta.yaml: " + e.message;
    e.file = path;
    return e;
  }
  return meta;
}

}  // namespace

ClefMeta MergeSidecars(const ClefMeta& base, const ClefMeta& ours, const ClefMeta& theirs) {
  ClefMeta out;
  out.present = true;
  for (const std::string& key : KeyOrder(ours.rotations, theirs.rotations)) {
    std::optional<RotationRecord> r =
        MergeRotation(base.RotationFor(key), ours.RotationFor(key), theirs.RotationFor(key));
    if (r) out.rotations.push_back(*r);
  }
  for (const std::string& key : KeyOrder(ours.pending, theirs.pending)) {
    const PendingEntry* b = PendingFor(base, key);
    const PendingEntry* o = PendingFor(ours, key);
    const PendingEntry* t = PendingFor(theirs, key);
    bool keep = b ? (o != nullptr && t != nullptr) : (o != nullptr || t != nullptr);
    if (!keep || Resolved(base, ours, key) || Resolved(base, theirs, key)) continue;
    const PendingEntry* pick = o ? o : t;
    if (o && t && t->since > o->since) pick = t;
    out.pending.push_back(*pick);
  }
  return out;
}

std::string EmitSidecar(const ClefMeta& meta) {
  std::string out = "# Managed by Clef. Do not edit manually.\nversion: 1\n";
  if (meta.pending.empty()) {
    out += "pending: []\n";
  } else {
    out += "pending:\n";
    for (const PendingEntry& p : meta.pending) {
      out += "  - key: " + Scalar(p.key) + "\n    since: " + Scalar(p.since) +
             "\n    setBy: " + Scalar(p.set_by) + "\n";
    }
  }
  if (meta.rotations.empty()) {
    out += "rotations: []\n";
  } else {
    out += "rotations:\n";
    for (const RotationRecord& r : meta.rotations) {
      out += "  - key: " + Scalar(r.key) + "\n    last_rotated_at: " + Scalar(r.last_rotated_at) +
             "\n    rotated_by: " + Scalar(r.rotated_by) +
             "\n    rotation_count: " + std::to_string(r.rotation_count) + "\n";
    }
  }
  return out;
}

Result<std::string> MergeSidecarTexts(std::string_view base, std::string_view ours,
                                      std::string_view theirs, const std::string& path) {
  Result<ClefMeta> b = ParseSide(base, path, "base");
  if (!b.ok()) return b.error();
  Result<ClefMeta> o = ParseSide(ours, path, "ours");
  if (!o.ok()) return o.error();
  Result<ClefMeta> t = ParseSide(theirs, path, "theirs");
  if (!t.ok()) return t.error();
  return EmitSidecar(MergeSidecars(*b, *o, *t));
}

}  // namespace clef::merge
