// BM_Normalize/<kind>/<N>x<C>x<H>x<W>: single-threaded forward normalization, names fixed by DESIGN.md. Added beside
// them: BM_Normalize/<kind>/<shape>/float64 (float64 input, float32 output, as nrlab normalize does with a float64
// .npy) and BM_Normalize/axes=N,C/<shape> (an axis subset that is no preset: one statistic per (h, w) position).
// Input and output buffers are allocated and touched before timing: a first touch of fresh memory costs more than
// the kernel on these machines. Bytes processed count one read of x and one write of y, so bytes_per_second compares
// directly with a stream copy.
#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "nr/normalization.h"

namespace {

using nr::core::NormKind;
using nr::core::NormSpec;

/// Random N(0, 1) input of `shape`, as float32 (or float64 in `wide`), and the spec with γ = 1, β = 0 given.
void registerCase(const std::string& name, NormSpec spec, std::vector<int64_t> shape, bool float64) {
  benchmark::RegisterBenchmark(name.c_str(), [spec, shape, float64](benchmark::State& state) {
    nr::core::Tensor x(shape);
    std::mt19937 rng(42);
    std::normal_distribution<float> dist(0.0f, 1.0f);
    for (float& v : x.values()) v = dist(rng);
    const std::vector<double> wide(x.values().begin(), x.values().end());
    NormSpec s = spec;
    s.gamma.assign(x.c(), 1.0f);
    s.beta.assign(x.c(), 0.0f);
    nr::core::NormResult out;
    auto run = [&] {
      if (float64)
        nr::core::normalizeInto(wide.data(), shape, s, out);
      else
        nr::core::normalizeInto(x, s, out);
    };
    run();  // allocates and touches the output
    for (auto _ : state) {
      run();
      benchmark::DoNotOptimize(out.output.data());
      benchmark::ClobberMemory();
    }
    const int64_t inBytes = float64 ? int64_t(sizeof(double)) : int64_t(sizeof(float));
    state.SetBytesProcessed(state.iterations() * x.size() * (inBytes + int64_t(sizeof(float))));
    state.counters["passes"] = out.passes;
  })->Unit(benchmark::kMillisecond)->UseRealTime();
}

void registerNormalize(NormKind kind, const std::vector<int64_t>& shape, bool float64 = false) {
  const int64_t groups = kind == NormKind::Group ? (shape[1] % 32 == 0 ? 32 : 4) : 1;
  registerCase(std::string("BM_Normalize/") + nr::core::toString(kind) + "/" + nr::core::shapeToString(shape) +
                   (float64 ? "/float64" : ""),
               NormSpec::preset(kind, groups, 1e-5), shape, float64);
}

const bool kRegistered = [] {
  const std::vector<int64_t> big = {32, 64, 56, 56}, mid = {8, 256, 28, 28}, small = {4, 8, 16, 16};
  for (const auto& shape : {big, mid, small})
    for (NormKind k : {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group}) registerNormalize(k, shape);
  for (NormKind k : {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group})
    registerNormalize(k, big, true);
  NormSpec nc;
  nc.axes = *nr::core::AxisSet::parse("N,C");
  for (const auto& shape : {big, mid})
    registerCase("BM_Normalize/axes=N,C/" + nr::core::shapeToString(shape), nc, shape, false);
  return true;
}();

}  // namespace
