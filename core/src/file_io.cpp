#include "nr/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace nr::core {

namespace {

std::string folderOf(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string reasonFor(int err, const std::string& folder) {
  switch (err) {
    case ENOENT: return "the folder " + folder + " does not exist; create it or choose another";
    case EACCES:
    case EPERM: return "no permission to write in " + folder + "; choose a folder you can write to";
    case EROFS: return folder + " is on a read-only file system; choose another folder";
    case ENOSPC:
    case EDQUOT: return "the disk is full; free some space or choose another disk";
    case EFBIG: return "the file is larger than this file system or your file-size limit allows (ulimit -f); choose another disk";
    case ENOTDIR: return folder + " is not a folder";
    default: return std::strerror(err);
  }
}

bool writeAll(int fd, const std::string& bytes, int& err) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      err = errno;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

std::string readFile(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0)
    throw FileError("cannot read " + path + ": " + (errno == ENOENT ? std::string("no such file") : std::strerror(errno)));
  if (S_ISDIR(st.st_mode)) throw FileError("cannot read " + path + ": it is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw FileError("cannot read " + path + ": read error");
  return ss.str();
}

void writeFileAtomic(const std::string& path, const std::string& bytes) { writeFilesAtomic({{path, bytes}}); }

void writeFilesAtomic(const std::vector<std::pair<std::string, std::string>>& files) {
  struct Pending {
    std::string path, tmp, folder;
    const std::string* bytes;
    bool direct;  // a device or pipe (e.g. /dev/stdout, /dev/full): cannot be replaced by a rename
  };
  std::vector<Pending> pending;
  auto cleanup = [&]() {
    for (const Pending& p : pending)
      if (!p.tmp.empty()) ::unlink(p.tmp.c_str());
  };
  auto fail = [&](const Pending& p, int err) {
    cleanup();
    throw FileError("cannot write " + p.path + ": " + reasonFor(err, p.folder));
  };
  for (const auto& [path, bytes] : files) {
    if (path.empty()) {
      cleanup();
      throw FileError("no output file name was given");
    }
    Pending p{path, "", folderOf(path), &bytes, false};
    struct stat st{};
    if (::stat(path.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        cleanup();
        throw FileError("cannot write " + path + ": it is a folder; give a file name");
      }
      p.direct = !S_ISREG(st.st_mode);
    }
    pending.push_back(p);
  }
  // Phase 1: every temporary file complete and on disk.
  for (Pending& p : pending) {
    if (p.direct) continue;
    std::string tmpl = p.path + ".tmp-XXXXXX";
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    int fd = ::mkstemp(name.data());
    if (fd < 0) fail(p, errno);
    p.tmp = name.data();
    int err = 0;
    bool ok = writeAll(fd, *p.bytes, err);
    if (ok && ::fsync(fd) != 0) {
      ok = false;
      err = errno;
    }
    if (ok) ::fchmod(fd, 0644);
    if (::close(fd) != 0 && ok) {
      ok = false;
      err = errno;
    }
    if (!ok) fail(p, err);
  }
  // Phase 2: replace the destinations.
  for (Pending& p : pending) {
    if (p.direct) {
      int fd = ::open(p.path.c_str(), O_WRONLY);
      if (fd < 0) fail(p, errno);
      int err = 0;
      const bool ok = writeAll(fd, *p.bytes, err);
      if (::close(fd) != 0 && ok) err = errno;
      if (!ok || err) fail(p, err);
      continue;
    }
    if (::rename(p.tmp.c_str(), p.path.c_str()) != 0) fail(p, errno);
    p.tmp.clear();
  }
}

}  // namespace nr::core
