#pragma once

namespace nr::app {

/// Parses the command line and runs a command (or the GUI). Returns the process exit status:
/// 0 on success, 2 on any usage or input error (after one line on stderr).
int runMain(int argc, char** argv);

}  // namespace nr::app
