// BM_MlpTrainStep/2-16-16-1/<sgd|adamw>: one training step (forward, BCE-with-logits loss, backward, optimizer
// update) of a 2-16-16-1 tanh MLP on a batch of 32, single-threaded — the workload of
// shared/tools/anchors/torch_mlp_rate.py (same data rule, same learning rates and decay), so the two rates can be
// compared in one session. Everything is allocated and warmed up before timing.
#include <benchmark/benchmark.h>

#include <vector>

#include "nr/mlp.h"
#include "nr/optimizer.h"
#include "nr/rng.h"

namespace {

using nr::core::Activation;
using nr::core::LossKind;
using nr::core::Mlp;
using nr::core::MlpSpec;
using nr::core::Optimizer;
using nr::core::OptimizerKind;
using nr::core::OptimizerSpec;

void trainStep(benchmark::State& state, OptimizerKind kind) {
  // 512 points, label = (x0·x1 > 0), batches cycling through the first 480 as in the PyTorch script.
  nr::core::Rng rng(0);
  std::vector<float> x(512 * 2), y(512);
  for (int i = 0; i < 512; ++i) {
    x[2 * i] = static_cast<float>(rng.normal());
    x[2 * i + 1] = static_cast<float>(rng.normal());
    y[i] = x[2 * i] * x[2 * i + 1] > 0.0f ? 1.0f : 0.0f;
  }
  Mlp net(MlpSpec::make(2, {16, 16}, 1, Activation::Tanh, LossKind::BceWithLogits));
  OptimizerSpec os;
  os.kind = kind;
  os.lr = kind == OptimizerKind::Sgd ? 0.1 : 1e-2;
  os.weightDecay = kind == OptimizerKind::Sgd ? 0.0 : 1e-2;
  nr::core::Regularization reg;
  reg.includeBiases = true;  // torch's AdamW decays every parameter of the group
  net.setRegularization(reg);
  Optimizer<float> opt(os, net.parameterCount());
  int64_t i = 0;
  auto step = [&] {
    const int64_t start = (i * 32) % 480;
    ++i;
    return net.trainStep(x.data() + start * 2, y.data() + start, 32, opt);
  };
  for (int k = 0; k < 200; ++k) step();
  for (auto _ : state) {
    auto loss = step();
    benchmark::DoNotOptimize(loss);
  }
  state.counters["steps/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(trainStep, sgd, OptimizerKind::Sgd)->Name("BM_MlpTrainStep/2-16-16-1/sgd")->UseRealTime();
BENCHMARK_CAPTURE(trainStep, adamw, OptimizerKind::AdamW)->Name("BM_MlpTrainStep/2-16-16-1/adamw")->UseRealTime();

}  // namespace
