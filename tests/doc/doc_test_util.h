// Helpers shared by the document tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/doc/document.h"

namespace clef::doc::test {

inline Document MustParse(std::string_view text, Format format = Format::kYaml) {
  auto parsed = ParseDocument(text, format, "t.yaml");
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().Describe());
  return parsed.ok() ? *parsed : Document{};
}

inline Error MustFail(std::string_view text, Format format = Format::kYaml) {
  auto parsed = ParseDocument(text, format, "t.yaml");
  EXPECT_FALSE(parsed.ok()) << "parsed unexpectedly: " << text;
  return parsed.ok() ? Error{} : parsed.error();
}

// Parse then emit (the way sops would rewrite the file).
inline std::string Rewrite(std::string_view text, Format format = Format::kYaml) {
  return EmitDocument(MustParse(text, format));
}

}  // namespace clef::doc::test
