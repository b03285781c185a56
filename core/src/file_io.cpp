#include "nr/file_io.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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
    case ELOOP: return "the path has a loop of symbolic links; fix the link or choose another folder";
    case ENAMETOOLONG: return "the file name is too long for this file system; choose a shorter one";
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

/// Holds back the signals that end a process while files are written; they are delivered when this goes away.
class SignalHold {
 public:
  SignalHold() {
#ifndef __EMSCRIPTEN__
    sigset_t s;
    sigemptyset(&s);
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&s, sig);
    m_ok = pthread_sigmask(SIG_BLOCK, &s, &m_old) == 0;
#endif
  }
  ~SignalHold() {
#ifndef __EMSCRIPTEN__
    if (m_ok) pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
#endif
  }
  SignalHold(const SignalHold&) = delete;
  SignalHold& operator=(const SignalHold&) = delete;

 private:
#ifndef __EMSCRIPTEN__
  sigset_t m_old{};
  bool m_ok = false;
#endif
};

/// The file a write to `path` must replace: `path` itself, or, when it is a symbolic link, the file it points to
/// (followed through chains of links, relative links resolved against the link's folder).
std::string writeTarget(const std::string& path) {
  std::string p = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st{};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p;
    std::vector<char> buf(PATH_MAX + 1);
    const ssize_t n = ::readlink(p.c_str(), buf.data(), PATH_MAX);
    if (n <= 0) return p;
    std::string target(buf.data(), static_cast<size_t>(n));
    p = target.front() == '/' ? target : folderOf(p) + "/" + target;
  }
  throw FileError("cannot write " + path + ": the path has a loop of symbolic links; fix the link or choose another name");
}

}  // namespace

std::string formatBytes(size_t bytes) {
  char buf[32];
  const double mb = double(bytes) / 1e6;
  if (bytes >= 1000000000) std::snprintf(buf, sizeof buf, "%.3g GB", mb / 1000);
  else if (bytes >= 1000000) std::snprintf(buf, sizeof buf, "%.3g MB", mb);
  else if (bytes >= 1000) std::snprintf(buf, sizeof buf, "%.3g kB", double(bytes) / 1e3);
  else std::snprintf(buf, sizeof buf, "%zu bytes", bytes);
  return buf;
}

std::string shortText(const std::string& s, size_t maxBytes, bool sayLength) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char ch = static_cast<unsigned char>(s[i]);
    std::string piece;
    if (ch < 0x20 || ch == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", ch);
      piece = buf;
    } else {
      // A whole UTF-8 character: the lead byte and its continuation bytes.
      size_t n = 1;
      while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
      piece = s.substr(i, n);
    }
    if (out.size() + piece.size() > maxBytes) break;
    out += piece;
    i += ch < 0x20 || ch == 0x7f ? 1 : piece.size();
  }
  if (i < s.size()) out += sayLength ? "… (" + std::to_string(s.size()) + " bytes)" : std::string("…");
  return out;
}

std::string readFile(const std::string& path, size_t maxBytes) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    throw FileError("cannot read " + path + ": " +
                    (err == ENOENT ? std::string("no such file")
                     : err == ELOOP ? std::string("the path has a loop of symbolic links")
                     : err == EACCES ? std::string("no permission to read it")
                                     : std::string(std::strerror(err))));
  }
  if (S_ISDIR(st.st_mode)) throw FileError("cannot read " + path + ": it is a folder, not a file");
  if (!S_ISREG(st.st_mode))
    throw FileError("cannot read " + path + ": it is not a regular file (a device, pipe or socket); save the data to a file and open that");
  auto tooLarge = [&]() {
    return FileError("cannot read " + path + ": it is larger than the " + formatBytes(maxBytes) +
                     " NR Lab reads from one file; use a smaller file (fewer rows, or a part of the array)");
  };
  if (static_cast<uint64_t>(st.st_size) > maxBytes) throw tooLarge();
  // O_NONBLOCK: should the path have been swapped for a FIFO since the stat, the open does not wait for a writer.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    throw FileError("cannot read " + path + ": " + (err == EACCES ? std::string("no permission to read it") : std::strerror(err)));
  }
  struct stat fst{};
  if (::fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode)) {
    ::close(fd);
    throw FileError("cannot read " + path + ": it is not a regular file (a device, pipe or socket); save the data to a file and open that");
  }
  std::string out;
  out.resize(static_cast<size_t>(fst.st_size));
  size_t done = 0;
  for (;;) {
    if (done == out.size()) {
      // Read as much as the stat said: one more byte tells whether the file grew since (without doubling the
      // buffer, which for a 256 MB array would be another 256 MB).
      char extra;
      ssize_t n;
      do n = ::read(fd, &extra, 1);
      while (n < 0 && errno == EINTR);
      if (n <= 0) break;
      if (out.size() >= maxBytes) {
        ::close(fd);
        throw tooLarge();
      }
      out.push_back(extra);
      ++done;
      out.resize(std::min(maxBytes + 1, std::max<size_t>(out.size() * 2, 4096)));
    }
    const ssize_t n = ::read(fd, &out[done], out.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      throw FileError("cannot read " + path + ": " + std::strerror(err));
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  if (done > maxBytes) throw tooLarge();
  out.resize(done);
  return out;
}

void writeFileAtomic(const std::string& path, const std::string& bytes) { writeFilesAtomic({{path, bytes}}); }

void writeFilesAtomic(const std::vector<std::pair<std::string, std::string>>& files) {
  struct Pending {
    std::string path, tmp, folder;
    const std::string* bytes;
    bool direct;         // a device or pipe (e.g. /dev/stdout, /dev/full): cannot be replaced by a rename
    std::string target;  // path, or the file its symbolic link points to
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
  const SignalHold hold;  // Ctrl+C now arrives after the temporary files are renamed or removed
  for (const auto& [path, bytes] : files) {
    if (path.empty()) {
      cleanup();
      throw FileError("no output file name was given");
    }
    std::string target;
    try {
      target = writeTarget(path);
    } catch (const FileError&) {
      cleanup();
      throw;
    }
    Pending p{path, "", folderOf(target), &bytes, false, target};
    struct stat st{};
    if (::stat(target.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) {
        cleanup();
        throw FileError("cannot write " + path + ": it is a folder; give a file name");
      }
      p.direct = !S_ISREG(st.st_mode);
    }
    pending.push_back(p);
  }
  // Phase 1: every temporary file complete and on disk. The temporary name is short so that a destination name at
  // the file system's length limit still works.
  for (Pending& p : pending) {
    if (p.direct) continue;
    std::string tmpl = p.folder + "/.nrlab-XXXXXX";
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
  // Phase 2: the devices and pipes, which cannot be undone, so that one that fails (/dev/full) stops the renames.
  for (Pending& p : pending) {
    if (!p.direct) continue;
    int fd = ::open(p.target.c_str(), O_WRONLY);
    if (fd < 0) fail(p, errno);
    int err = 0;
    const bool ok = writeAll(fd, *p.bytes, err);
    if (::close(fd) != 0 && ok) err = errno;
    if (!ok || err) fail(p, err);
  }
  // Phase 3: replace the files.
  for (Pending& p : pending) {
    if (p.direct) continue;
    if (::rename(p.tmp.c_str(), p.target.c_str()) != 0) fail(p, errno);
    p.tmp.clear();
  }
}

}  // namespace nr::core
