#include "core/util/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

namespace clef {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("clef-atomic-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(AtomicFileTest, WritesNewFileAndLeavesNoTemporaryBehind) {
  std::string path = (dir_ / "a.txt").string();
  ASSERT_TRUE(WriteFileAtomically(path, "hello").ok());
  EXPECT_EQ(*ReadFile(path), "hello");
  int count = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(dir_)) ++count;
  EXPECT_EQ(count, 1);
}

TEST_F(AtomicFileTest, ReplacingKeepsPermissionBits) {
  std::string path = (dir_ / "run.sh").string();
  ASSERT_TRUE(WriteFileAtomically(path, "v1").ok());
  chmod(path.c_str(), 0755);
  ASSERT_TRUE(WriteFileAtomically(path, "v2").ok());
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0755u);
  EXPECT_EQ(*ReadFile(path), "v2");
}

TEST_F(AtomicFileTest, MissingFolderIsAnErrorNamingTheFile) {
  std::string path = (dir_ / "no" / "such" / "f.txt").string();
  Status s = WriteFileAtomically(path, "x");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().file, path);
}

TEST_F(AtomicFileTest, ReadFileIfExistsTellsAbsentFromUnreadable) {
  auto absent = ReadFileIfExists((dir_ / "nope").string());
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
  auto missing = ReadFile((dir_ / "nope").string());
  EXPECT_FALSE(missing.ok());
}

}  // namespace
}  // namespace clef
