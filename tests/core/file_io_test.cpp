#include "nr/file_io.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>

namespace nr::core {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "nr_file_io_XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string errorOfWrite(const std::string& path, const std::string& bytes) {
  try {
    writeFileAtomic(path, bytes);
  } catch (const FileError& e) {
    return e.what();
  }
  return "";
}

TEST(FileIo, WriteThenReadAndReplace) {
  TempDir d;
  const std::string p = (d.path / "a.bin").string();
  writeFileAtomic(p, std::string("abc\0def", 7));
  EXPECT_EQ(readFile(p), std::string("abc\0def", 7));
  writeFileAtomic(p, "new");
  EXPECT_EQ(readFile(p), "new");
  EXPECT_EQ(std::distance(fs::directory_iterator(d.path), fs::directory_iterator()), 1);  // no temporary left
}

TEST(FileIo, ClearMessagesAndNothingLost) {
  TempDir d;
  EXPECT_NE(errorOfWrite((d.path / "missing" / "a.bin").string(), "x").find("does not exist"), std::string::npos);
  EXPECT_NE(errorOfWrite(d.path.string(), "x").find("is a folder"), std::string::npos);
  EXPECT_NE(errorOfWrite("/dev/full", "x").find("disk is full"), std::string::npos);
  try {
    readFile((d.path / "nope").string());
    FAIL() << "reading a missing file must throw";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("no such file"), std::string::npos);
  }
}

TEST(FileIo, FailedWriteLeavesTheOldFileIntact) {
  // A file-size limit makes the write fail half-way, as a full disk would (and works even as root).
  TempDir d;
  const std::string p = (d.path / "keep.bin").string();
  writeFileAtomic(p, "original contents");
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit old{};
  getrlimit(RLIMIT_FSIZE, &old);
  rlimit small = old;
  small.rlim_cur = 4096;
  setrlimit(RLIMIT_FSIZE, &small);
  const std::string err = errorOfWrite(p, std::string(100000, 'x'));
  setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, SIG_DFL);
  EXPECT_NE(err.find("cannot write"), std::string::npos);
  EXPECT_EQ(readFile(p), "original contents");
  EXPECT_EQ(std::distance(fs::directory_iterator(d.path), fs::directory_iterator()), 1);
}

TEST(FileIo, SeveralFilesAllOrNothing) {
  TempDir d;
  const std::string a = (d.path / "a").string(), b = (d.path / "b").string();
  writeFileAtomic(a, "old a");
  EXPECT_THROW(writeFilesAtomic({{a, "new a"}, {(d.path / "no" / "b").string(), "new b"}}), FileError);
  EXPECT_EQ(readFile(a), "old a");
  writeFilesAtomic({{a, "new a"}, {b, "new b"}});
  EXPECT_EQ(readFile(a), "new a");
  EXPECT_EQ(readFile(b), "new b");
}

}  // namespace
}  // namespace nr::core
