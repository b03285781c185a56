#pragma once
// A fresh folder of one's own under the system's temporary folder (mkdtemp), removed with everything in it when it
// goes out of scope, also when a test made it read-only. Standard library only (the GL tests use it without
// nr_core).

#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace nr::test {

class TempDir {
 public:
  /// The folder is named `prefix` followed by six random characters.
  explicit TempDir(const std::string& prefix = "nr_test") : path(make(prefix)) {}
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// The path of `name` in the folder, as a string.
  std::string file(const std::string& name) const { return (path / name).string(); }

  /// Writes `bytes` as the file `name` in the folder (replacing it) and returns its path; throws if it cannot.
  std::string write(const std::string& name, const std::string& bytes) const {
    const std::string p = file(name);
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw std::runtime_error("TempDir: cannot write " + p);
    return p;
  }

  const std::filesystem::path path;

 private:
  static std::filesystem::path make(const std::string& prefix) {
    std::string t = (std::filesystem::temp_directory_path() / (prefix + "_XXXXXX")).string();
    if (::mkdtemp(t.data()) == nullptr) throw std::runtime_error("TempDir: mkdtemp failed for " + t);
    return t;
  }
};

}  // namespace nr::test
