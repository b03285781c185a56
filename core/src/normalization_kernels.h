#pragma once
// The inner loops of normalize() over contiguous runs of elements (private to core/src).
//
// Every loop works in double precision whatever the input type, because the guarantees of normalization.h rest on
// it: statistics are sums of x − K (K a value of the group) and (x − K)², and the output is (x − μ)·s + β rounded to
// float once, so that a constant group gives exactly β. `stream` writes y with non-temporal stores (past the
// caches), for outputs much larger than the cache; call streamFence() after the last such write.

#include <cstdint>

namespace nr::core::kernels {

/// s1 += Σ(x_i − shift), s2 += Σ(x_i − shift)² over x[0..len): a run that belongs to one group.
void sumShifted(const float* x, int64_t len, double shift, double& s1, double& s2);
void sumShifted(const double* x, int64_t len, double shift, double& s1, double& s2);

/// s1[i] += x_i − shift[i], s2[i] += (x_i − shift[i])²: a run whose elements belong to consecutive groups.
void sumShiftedEach(const float* x, int64_t len, const double* shift, double* s1, double* s2);
void sumShiftedEach(const double* x, int64_t len, const double* shift, double* s1, double* s2);

/// y_i = float((x_i − mean)·scale + shift): a run of one group and one channel.
void affine(const float* x, float* y, int64_t len, double mean, double scale, double shift, bool stream);
void affine(const double* x, float* y, int64_t len, double mean, double scale, double shift, bool stream);

/// affine() over x[0..len) and sumShifted() over next[0..nextLen) in one loop, so that memory reads the next chunk
/// while it writes this one. The sums are bit for bit those of sumShifted().
void affineAndSum(const float* x, float* y, int64_t len, double mean, double scale, double shift, bool stream,
                  const float* next, int64_t nextLen, double nextShift, double& s1, double& s2);
void affineAndSum(const double* x, float* y, int64_t len, double mean, double scale, double shift, bool stream,
                  const double* next, int64_t nextLen, double nextShift, double& s1, double& s2);

/// y_i = float((x_i − mean[i])·(rstd[i]·gamma) + beta): consecutive groups, one channel.
void affineEach(const float* x, float* y, int64_t len, const double* mean, const double* rstd, double gamma,
                double beta, bool stream);
void affineEach(const double* x, float* y, int64_t len, const double* mean, const double* rstd, double gamma,
                double beta, bool stream);

/// Orders earlier non-temporal stores before everything after it.
void streamFence();

}  // namespace nr::core::kernels
