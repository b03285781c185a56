// BM_Normalize/<kind>/<N>x<C>x<H>x<W>: single-threaded forward normalization, names fixed by DESIGN.md.
// Input and output buffers are allocated and touched before timing: a first touch of fresh memory costs more than
// the kernel on these machines.
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "nr/normalization.h"

namespace {

void registerNormalize(nr::core::NormKind kind, std::vector<int64_t> shape) {
  const int64_t groups = kind == nr::core::NormKind::Group ? (shape[1] % 32 == 0 ? 32 : 4) : 1;
  std::string name = std::string("BM_Normalize/") + nr::core::toString(kind) + "/" + nr::core::shapeToString(shape);
  benchmark::RegisterBenchmark(name.c_str(), [kind, shape, groups](benchmark::State& state) {
    nr::core::Tensor x(shape);
    std::mt19937 rng(42);
    std::normal_distribution<float> dist(0.0f, 1.0f);
    for (float& v : x.values()) v = dist(rng);
    nr::core::NormSpec spec = nr::core::NormSpec::preset(kind, groups, 1e-5);
    spec.gamma.assign(x.c(), 1.0f);
    spec.beta.assign(x.c(), 0.0f);
    nr::core::NormResult out;
    nr::core::normalizeInto(x, spec, out);  // allocates and touches the output
    for (auto _ : state) {
      nr::core::normalizeInto(x, spec, out);
      benchmark::DoNotOptimize(out.output.data());
      benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * x.size() * int64_t(sizeof(float)) * 2);
  })->Unit(benchmark::kMillisecond)->UseRealTime();
}

const bool kRegistered = [] {
  using nr::core::NormKind;
  for (auto shape : {std::vector<int64_t>{32, 64, 56, 56}, {8, 256, 28, 28}, {4, 8, 16, 16}})
    for (NormKind k : {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group}) registerNormalize(k, shape);
  return true;
}();

}  // namespace
