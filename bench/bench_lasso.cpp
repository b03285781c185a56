// BM_LassoPath/<data>, BM_ElasticNetPath/diabetes: a whole path of 100 λ from λ_max down to 1e-3·λ_max, converged
// to KKT violation ≤ 1e-9, single-threaded; names fixed by DESIGN.md, plus BM_LassoPath/100x5000 (p ≫ n). Each
// iteration does what one glmnet() call does (centre, screen, solve every λ), so the times compare with
// shared/tools/anchors/glmnet_times.R and bench/anchors/glmnet_paths.R, whose gaussian data (X ~ N(0,1), 10 nonzero
// coefficients ~ N(0, 2²), unit noise) are generated here the same way with our own seeded generator.
#include <benchmark/benchmark.h>

#include <string>

#include "nr/csv.h"
#include "nr/elastic_net.h"
#include "nr/rng.h"

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

struct Data {
  MatrixXd x;
  VectorXd y;
};

std::string assetsDir() {
  std::string f = __FILE__;
  return f.substr(0, f.find_last_of('/')) + "/../assets/data/";
}

Data diabetes() {
  Data d;
  d.x = nr::core::readCsv(assetsDir() + "diabetes_X.csv").values;
  d.y = nr::core::readCsv(assetsDir() + "diabetes_y.csv").values.col(0);
  return d;
}

Data gaussian(int n, int p, uint64_t seed) {
  nr::core::Rng rng(seed);
  Data d;
  d.x.resize(n, p);
  for (int j = 0; j < p; ++j)
    for (int i = 0; i < n; ++i) d.x(i, j) = rng.normal();
  VectorXd b = VectorXd::Zero(p);
  for (int k = 0; k < 10;) {  // 10 distinct positions
    const int j = static_cast<int>(rng.below(p));
    if (b[j] != 0.0) continue;
    b[j] = rng.normal(0.0, 2.0);
    ++k;
  }
  d.y = d.x * b;
  for (int i = 0; i < n; ++i) d.y[i] += rng.normal();
  return d;
}

void registerPath(const std::string& name, Data data, double alpha) {
  benchmark::RegisterBenchmark(name.c_str(), [data, alpha](benchmark::State& state) {
    nr::core::ElasticNetOptions opt;
    opt.alpha = alpha;
    opt.tol = 1e-9;
    const std::vector<double> grid = nr::core::lambdaGrid(nr::core::lambdaMax(data.x, data.y, alpha), 100, 1e-3);
    nr::core::ElasticNetPath path = nr::core::fitElasticNetPath(data.x, data.y, grid, opt);  // warm-up
    int64_t epochs = 0;
    for (int e : path.epochs) epochs += e;
    for (auto _ : state) {
      path = nr::core::fitElasticNetPath(data.x, data.y, grid, opt);
      benchmark::DoNotOptimize(path.coefs.data());
    }
    state.counters["epochs"] = static_cast<double>(epochs);
    state.counters["nnz_last"] = path.nonzeros.back();
    state.counters["converged"] = path.converged;
  })->Unit(benchmark::kMillisecond)->UseRealTime();
}

const bool kRegistered = [] {
  const Data d = diabetes();
  registerPath("BM_LassoPath/diabetes", d, 1.0);
  registerPath("BM_ElasticNetPath/diabetes", d, 0.5);
  registerPath("BM_LassoPath/1000x200", gaussian(1000, 200, 1), 1.0);
  registerPath("BM_LassoPath/200x1000", gaussian(200, 1000, 2), 1.0);
  registerPath("BM_LassoPath/100x5000", gaussian(100, 5000, 3), 1.0);
  return true;
}();

}  // namespace
