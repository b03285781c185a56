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

/// Throws FileError with a message naming the path and the reason.
std::string readFile(const std::string& path);
/// Atomic replace. On any failure the destination is untouched, the temporary file is removed and FileError says
/// why (missing folder, read-only folder, disk full, ...).
void writeFileAtomic(const std::string& path, const std::string& bytes);
/// Several files at once: every temporary file is written and synced before any destination is replaced, so a
/// failure (disk full, read-only folder) leaves all of them untouched.
void writeFilesAtomic(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace nr::core
