#include "cli/normalize_command.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "nr/activations.h"
#include "nr/file_io.h"
#include "nr/normalization.h"
#include "nr/npy.h"

namespace nr::app {

namespace {

core::NpyArray load(const std::string& path, const char* what) {
  try {
    return core::readNpy(path);
  } catch (const core::NpyError& e) {
    throw CliError(std::string(what) + ": " + e.what());
  }
}

void requireFinite(const core::NpyArray& a, const std::string& path) {
  try {
    core::requireFiniteFloat32(a, path);
  } catch (const core::ActivationError& e) {
    throw CliError(e.what());
  }
}

std::vector<float> loadPerChannel(const std::string& path, const char* what, int64_t channels) {
  core::NpyArray a = load(path, what);
  requireFinite(a, path);
  if (a.shape.size() != 1 || a.shape[0] != channels)
    throw CliError(std::string(what) + " " + path + " has shape (" + core::shapeToString(a.shape) +
                   ") but must be a 1-D array of " + std::to_string(channels) + " values, one per channel");
  return std::vector<float>(a.values.begin(), a.values.end());
}

}  // namespace

void runNormalize(const NormalizeOptions& opt) {
  if (opt.kind.empty() == opt.axes.empty())
    throw CliError("give either --kind batch|layer|instance|group or --axes (e.g. --axes N,H,W), not both or neither");
  if (!std::isfinite(opt.eps) || opt.eps <= 0)
    throw CliError("--eps must be a positive finite number, e.g. 1e-5");

  core::NormSpec spec;
  spec.eps = opt.eps;
  if (!opt.kind.empty()) {
    std::optional<core::NormKind> kind = core::parseNormKind(opt.kind);
    if (!kind) throw CliError("--kind '" + opt.kind + "' is not known; use batch, layer, instance or group");
    if (*kind == core::NormKind::Group && !opt.groups)
      throw CliError("--kind group needs --groups G, a divisor of the channel count");
    if (*kind != core::NormKind::Group && opt.groups && *opt.groups != 1)
      throw CliError("--groups applies only to --kind group or to --axes that include C");
    spec = core::NormSpec::preset(*kind, opt.groups.value_or(1), opt.eps);
  } else {
    std::string err;
    std::optional<core::AxisSet> axes = core::AxisSet::parse(opt.axes, &err);
    if (!axes) throw CliError("--axes: " + err);
    spec.axes = *axes;
    spec.groups = opt.groups.value_or(1);
  }
  if (spec.groups < 1) throw CliError("--groups must be at least 1");

  // Memory: the file's bytes and the float tensor, then the tensor and the output, then the output and its
  // encoding; each is released as soon as the next exists, so the peak stays near twice the input.
  core::Tensor x;
  {
    std::string bytes;
    try {
      bytes = core::readFile(opt.in, core::kMaxActivationFileBytes);
    } catch (const core::FileError& e) {
      throw CliError(std::string("input: ") + e.what());
    }
    try {
      x = core::activationsFromBytes(bytes, opt.in);  // the same checks and messages as the norm-axes lesson's drop
    } catch (const core::NpyError& e) {
      throw CliError(std::string("input: ") + e.what());
    } catch (const core::ActivationError& e) {
      throw CliError(e.what());
    }
  }
  if (!opt.gamma.empty()) spec.gamma = loadPerChannel(opt.gamma, "--gamma", x.c());
  if (!opt.beta.empty()) spec.beta = loadPerChannel(opt.beta, "--beta", x.c());
  if (std::string err = core::validate(x, spec); !err.empty()) throw CliError(err);

  core::NormResult r = core::normalize(x, spec);
  const std::vector<int64_t> shape = x.shape();
  x = core::Tensor();

  std::vector<std::pair<std::string, std::string>> files;
  files.emplace_back(opt.out, core::encodeNpyFloat32(shape, r.output.data(), r.output.values().size()));
  r.output = core::Tensor();
  if (!opt.stats.empty()) {
    nlohmann::json j;
    j["shape"] = shape;
    j["axes"] = spec.axes.toString();
    j["groups"] = spec.groups;
    j["eps"] = spec.eps;
    j["group_count"] = r.groups.groupCount();
    j["group_size"] = r.groups.groupSize();
    j["mean"] = r.mean;
    j["var"] = r.var;
    files.emplace_back(opt.stats, j.dump(1) + "\n");
  }
  try {
    core::writeFilesAtomic(files);
  } catch (const core::FileError& e) {
    throw CliError(e.what());
  }
}

}  // namespace nr::app
