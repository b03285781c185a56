// nr::core::BasicMlp and Optimizer against PyTorch: tests/data/golden/mlp, written by tools/golden/make_mlp_golden.py.
//
// The references are PyTorch in float64, so the double instantiation must agree to ~1e-12 (only summation order
// differs). The float instantiation, which the app runs, must agree to a few float32 ulps of the values.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "nr/mlp.h"
#include "nr/optimizer.h"

namespace {

using nlohmann::json;
using namespace nr::core;

/// Keep the result in a named object: a range-for over loadGolden(..)["cases"] iterates a destroyed temporary.
json loadGolden(const std::string& name) {
  const std::string path = std::string(NR_TEST_DATA_DIR) + "/golden/mlp/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path + "; regenerate it with tools/golden/make_mlp_golden.py");
  return json::parse(in);
}

Activation parseActivation(const std::string& s) {
  if (s == "tanh") return Activation::Tanh;
  if (s == "relu") return Activation::Relu;
  if (s == "sigmoid") return Activation::Sigmoid;
  return Activation::Linear;
}

MlpSpec specOf(const json& c) {
  MlpSpec s;
  s.inputs = c["inputs"];
  s.outputs = c["outputs"];
  const std::string loss = c["loss"];
  s.loss = loss == "mse"               ? LossKind::Mse
           : loss == "bce-with-logits" ? LossKind::BceWithLogits
                                       : LossKind::SoftmaxCrossEntropy;
  for (const json& h : c["hidden"]) {
    HiddenLayerSpec hs;
    hs.units = h[0];
    hs.activation = parseActivation(h[1]);
    const std::string norm = h[2];
    hs.norm = norm == "batch" ? NormLayer::Batch : norm == "layer" ? NormLayer::Layer : NormLayer::None;
    s.hidden.push_back(hs);
  }
  return s;
}

template <typename T>
std::vector<T> vec(const json& a) {
  std::vector<T> v;
  for (const json& e : a) v.push_back(static_cast<T>(e.get<double>()));
  return v;
}

/// Every |a_i − e_i| ≤ tol·max(1, |e_i|), naming the worst element on failure.
template <typename T>
::testing::AssertionResult close(const T* a, const std::vector<double>& e, double tol) {
  double worst = -1;
  size_t at = 0;
  for (size_t i = 0; i < e.size(); ++i) {
    double d = std::abs(double(a[i]) - e[i]) / std::max(1.0, std::abs(e[i]));
    if (std::isnan(d)) d = INFINITY;
    if (d > worst) worst = d, at = i;
  }
  if (worst <= tol) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "worst relative error " << worst << " > " << tol << " at " << at << " (got "
                                       << double(a[at]) << ", expected " << e[at] << ")";
}

template <typename T>
void runOptimizerCase(const json& c, double tol) {
  SCOPED_TRACE(c["name"].get<std::string>());
  BasicMlp<T> net(specOf(c));
  const std::vector<T> p0 = vec<T>(c["params0"]);
  ASSERT_EQ(static_cast<int64_t>(p0.size()), net.parameterCount());
  std::copy(p0.begin(), p0.end(), net.parameters());
  const json& o = c["optimizer"];
  OptimizerSpec os;
  const std::string kind = o["kind"];
  os.kind = kind == "sgd"        ? OptimizerKind::Sgd
            : kind == "momentum" ? OptimizerKind::Momentum
            : kind == "adam"     ? OptimizerKind::Adam
                                 : OptimizerKind::AdamW;
  os.lr = o["lr"];
  os.momentum = o.value("momentum", 0.9);
  os.beta1 = o.value("beta1", 0.9);
  os.beta2 = o.value("beta2", 0.999);
  os.eps = o.value("eps", 1e-8);
  os.weightDecay = o["weight_decay"];
  Regularization reg;
  reg.l2 = o["l2"];          // torch's coupled weight_decay
  reg.includeBiases = true;  // torch decays every parameter in the group
  net.setRegularization(reg);
  Optimizer<T> opt(os, net.parameterCount());
  const std::vector<T> x = vec<T>(c["x"]), y = vec<T>(c["y"]);
  int step = 0;
  for (const json& s : c["steps"]) {
    const LossParts parts = net.trainStep(x.data(), y.data(), c["n"], opt);
    EXPECT_NEAR(parts.data, s["loss"].get<double>(), tol) << "step " << step;
    EXPECT_TRUE(close(net.parameters(), vec<double>(s["params"]), tol)) << "step " << step;
    ++step;
  }
}

TEST(MlpGolden, OptimizerStepsMatchPyTorchInDouble) {
  const json golden = loadGolden("optimizers.json");
  for (const json& c : golden["cases"]) runOptimizerCase<double>(c, 1e-12);
}

TEST(MlpGolden, OptimizerStepsMatchPyTorchInFloat) {
  const json golden = loadGolden("optimizers.json");
  for (const json& c : golden["cases"]) runOptimizerCase<float>(c, 2e-6);
}

template <typename T>
void runNormCase(const json& c, double tol) {
  SCOPED_TRACE(c["name"].get<std::string>());
  BasicMlp<T> net(specOf(c));
  const std::vector<T> p = vec<T>(c["params"]);
  ASSERT_EQ(static_cast<int64_t>(p.size()), net.parameterCount());
  std::copy(p.begin(), p.end(), net.parameters());
  const std::vector<T> x = vec<T>(c["x"]), y = vec<T>(c["y"]);
  const int n = c["n"];
  const LossParts parts = net.computeGradients(x.data(), y.data(), n);
  EXPECT_NEAR(parts.data, c["loss_value"].get<double>(), tol);
  EXPECT_TRUE(close(net.gradients(), vec<double>(c["grads"]), tol));
  for (const json& r : c["running"]) {
    const int l = r["layer"];
    EXPECT_TRUE(close(net.runningMean(l).data(), vec<double>(r["mean"]), tol)) << "running mean, layer " << l;
    EXPECT_TRUE(close(net.runningVar(l).data(), vec<double>(r["var"]), tol)) << "running var, layer " << l;
  }
  std::vector<T> logits(size_t(n) * net.spec().outputs);
  net.predict(x.data(), n, logits.data());
  EXPECT_TRUE(close(logits.data(), vec<double>(c["eval_logits"]), tol)) << "eval-mode output";
}

TEST(MlpGolden, NormLayersForwardBackwardMatchPyTorchInDouble) {
  const json golden = loadGolden("norm_layers.json");
  for (const json& c : golden["cases"]) runNormCase<double>(c, 1e-11);
}

TEST(MlpGolden, NormLayersForwardBackwardMatchPyTorchInFloat) {
  const json golden = loadGolden("norm_layers.json");
  for (const json& c : golden["cases"]) runNormCase<float>(c, 2e-5);
}

TEST(MlpGolden, ComparisonFailsOnAPerturbedReference) {
  const json c = loadGolden("optimizers.json")["cases"][0];
  std::vector<double> ref = vec<double>(c["params0"]);
  std::vector<double> mine = ref;
  mine[2] += 1e-9;
  EXPECT_TRUE(close(mine.data(), ref, 1e-8));
  EXPECT_FALSE(close(mine.data(), ref, 1e-10));
}

}  // namespace
