#include "cli/cli_main.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/normalize_command.h"

namespace nr::app {

int runMain(int argc, char** argv) {
  CLI::App app{
      "NR Lab: an interactive lab for how neural networks are normalized and regularized.\n"
      "Run without a command for the GUI; the commands below work without a display.",
      "nrlab"};
  app.set_version_flag("--version", std::string("nrlab ") + NR_VERSION);
  app.require_subcommand(0, 1);

  NormalizeOptions norm;
  long long groups = 1;
  CLI::App* normalize = app.add_subcommand(
      "normalize", "Normalize a float32/float64 .npy tensor of rank 2 (N,C), 3 (N,C,L) or 4 (N,C,H,W); writes float32");
  normalize->add_option("--in", norm.in, "Input .npy file")->required();
  normalize->add_option("--out", norm.out, "Output .npy file (float32, same shape)")->required();
  CLI::Option* kind = normalize->add_option("--kind", norm.kind, "Preset: batch (N,H,W), layer (C,H,W), instance (H,W), group (C/G,H,W)");
  CLI::Option* axes = normalize->add_option("--axes", norm.axes, "Reduced axes, any non-empty subset of N,C,H,W (L = H for rank 3)");
  kind->excludes(axes);
  CLI::Option* groupsOpt = normalize->add_option("--groups", groups, "Channel groups G for --kind group (must divide C)");
  normalize->add_option("--eps", norm.eps, "Added to the variance (default 1e-5)");
  normalize->add_option("--gamma", norm.gamma, "Per-channel scale, a 1-D .npy of length C (default 1)");
  normalize->add_option("--beta", norm.beta, "Per-channel shift, a 1-D .npy of length C (default 0)");
  normalize->add_option("--stats", norm.stats, "Also write the per-group mean and variance as JSON");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::string where = normalize->parsed() ? "nrlab normalize" : "nrlab";
    std::cerr << where << ": error: " << e.what() << " (see " << where << " --help)\n";
    return 2;
  }

  if (normalize->parsed()) {
    if (groupsOpt->count()) norm.groups = groups;
    try {
      runNormalize(norm);
    } catch (const CliError& e) {
      std::cerr << "nrlab normalize: error: " << e.what() << "\n";
      return 2;
    } catch (const std::exception& e) {
      std::cerr << "nrlab normalize: error: " << e.what() << "\n";
      return 2;
    }
    return 0;
  }
  std::cout << app.help();
  return 0;
}

}  // namespace nr::app
