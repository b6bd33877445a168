// The terminal rule of clef.diff.reveal (filters/reveal.h). The positive cases need git on a
// terminal and are in textconv_git_test.sh (a pty from `script`); here: what is never one.
#include "filters/reveal.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace clef::filter {
namespace {

TEST(Reveal, TerminalLinksAreTtyDevices) {
  EXPECT_TRUE(IsTerminalLink("/dev/pts/3"));
  EXPECT_TRUE(IsTerminalLink("/dev/tty1"));
  EXPECT_FALSE(IsTerminalLink("pipe:[12345]"));
  EXPECT_FALSE(IsTerminalLink("/dev/null"));
  EXPECT_FALSE(IsTerminalLink("/tmp/log.txt"));
  EXPECT_FALSE(IsTerminalLink(""));
}

TEST(Reveal, NoGitAncestorIsNeverATerminal) {
  // The test binary is run by ctest or a shell, not by git.
  EXPECT_FALSE(GitOutputIsTerminal());
}

TEST(Reveal, ForgedPagerVariableAloneIsNotATerminal) {
  setenv("GIT_PAGER_IN_USE", "true", 1);
  EXPECT_FALSE(GitOutputIsTerminal());
  unsetenv("GIT_PAGER_IN_USE");
}

TEST(Reveal, ProcessThatDoesNotExistIsNotATerminal) {
  EXPECT_FALSE(GitOutputIsTerminal(999999999));
}

TEST(Reveal, ShouldRevealIsFalseOutsideGit) { EXPECT_FALSE(ShouldReveal()); }

}  // namespace
}  // namespace clef::filter
