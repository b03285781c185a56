#pragma once
// The real nrlab binary run as a process, for the command-line and GL tests. The including target defines
// NRLAB_EXE (the binary's path).

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#ifndef NRLAB_EXE
#error "run_nrlab.h needs NRLAB_EXE, the path of the nrlab binary"
#endif

namespace nr::test {

struct RunResult {
  int status;  ///< the exit status, or -1 when the process did not exit normally
  std::string out, err;
};

/// Runs `nrlab <args>` through the shell (so `args` may quote), its standard output and error sent to files in
/// `scratch` that are read and removed afterwards.
inline RunResult runNrlab(const std::string& args, const std::filesystem::path& scratch) {
  const std::filesystem::path outFile = scratch / "stdout.txt", errFile = scratch / "stderr.txt";
  const std::string cmd = std::string(NRLAB_EXE) + " " + args + " >" + outFile.string() + " 2>" + errFile.string();
  const int raw = std::system(cmd.c_str());
  auto slurp = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  RunResult r{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(outFile), slurp(errFile)};
  std::error_code ec;
  std::filesystem::remove(outFile, ec);
  std::filesystem::remove(errFile, ec);
  return r;
}

}  // namespace nr::test
