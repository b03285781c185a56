#pragma once
// Whole-file reads and writes that never leave a half-written file behind: a write goes to a temporary file in
// the destination folder, is flushed and synced, and only then renamed over the destination.

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace nr::core {

class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The most readFile() reads unless told otherwise: 1 GiB.
inline constexpr size_t kMaxReadBytes = size_t(1) << 30;

/// "12.5 MB", "1 GB": a byte count as a message shows it.
std::string formatBytes(size_t bytes);

/// Text from a file as a message may quote it: control characters (a NUL, a tab) as \xNN so the line is neither
/// cut nor garbled, and at most `maxBytes` bytes, never ending inside a UTF-8 character; a cut text ends in "…",
/// and with `sayLength` in "… (N bytes)".
std::string shortText(const std::string& s, size_t maxBytes, bool sayLength = false);

/// Reads a whole regular file of at most `maxBytes` bytes. Devices, pipes, sockets and folders are refused (reading
/// /dev/zero or a FIFO would never end), and so is a larger file, with the limit in the message. Throws FileError
/// with a message naming the path and the reason.
std::string readFile(const std::string& path, size_t maxBytes = kMaxReadBytes);
/// Atomic replace. On any failure the destination is untouched, the temporary file is removed and FileError says
/// why (missing folder, read-only folder, disk full, ...). A destination that is a symbolic link is written through
/// to the link's target (the link stays a link). The temporary file has a short name of its own in the destination
/// folder, so any name the file system allows works. SIGINT, SIGTERM, SIGHUP and SIGQUIT are held back while the
/// files are written and delivered afterwards, so an interrupted write leaves no temporary file behind.
void writeFileAtomic(const std::string& path, const std::string& bytes);
/// Several files at once: every temporary file is written and synced, and every device output (e.g. /dev/stdout)
/// written, before any destination is replaced, so a failure (disk full, read-only folder, /dev/full) leaves every
/// file untouched.
void writeFilesAtomic(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace nr::core
