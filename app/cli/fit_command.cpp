#include "cli/fit_command.h"

#include <cmath>

#include "nr/csv.h"
#include "nr/elastic_net.h"
#include "nr/file_io.h"

namespace nr::app {

namespace {

/// A header cell: quoted when it holds a comma, a quote or surrounding spaces, so the names read back unchanged.
std::string csvName(const std::string& name) {
  if (name.find_first_of(",\"\r\n") == std::string::npos && name.front() != ' ' && name.back() != ' ') return name;
  std::string q = "\"";
  for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

/// α of a penalty; std::nullopt for "none".
std::optional<double> mixing(const FitOptions& opt) {
  if (opt.penalty == "none") return std::nullopt;
  if (opt.penalty == "ridge") return 0.0;
  if (opt.penalty == "lasso") return 1.0;
  if (opt.penalty == "elasticnet") return opt.l1Ratio.value_or(0.5);
  throw CliError("--penalty '" + opt.penalty + "' is not known; use none, ridge, lasso or elasticnet");
}

/// The options, checked before any file is read; returns the path's λ_min/λ_max ratio.
double checkOptions(const FitOptions& opt, const std::optional<double>& alpha) {
  if (opt.l1Ratio && opt.penalty != "elasticnet")
    throw CliError("--l1-ratio applies only to --penalty elasticnet (ridge is 0, lasso is 1)");
  if (alpha && !(*alpha >= 0.0 && *alpha <= 1.0))
    throw CliError("--l1-ratio must be between 0 and 1 (0 = ridge, 1 = lasso), got " + core::formatNumber(*alpha));
  if (!alpha) {
    if (opt.lambda || opt.path)
      throw CliError("--penalty none fits ordinary least squares (λ = 0); drop --lambda and --path");
  } else if (opt.lambda.has_value() == opt.path.has_value()) {
    throw CliError("give either --lambda L (one fit) or --path K (K values of λ), not both or neither");
  }
  if (opt.lambda && !(std::isfinite(*opt.lambda) && *opt.lambda >= 0.0))
    throw CliError("--lambda must be a finite number ≥ 0, got " + core::formatNumber(*opt.lambda));
  if (opt.path && (*opt.path < 1 || *opt.path > 100000))
    throw CliError("--path must be a number of λ values from 1 to 100000, e.g. 100");
  if (opt.lambdaMinRatio && !opt.path) throw CliError("--lambda-min-ratio applies only with --path");
  const double ratio = opt.lambdaMinRatio.value_or(1e-3);
  if (!(ratio > 0.0 && ratio < 1.0))
    throw CliError("--lambda-min-ratio must be between 0 and 1 (exclusive), e.g. 1e-3, got " + core::formatNumber(ratio));
  if (opt.cv && *opt.cv < 2) throw CliError("--cv must be at least 2 folds, e.g. 5 or 10");
  return ratio;
}

/// The design matrix and target read from the CSV, with the feature names in column order.
struct FitData {
  std::vector<std::string> features;
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
};

/// Reads the CSV and splits it into features and target, refusing data no fit can use.
FitData readData(const FitOptions& opt) {
  core::CsvTable table;
  try {
    table = core::readCsv(opt.data);
  } catch (const core::CsvError& e) {
    throw CliError(e.what());
  }
  int target = -1;
  try {
    target = table.require(opt.target, opt.data);
  } catch (const core::CsvError& e) {
    throw CliError(e.what());
  }
  if (table.names.size() < 2) throw CliError(opt.data + " has only the target column '" + opt.target + "'; add feature columns");
  const Eigen::Index n = table.values.rows();
  if (n < 2)  // before the constant-column check: one row makes every column "constant"
    throw CliError(opt.data + " has only " + std::to_string(n) + " data row; a fit needs at least 2");
  FitData data;
  data.x.resize(n, static_cast<Eigen::Index>(table.names.size() - 1));
  for (int c = 0, k = 0; c < static_cast<int>(table.names.size()); ++c) {
    const auto col = table.values.col(c);
    if ((col.array() == col[0]).all()) {
      if (c == target) throw CliError("the target column '" + opt.target + "' is constant (" + core::formatNumber(col[0]) + "); there is nothing to fit");
      throw CliError("column '" + table.names[c] + "' is constant (every value is " + core::formatNumber(col[0]) +
                     "); remove it, the intercept already covers a constant");
    }
    if (c == target) continue;
    data.features.push_back(table.names[c]);
    data.x.col(k++) = col;
  }
  data.y = table.values.col(target);
  if (opt.cv && n < *opt.cv)
    throw CliError(opt.data + " has " + std::to_string(n) + " rows, fewer than the " + std::to_string(*opt.cv) +
                   " folds of --cv; use at most " + std::to_string(n) + " folds");
  return data;
}

/// The λ values to fit: 0 for "none", the one --lambda, or a --path grid down from λ_max.
std::vector<double> lambdaValues(const FitOptions& opt, const FitData& data, const std::optional<double>& alpha,
                                 double enAlpha, double ratio) {
  if (!alpha) return {0.0};
  if (opt.lambda) return {*opt.lambda};
  const double top = core::pathTop(data.x, data.y, enAlpha);
  if (!std::isfinite(top))
    throw CliError("the largest useful λ (λ_max = max|x_jᵀy|/n) is beyond the range of double for " + opt.data +
                   "; divide the target or the columns by a constant (e.g. 1e100) and fit again");
  return core::lambdaGrid(top, static_cast<int>(*opt.path), ratio);
}

/// The path's CSV text: `lambda,intercept,<features>[,cv_mean,cv_se]`, one row per λ.
std::string pathCsv(const std::vector<std::string>& features, const std::vector<double>& lambdas,
                    const core::ElasticNetPath& path, const std::optional<core::CrossValidation>& cv) {
  std::string csv = "lambda,intercept";
  for (const std::string& f : features) csv += "," + csvName(f);
  if (cv) csv += ",cv_mean,cv_se";
  csv += "\n";
  for (size_t i = 0; i < lambdas.size(); ++i) {
    csv += core::formatNumber(lambdas[i]) + "," + core::formatNumber(path.intercepts[static_cast<Eigen::Index>(i)]);
    for (Eigen::Index j = 0; j < path.coefs.cols(); ++j) csv += "," + core::formatNumber(path.coefs(static_cast<Eigen::Index>(i), j));
    if (cv) csv += "," + core::formatNumber(cv->mean[i]) + "," + core::formatNumber(cv->se[i]);
    csv += "\n";
  }
  return csv;
}

}  // namespace

void runFit(const FitOptions& opt) {
  // [SECTION] Options, checked before any file is read.
  const std::optional<double> alpha = mixing(opt);
  const double ratio = checkOptions(opt, alpha);

  // [SECTION] Data.
  const FitData data = readData(opt);
  const Eigen::MatrixXd& x = data.x;
  const Eigen::VectorXd& y = data.y;
  const Eigen::Index n = x.rows();

  // [SECTION] Fit.
  core::ElasticNetOptions en;
  en.alpha = alpha.value_or(0.0);
  const std::vector<double> lambdas = lambdaValues(opt, data, alpha, en.alpha, ratio);
  core::ElasticNetPath path;
  std::optional<core::CrossValidation> cv;
  try {
    path = core::fitElasticNetPath(x, y, lambdas, en);
    if (opt.cv) cv = core::crossValidate(x, y, lambdas, core::foldIds(static_cast<int>(n), static_cast<int>(*opt.cv), opt.seed), en);
  } catch (const std::invalid_argument& e) {
    throw CliError(e.what());
  }
  if (!path.converged)
    throw CliError(opt.path ? "the solver did not converge; standardize the features or use a larger --lambda-min-ratio"
                            : "the solver did not converge; standardize the features or use a larger --lambda");
  // Never a wrong number with exit 0: every column's optimality conditions are checked at its own scale.
  if (std::string why = core::checkTrust(x, y, path); !why.empty()) throw CliError(why);
  if (cv)
    for (size_t i = 0; i < cv->mean.size(); ++i)
      if (!std::isfinite(cv->mean[i]) || !std::isfinite(cv->se[i]))
        throw CliError("the cross-validation errors are beyond the range of double; divide the target by a constant and fit again");

  // [SECTION] Output.
  try {
    core::writeFileAtomic(opt.out, pathCsv(data.features, lambdas, path, cv));
  } catch (const core::FileError& e) {
    throw CliError(e.what());
  }
}

}  // namespace nr::app
