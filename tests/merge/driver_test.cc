// Writing the driver's result over git's %A (merge-driver/driver.h).
#include "merge-driver/driver.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace clef::merge {
namespace {

namespace fs = std::filesystem;

class ReplaceGitTempFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("clef-driver-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  fs::path dir_;
};

TEST_F(ReplaceGitTempFileTest, ReplacesTheContentKeepsTheModeAndLeavesNoTemporaryFile) {
  fs::path a = dir_ / ".merge_file_abc";
  std::ofstream(a) << "ours";
  ::chmod(a.c_str(), 0640);
  ASSERT_TRUE(ReplaceGitTempFile(a.string(), "merged result\n").ok());
  EXPECT_EQ(Read(a), "merged result\n");
  struct stat st {};
  ASSERT_EQ(::stat(a.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(ReplaceGitTempFileTest, AFolderThatDoesNotExistIsAnErrorNamingThePath) {
  std::string a = (dir_ / "gone" / "file").string();
  Status s = ReplaceGitTempFile(a, "x");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().file, a);
  EXPECT_NE(s.error().message.find("cannot create a temporary file"), std::string::npos);
}

TEST_F(ReplaceGitTempFileTest, ReplacingAFolderFailsAndRemovesTheTemporaryFile) {
  fs::create_directories(dir_ / "a-folder" / "child");
  Status s = ReplaceGitTempFile((dir_ / "a-folder").string(), "x");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("cannot replace the file"), std::string::npos);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace clef::merge
