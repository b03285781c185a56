#include "nr/file_io.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>

#include "support/temp_dir.h"

namespace nr::core {
namespace {

namespace fs = std::filesystem;

using test::TempDir;

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

std::string errorOfRead(const std::string& path, size_t limit = kMaxReadBytes) {
  try {
    readFile(path, limit);
  } catch (const FileError& e) {
    return e.what();
  }
  return "";
}

TEST(FileIo, OnlyRegularFilesUpToTheLimitAreRead) {
  TempDir d;
  // A device that never ends and a FIFO with no writer: refused at once, with what to do.
  EXPECT_NE(errorOfRead("/dev/zero").find("not a regular file"), std::string::npos);
  const std::string fifo = (d.path / "pipe").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_NE(errorOfRead(fifo).find("not a regular file"), std::string::npos);
  EXPECT_NE(errorOfRead(d.path.string()).find("is a folder"), std::string::npos);
  // Over the limit: the limit is in the message.
  const std::string big = (d.path / "big.csv").string();
  writeFileAtomic(big, std::string(2000, 'x'));
  EXPECT_EQ(readFile(big, 2000).size(), 2000u);
  const std::string err = errorOfRead(big, 1999);
  EXPECT_NE(err.find("larger than the 2 kB"), std::string::npos) << err;
  // A loop of symbolic links.
  const std::string a = (d.path / "la").string(), b = (d.path / "lb").string();
  ASSERT_EQ(::symlink(a.c_str(), b.c_str()), 0);
  ASSERT_EQ(::symlink(b.c_str(), a.c_str()), 0);
  EXPECT_NE(errorOfRead(a).find("loop of symbolic links"), std::string::npos);
  EXPECT_NE(errorOfWrite(a, "x").find("loop of symbolic links"), std::string::npos);
}

TEST(FileIo, ShortTextIsSafeToPrint) {
  EXPECT_EQ(shortText("abc", 40), "abc");
  EXPECT_EQ(shortText(std::string("a\0b\tc", 5), 40), "a\\x00b\\x09c");
  EXPECT_EQ(shortText("abcdef", 4), "abcd…");
  EXPECT_EQ(shortText("abcdef", 4, true), "abcd… (6 bytes)");
  // 中 is 3 bytes: a cut never ends inside it.
  EXPECT_EQ(shortText("ab中文", 4), "ab…");
  EXPECT_EQ(shortText("ab中文", 5), "ab中…");
}

TEST(FileIo, AFailingDeviceStopsEveryOtherFile) {
  // normalize --out out.npy --stats /dev/full: the device is written before any file is replaced.
  TempDir d;
  const std::string out = (d.path / "out.npy").string();
  writeFileAtomic(out, "old output");
  EXPECT_THROW(writeFilesAtomic({{out, "new output"}, {"/dev/full", "stats"}}), FileError);
  EXPECT_EQ(readFile(out), "old output");
  EXPECT_EQ(std::distance(fs::directory_iterator(d.path), fs::directory_iterator()), 1);
}

TEST(FileIo, ASymbolicLinkIsWrittenThrough) {
  TempDir d;
  fs::create_directory(d.path / "real");
  const std::string target = (d.path / "real" / "data.csv").string(), link = (d.path / "link.csv").string();
  writeFileAtomic(target, "old");
  ASSERT_EQ(::symlink("real/data.csv", link.c_str()), 0);  // relative, as links usually are
  writeFileAtomic(link, "new");
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(readFile(target), "new");
  // A dangling link creates its target.
  const std::string dangling = (d.path / "dangling.csv").string();
  ASSERT_EQ(::symlink("real/later.csv", dangling.c_str()), 0);
  writeFileAtomic(dangling, "made");
  EXPECT_TRUE(fs::is_symlink(dangling));
  EXPECT_EQ(readFile((d.path / "real" / "later.csv").string()), "made");
}

TEST(FileIo, ANameAtTheFileSystemLimitWorks) {
  TempDir d;
  const long max = ::pathconf(d.path.c_str(), _PC_NAME_MAX);
  ASSERT_GT(max, 20);
  const std::string name = std::string(static_cast<size_t>(max) - 4, 'n') + ".csv";
  const std::string p = (d.path / name).string();
  EXPECT_EQ(errorOfWrite(p, "long name"), "");
  EXPECT_EQ(readFile(p), "long name");
  EXPECT_NE(errorOfWrite((d.path / (name + "x")).string(), "too long").find("too long"), std::string::npos);
}

TEST(FileIo, ATerminatedWriteLeavesNoTemporaryFile) {
  // SIGTERM and SIGINT arrive while 64 MB are written: the process ends only once the file is renamed or removed.
  TempDir d;
  const std::string p = (d.path / "out.bin").string();
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      for (;;) writeFileAtomic(p, std::string(64 << 20, 'z'));
    }
    ::usleep(150000);
    ::kill(child, sig);
    int status = 0;
    ::waitpid(child, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig);
    for (const auto& e : fs::directory_iterator(d.path))
      EXPECT_EQ(e.path().filename(), "out.bin") << "left behind: " << e.path();
    if (fs::exists(p)) {
      EXPECT_EQ(fs::file_size(p), 64u << 20);
    }
  }
}

}  // namespace
}  // namespace nr::core
