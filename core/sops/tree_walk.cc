#include "core/sops/tree_walk.h"

#include <string_view>

#include "core/sops/encrypted_value.h"

namespace clef::sops {
namespace {

constexpr std::string_view kCommentTypeSuffix = ",type:comment]";

bool IsEncryptedComment(const doc::Node& node) {
  const std::string& t = node.scalar.text;
  return node.is_scalar() && node.scalar.type == doc::ScalarType::kString && LooksEncrypted(t) &&
         t.find(kCommentTypeSuffix) != std::string::npos;
}

class Walker {
 public:
  Walker(const RuleMatcher& rules, const LeafVisitor& visit) : rules_(rules), visit_(visit) {}

  Status WalkDocument(doc::Node& root, int index) {
    document_ = index;
    path_.clear();
    aad_.clear();
    display_.clear();
    comments_.clear();
    return WalkMap(root);
  }

 private:
  // One Leaf for the whole walk: assigning its strings reuses their capacity, so a visit
  // allocates nothing once the deepest path has been seen.
  Leaf& Fresh() {
    leaf_.document = document_;
    leaf_.aad = path_.empty() ? std::string_view(":") : std::string_view(aad_);
    leaf_.key_path =
        display_.empty() ? std::string_view("(top level)") : std::string_view(display_);
    leaf_.value = nullptr;
    leaf_.comment = nullptr;
    return leaf_;
  }

  Status VisitComment(doc::Comment& comment, int line) {
    comments_.back().push_back(comment.text);
    Leaf& leaf = Fresh();
    leaf.key_path += " (comment)";
    leaf.is_comment = true;
    leaf.encrypt = rules_.ShouldEncrypt(path_, comments_, true);
    leaf.comment = &comment;
    leaf.line = line;
    return visit_(leaf);
  }

  Status VisitValue(doc::Node& node) {
    switch (node.kind) {
      case doc::Node::Kind::kMap:
        return WalkMap(node);
      case doc::Node::Kind::kSeq:
        return WalkSeq(node);
      case doc::Node::Kind::kScalar:
        break;
    }
    if (node.scalar.type == doc::ScalarType::kNull) return Status::Ok();
    Leaf& leaf = Fresh();
    leaf.is_comment = IsEncryptedComment(node);
    leaf.encrypt = rules_.ShouldEncrypt(path_, comments_, false);
    leaf.value = &node;
    leaf.line = node.line;
    return visit_(leaf);
  }

  Status WalkMap(doc::Node& map) {
    comments_.emplace_back();
    for (doc::Item& item : map.items) {
      if (item.is_comment()) {
        if (Status s = VisitComment(item.comment, item.line); !s.ok()) return s;
        continue;
      }
      const size_t display_len = display_.size(), aad_len = aad_.size();
      if (!display_.empty()) display_ += '.';
      display_ += item.key;
      aad_ += item.key;  // strings.Join(path, ":") + ":"
      aad_ += ':';
      path_.push_back(item.key);
      Status s = VisitValue(item.value);
      path_.pop_back();
      display_.resize(display_len);
      aad_.resize(aad_len);
      if (!s.ok()) return s;
      comments_.back().clear();
    }
    comments_.pop_back();
    return Status::Ok();
  }

  Status WalkSeq(doc::Node& seq) {
    comments_.emplace_back();
    int index = 0;
    for (doc::Item& item : seq.items) {
      if (item.is_comment()) {
        if (Status s = VisitComment(item.comment, item.line); !s.ok()) return s;
        continue;
      }
      size_t display_len = display_.size();
      display_ += '[';
      display_ += std::to_string(index++);
      display_ += ']';
      Status s = VisitValue(item.value);
      display_.resize(display_len);
      if (!s.ok()) return s;
      comments_.back().clear();
    }
    comments_.pop_back();
    return Status::Ok();
  }

  const RuleMatcher& rules_;
  const LeafVisitor& visit_;
  int document_ = 0;
  std::vector<std::string_view> path_;
  std::string aad_;      // path_ joined as the AAD ("" at the top level, where the AAD is ":")
  std::string display_;  // path_ for people
  Leaf leaf_;
  std::vector<CommentLevel> comments_;
};

}  // namespace

Status WalkLeaves(doc::Document& document, const RuleMatcher& rules, const LeafVisitor& visit) {
  Walker walker(rules, visit);
  for (size_t i = 0; i < document.roots.size(); ++i) {
    if (Status s = walker.WalkDocument(document.roots[i], static_cast<int>(i)); !s.ok()) return s;
  }
  return Status::Ok();
}

std::vector<PlaintextLeaf> FindPlaintextLeaves(const doc::Document& document,
                                               const RuleMatcher& rules) {
  std::vector<PlaintextLeaf> found;
  // The walk only reads here; WalkLeaves takes a mutable tree because encryption rewrites it.
  auto& tree = const_cast<doc::Document&>(document);
  (void)WalkLeaves(tree, rules, [&](Leaf& leaf) -> Status {
    if (!leaf.encrypt) return Status::Ok();
    const std::string& text = leaf.text();
    bool is_string = leaf.comment != nullptr || leaf.value->scalar.type == doc::ScalarType::kString;
    if (is_string && (text.empty() || LooksEncrypted(text))) return Status::Ok();
    found.push_back(PlaintextLeaf{leaf.key_path, leaf.line, leaf.is_comment});
    return Status::Ok();
  });
  return found;
}

}  // namespace clef::sops
