// Vector loops of the elastic-net solver, compiled for x86-64-v4 (AVX-512), x86-64-v3 (AVX2 + FMA) and the
// baseline, chosen at run time (GCC's target_clones). Written over 8-double vectors with independent accumulators,
// so that each instruction set gets full-width, latency-hiding code from one source.

#include "elastic_net_kernels.h"

#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define NR_ENET_KERNEL __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define NR_ENET_KERNEL
#endif

#if defined(__GNUC__)
#define NR_INLINE inline __attribute__((always_inline))
#else
#define NR_INLINE inline
#endif

// The helpers below pass 64-byte vectors by value; they are always inlined, so no calling convention (the ABI this
// warning is about) is involved.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace nr::core::enet {

namespace {

typedef double D8 __attribute__((vector_size(64)));

NR_INLINE D8 load(const double* p) {
  D8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
typedef float F8 __attribute__((vector_size(32)));
NR_INLINE D8 load(const float* p) {
  F8 v;
  std::memcpy(&v, p, sizeof v);
  return __builtin_convertvector(v, D8);
}
NR_INLINE void store(double* p, D8 v) { std::memcpy(p, &v, sizeof v); }
NR_INLINE double total(D8 v) { return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7])); }

}  // namespace

NR_ENET_KERNEL double dot(const double* a, const double* b, int64_t n) {
  D8 s0{}, s1{};
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    s0 += load(a + i) * load(b + i);
    s1 += load(a + i + 8) * load(b + i + 8);
  }
  if (i + 8 <= n) {
    s0 += load(a + i) * load(b + i);
    i += 8;
  }
  double t = total(s0 + s1);
  for (; i < n; ++i) t += a[i] * b[i];
  return t;
}

NR_ENET_KERNEL void axpy(double alpha, const double* x, double* y, int64_t n) {
  const D8 a = D8{} + alpha;
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) store(y + i, load(y + i) + a * load(x + i));
  for (; i < n; ++i) y[i] += alpha * x[i];
}

/// out[slot(j)] = scale·x_{col(j)}ᵀv for j in [0, count): columns found by `col`, results placed by `slot`.
template <typename T, typename Col, typename Slot>
NR_INLINE void columnDotsBody(const T* x, int64_t ld, int64_t rows, int64_t count, Col col, Slot slot,
                              const double* v, double scale, double* out) {
  int64_t j = 0;
  // Four columns at a time share the loads of v.
  for (; j + 4 <= count; j += 4) {
    const T* c0 = x + col(j) * ld;
    const T* c1 = x + col(j + 1) * ld;
    const T* c2 = x + col(j + 2) * ld;
    const T* c3 = x + col(j + 3) * ld;
    D8 s0{}, s1{}, s2{}, s3{};
    int64_t i = 0;
    for (; i + 8 <= rows; i += 8) {
      const D8 vi = load(v + i);
      s0 += load(c0 + i) * vi;
      s1 += load(c1 + i) * vi;
      s2 += load(c2 + i) * vi;
      s3 += load(c3 + i) * vi;
    }
    double t0 = total(s0), t1 = total(s1), t2 = total(s2), t3 = total(s3);
    for (; i < rows; ++i) {
      t0 += static_cast<double>(c0[i]) * v[i];
      t1 += static_cast<double>(c1[i]) * v[i];
      t2 += static_cast<double>(c2[i]) * v[i];
      t3 += static_cast<double>(c3[i]) * v[i];
    }
    out[slot(j)] = t0 * scale;
    out[slot(j + 1)] = t1 * scale;
    out[slot(j + 2)] = t2 * scale;
    out[slot(j + 3)] = t3 * scale;
  }
  for (; j < count; ++j) {
    const T* c = x + col(j) * ld;
    D8 s{};
    int64_t i = 0;
    for (; i + 8 <= rows; i += 8) s += load(c + i) * load(v + i);
    double t = total(s);
    for (; i < rows; ++i) t += static_cast<double>(c[i]) * v[i];
    out[slot(j)] = t * scale;
  }
}

NR_ENET_KERNEL void columnDots(const double* x, int64_t ld, int64_t rows, int64_t cols, const double* v, double scale,
                               double* out) {
  auto same = [](int64_t j) { return j; };
  columnDotsBody(x, ld, rows, cols, same, same, v, scale, out);
}

NR_ENET_KERNEL void columnDots(const float* x, int64_t ld, int64_t rows, int64_t cols, const double* v, double scale,
                               double* out) {
  auto same = [](int64_t j) { return j; };
  columnDotsBody(x, ld, rows, cols, same, same, v, scale, out);
}

NR_ENET_KERNEL void columnDotsAt(const float* x, int64_t ld, int64_t rows, const int* cols, int64_t count,
                                 const double* v, double scale, double* out) {
  auto at = [cols](int64_t j) { return static_cast<int64_t>(cols[j]); };
  columnDotsBody(x, ld, rows, count, at, at, v, scale, out);
}

NR_ENET_KERNEL void subtractColumns(const double* x, int64_t ld, int64_t rows, int64_t cols, const double* w,
                                    double* y) {
  int64_t j = 0;
  for (; j + 4 <= cols; j += 4) {
    const double* c0 = x + j * ld;
    const double* c1 = c0 + ld;
    const double* c2 = c1 + ld;
    const double* c3 = c2 + ld;
    const D8 w0 = D8{} + w[j], w1 = D8{} + w[j + 1], w2 = D8{} + w[j + 2], w3 = D8{} + w[j + 3];
    int64_t i = 0;
    for (; i + 8 <= rows; i += 8)
      store(y + i, load(y + i) - ((load(c0 + i) * w0 + load(c1 + i) * w1) + (load(c2 + i) * w2 + load(c3 + i) * w3)));
    for (; i < rows; ++i) y[i] -= (c0[i] * w[j] + c1[i] * w[j + 1]) + (c2[i] * w[j + 2] + c3[i] * w[j + 3]);
  }
  for (; j < cols; ++j) axpy(-w[j], x + j * ld, y, rows);
}

// Column-oriented: after x_j is known, the rest of b loses x_j times column j below the diagonal (an axpy over a
// contiguous column).
NR_ENET_KERNEL void lowerSolve(const double* l, int64_t ld, int64_t k, double* b) {
  for (int64_t j = 0; j < k; ++j) {
    const double* col = l + j * ld;
    const double xj = b[j] / col[j];
    b[j] = xj;
    const D8 a = D8{} - xj;
    int64_t i = j + 1;
    for (; i + 8 <= k; i += 8) store(b + i, load(b + i) + a * load(col + i));
    for (; i < k; ++i) b[i] -= xj * col[i];
  }
}

// Row j of Lᵀ is column j of L: x_j = (b_j − Σ_{i>j} L_ij·x_i) / L_jj, a dot product over a contiguous column.
NR_ENET_KERNEL void lowerTransposeSolve(const double* l, int64_t ld, int64_t k, double* b) {
  for (int64_t j = k - 1; j >= 0; --j) {
    const double* col = l + j * ld;
    D8 s0{}, s1{};
    int64_t i = j + 1;
    for (; i + 16 <= k; i += 16) {
      s0 += load(col + i) * load(b + i);
      s1 += load(col + i + 8) * load(b + i + 8);
    }
    for (; i + 8 <= k; i += 8) s0 += load(col + i) * load(b + i);
    double t = total(s0 + s1);
    for (; i < k; ++i) t += col[i] * b[i];
    b[j] = (b[j] - t) / col[j];
  }
}

NR_ENET_KERNEL void rotateColumns(double* x, double* y, int64_t n, double c, double s) {
  const D8 vc = D8{} + c, vs = D8{} + s;
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const D8 a = load(x + i), b = load(y + i);
    store(x + i, vc * a + vs * b);
    store(y + i, vc * b - vs * a);
  }
  for (; i < n; ++i) {
    const double a = x[i], b = y[i];
    x[i] = c * a + s * b;
    y[i] = c * b - s * a;
  }
}

}  // namespace nr::core::enet
