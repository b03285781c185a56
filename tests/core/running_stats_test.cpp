// nr::core::RunningStats against torch.nn.BatchNorm{1d,2d} run in float64 (tests/data/golden/norm/running, written
// by tools/golden/make_norm_golden.py): five training batches, the running mean/var after each, then one
// eval-mode input.
//
// The running estimates are double on both sides, so they must agree to 1e-9 (absolute + relative); the outputs
// are our float32 against PyTorch's float64, so they must agree to 2e-6·max(1, max|y|), a few float32 ulps.

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "nr/file_io.h"
#include "nr/normalization.h"
#include "nr/npy.h"
#include "nr/running_stats.h"
#include "nr/tensor.h"

namespace {

using nlohmann::json;
using nr::core::NormResult;
using nr::core::RunningStats;
using nr::core::Tensor;

const std::string& runningDir() {
  static const std::string dir = std::string(NR_TEST_DATA_DIR) + "/golden/norm/running/";
  return dir;
}

struct RunningCase {
  std::string name;
  json spec;
};

void PrintTo(const RunningCase& c, std::ostream* os) { *os << c.name; }

std::vector<RunningCase> loadRunningCases() {
  std::vector<RunningCase> cases;
  try {
    const json manifest = json::parse(nr::core::readFile(runningDir() + "running.json"));
    for (const json& c : manifest.at("cases")) cases.push_back({c.at("name").get<std::string>(), c});
  } catch (const std::exception&) {
    cases.clear();
  }
  return cases;
}

nr::core::NpyArray readArray(const json& spec, const char* key) {
  return nr::core::readNpy(runningDir() + spec.at("files").at(key).get<std::string>());
}

/// Row `row` of a (rows, len) array (the whole array when it is 1-D and row is 0).
std::vector<double> rowOf(const nr::core::NpyArray& a, int64_t row) {
  const int64_t len = a.shape.back();
  return std::vector<double>(a.values.begin() + row * len, a.values.begin() + (row + 1) * len);
}

Tensor tensorFrom(const std::vector<int64_t>& shape, const std::vector<double>& values) {
  Tensor t(shape);
  EXPECT_EQ(t.values().size(), values.size());
  std::copy(values.begin(), values.begin() + std::min(values.size(), t.values().size()), t.values().begin());
  return t;
}

std::vector<float> toFloat(const std::vector<double>& v) { return std::vector<float>(v.begin(), v.end()); }

/// |actual_i − expected_i| ≤ abs + rel·|expected_i| for every i; the first offender is named.
template <typename A>
::testing::AssertionResult allClose(const std::vector<A>& actual, const std::vector<double>& expected, double abs,
                                    double rel, const std::string& what) {
  if (actual.size() != expected.size())
    return ::testing::AssertionFailure() << what << ": " << actual.size() << " values, expected "
                                         << expected.size();
  for (size_t i = 0; i < actual.size(); ++i) {
    const double d = std::abs(static_cast<double>(actual[i]) - expected[i]);
    if (!(d <= abs + rel * std::abs(expected[i])))  // also catches NaN
      return ::testing::AssertionFailure() << std::setprecision(17) << what << "[" << i << "] = " << actual[i]
                                           << ", expected " << expected[i] << " (|diff| " << d << ")";
  }
  return ::testing::AssertionSuccess();
}

/// Output tolerance: a few float32 ulps of the largest reference value (eval outputs can exceed |γ|·3 when the
/// running estimate lags behind the data, so scale by |y| rather than by γ).
double outputTolerance(const std::vector<double>& yRef) {
  double m = 1.0;
  for (double v : yRef) m = std::max(m, std::abs(v));
  return 2e-6 * m;
}

TEST(RunningStatsGolden, ManifestLoads) {
  const std::vector<RunningCase> cases = loadRunningCases();
  ASSERT_GE(cases.size(), 4u) << "could not read " << runningDir()
                              << "running.json (regenerate with /usr/bin/python3 tools/golden/make_norm_golden.py)";
  bool momentum01 = false, momentum03 = false, rank3 = false, rank4 = false;
  for (const RunningCase& c : cases) {
    const double m = c.spec.at("momentum").get<double>();
    momentum01 |= m == 0.1;
    momentum03 |= m == 0.3;
    rank3 |= c.spec.at("batch_shape").size() == 3;
    rank4 |= c.spec.at("batch_shape").size() == 4;
  }
  EXPECT_TRUE(momentum01 && momentum03 && rank3 && rank4);
}

class RunningStatsGoldenCase : public ::testing::TestWithParam<RunningCase> {};

TEST_P(RunningStatsGoldenCase, MatchesTorchBatchNorm) {
  const json& c = GetParam().spec;
  const std::vector<int64_t> shape = c.at("batch_shape").get<std::vector<int64_t>>();
  const int64_t channels = c.at("channels").get<int64_t>();
  const int64_t steps = c.at("steps").get<int64_t>();
  const double momentum = c.at("momentum").get<double>(), eps = c.at("eps").get<double>();
  std::vector<float> gamma, beta;
  if (c.at("has_affine").get<bool>()) {
    gamma = toFloat(readArray(c, "gamma").values);
    beta = toFloat(readArray(c, "beta").values);
  }
  const nr::core::NpyArray xs = readArray(c, "x"), ys = readArray(c, "train_y");
  const nr::core::NpyArray means = readArray(c, "running_mean"), vars = readArray(c, "running_var");
  ASSERT_EQ(xs.shape.size(), 2u);
  ASSERT_EQ(xs.shape[0], steps);
  ASSERT_EQ(means.shape, (std::vector<int64_t>{steps, channels}));

  RunningStats rs(channels, momentum);
  // The same sequence through normalize() + update(), the path the lesson uses when it already has the batch
  // result: it must give the very same numbers.
  RunningStats viaUpdate(channels, momentum);
  EXPECT_EQ(rs.mean, std::vector<double>(channels, 0.0));
  EXPECT_EQ(rs.var, std::vector<double>(channels, 1.0));
  EXPECT_EQ(rs.batchesTracked, 0);

  for (int64_t k = 0; k < steps; ++k) {
    SCOPED_TRACE("after step " + std::to_string(k + 1));
    const Tensor x = tensorFrom(shape, rowOf(xs, k));
    const NormResult r = rs.trainStep(x, gamma, beta, eps);
    const std::vector<double> yRef = rowOf(ys, k);
    EXPECT_TRUE(allClose(r.output.values(), yRef, outputTolerance(yRef), 0.0, "train y"));
    EXPECT_TRUE(allClose(rs.mean, rowOf(means, k), 1e-9, 1e-9, "running_mean"));
    EXPECT_TRUE(allClose(rs.var, rowOf(vars, k), 1e-9, 1e-9, "running_var"));
    EXPECT_EQ(rs.batchesTracked, k + 1);

    nr::core::NormSpec spec = nr::core::NormSpec::preset(nr::core::NormKind::Batch, 1, eps);
    spec.gamma = gamma;
    spec.beta = beta;
    viaUpdate.update(nr::core::normalize(x, spec));
    EXPECT_EQ(viaUpdate.mean, rs.mean);
    EXPECT_EQ(viaUpdate.var, rs.var);
    EXPECT_EQ(viaUpdate.batchesTracked, rs.batchesTracked);
  }
  EXPECT_EQ(rs.batchesTracked, c.at("batches_tracked").get<int64_t>());

  const Tensor evalX = tensorFrom(shape, readArray(c, "eval_x").values);
  const std::vector<double> evalRef = readArray(c, "eval_y").values;
  const Tensor evalY = rs.normalizeEval(evalX, gamma, beta, eps);
  EXPECT_EQ(evalY.shape(), shape);
  EXPECT_TRUE(allClose(evalY.values(), evalRef, outputTolerance(evalRef), 0.0, "eval y"));
  EXPECT_EQ(rs.batchesTracked, c.at("batches_tracked").get<int64_t>()) << "eval mode must not count a batch";
}

std::string caseName(const ::testing::TestParamInfo<RunningCase>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(PyTorch, RunningStatsGoldenCase, ::testing::ValuesIn(loadRunningCases()), caseName);

// One value per channel has no unbiased variance; PyTorch refuses such a training batch, and so do we — before
// touching the running estimate.
TEST(RunningStats, OneValuePerChannelThrows) {
  for (const std::vector<int64_t>& shape : {std::vector<int64_t>{1, 3}, {1, 3, 1}, {1, 3, 1, 1}}) {
    SCOPED_TRACE(nr::core::shapeToString(shape));
    RunningStats rs(3, 0.1);
    Tensor x(shape, 2.0f);
    EXPECT_THROW(rs.trainStep(x), std::invalid_argument);
    EXPECT_EQ(rs.mean, std::vector<double>(3, 0.0));
    EXPECT_EQ(rs.var, std::vector<double>(3, 1.0));
    EXPECT_EQ(rs.batchesTracked, 0);
  }
  // Two values per channel are enough (here in one sample, along H·W).
  RunningStats rs(3, 0.1);
  EXPECT_NO_THROW(rs.trainStep(Tensor({1, 3, 2})));
  EXPECT_EQ(rs.batchesTracked, 1);
}

TEST(RunningStats, ChannelMismatchThrows) {
  RunningStats rs(3, 0.1);
  EXPECT_THROW(rs.trainStep(Tensor({4, 2, 3})), std::invalid_argument);
  EXPECT_EQ(rs.batchesTracked, 0);
}

}  // namespace
