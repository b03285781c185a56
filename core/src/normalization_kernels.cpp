// The inner loops of normalize(): normalization_kernels_impl.h compiled three times, for 8 doubles per vector
// (x86-64-v4, AVX-512), 4 (x86-64-v3, AVX2 + FMA) and 2 (any x86-64, and plain code on other targets). The widest
// the CPU supports is chosen once, at first use.
//
// Why explicit vectors: the statistics are a reduction in double precision, so their speed is set by how many
// independent accumulators hide the latency of the additions; four accumulator pairs of the machine's width come
// within about 15 % of a plain read from memory (one pair, as a plain loop gives, is far slower). Why non-temporal
// stores: a large output written through the caches is first read from memory (a read for ownership), a third
// stream of traffic; written past the caches it costs only its write. Used only for outputs much larger than the cache, where nothing would find them
// there anyway.

#include "normalization_kernels.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define NR_DISPATCH 1
#include <immintrin.h>
#else
#define NR_DISPATCH 0
#endif

#if defined(__GNUC__)
#define NR_INLINE inline __attribute__((always_inline))
#else
#define NR_INLINE inline
#endif

// The small helpers pass 32- and 64-byte vectors by value; they are always inlined, so no calling convention (the
// ABI this warning is about) is involved.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace nr::core::kernels {

namespace {

typedef double D8 __attribute__((vector_size(64)));
typedef double D4 __attribute__((vector_size(32)));
typedef double D2 __attribute__((vector_size(16)));
typedef float F8 __attribute__((vector_size(32)));
typedef float F4 __attribute__((vector_size(16)));
typedef float F2 __attribute__((vector_size(8)));

#if NR_DISPATCH
#pragma GCC push_options
#pragma GCC target("arch=x86-64-v4")
namespace v4 {
using D = D8;
using F = F8;
NR_INLINE void streamStore(float* p, F f) { _mm256_stream_ps(p, reinterpret_cast<__m256>(f)); }
// (The masked form with every lane set is the same instruction; the unmasked intrinsic trips GCC 12's
// -Wmaybe-uninitialized on its internal undefined operand.)
NR_INLINE D widen(const float* p) {
  return reinterpret_cast<D>(_mm512_maskz_cvtps_pd(static_cast<__mmask8>(0xFF), _mm256_loadu_ps(p)));
}
#include "normalization_kernels_impl.h"
}  // namespace v4
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("arch=x86-64-v3")
namespace v3 {
using D = D4;
using F = F4;
NR_INLINE void streamStore(float* p, F f) { _mm_stream_ps(p, reinterpret_cast<__m128>(f)); }
NR_INLINE D widen(const float* p) { return reinterpret_cast<D>(_mm256_cvtps_pd(_mm_loadu_ps(p))); }
#include "normalization_kernels_impl.h"
}  // namespace v3
#pragma GCC pop_options

/// 4: AVX-512 (F, VL, DQ, BW), 3: AVX2 + FMA, 0: baseline. Read once: a property of the machine.
int level() {
  static const int kLevel = [] {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512bw"))
      return 4;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 3;
    return 0;
  }();
  return kLevel;
}
#endif

namespace base {
using D = D2;
using F = F2;
[[maybe_unused]] NR_INLINE void streamStore(float* p, F f) { std::memcpy(p, &f, sizeof f); }
NR_INLINE D widen(const float* p) {
  F f;
  std::memcpy(&f, p, sizeof f);
  return __builtin_convertvector(f, D);
}
#include "normalization_kernels_impl.h"
}  // namespace base

}  // namespace

// One entry point per kernel and input type: the body for the widest vector the CPU has. `stream` picks the
// non-temporal stores where the instruction set has them (not in the 2-lane baseline).
#if NR_DISPATCH
#define NR_DISPATCH_TO(call)      \
  do {                            \
    switch (level()) {            \
      case 4: return v4::call;    \
      case 3: return v3::call;    \
      default: return base::call; \
    }                             \
  } while (0)
#define NR_DISPATCH_STREAM(stream, name, args)                              \
  do {                                                                      \
    switch (level()) {                                                      \
      case 4: return stream ? v4::name<true> args : v4::name<false> args;   \
      case 3: return stream ? v3::name<true> args : v3::name<false> args;   \
      default: return base::name<false> args;                               \
    }                                                                       \
  } while (0)
#else
#define NR_DISPATCH_TO(call) return base::call
#define NR_DISPATCH_STREAM(stream, name, args) \
  do {                                          \
    (void)(stream);                             \
    return base::name<false> args;              \
  } while (0)
#endif

void sumShifted(const float* x, int64_t len, double shift, double& s1, double& s2, Ahead& ahead) {
  NR_DISPATCH_TO(sumShiftedT(x, len, shift, s1, s2, ahead));
}
void sumShifted(const double* x, int64_t len, double shift, double& s1, double& s2, Ahead& ahead) {
  NR_DISPATCH_TO(sumShiftedT(x, len, shift, s1, s2, ahead));
}
void sumShiftedEach(const float* x, int64_t len, const double* shift, double* s1, double* s2, Ahead& ahead) {
  NR_DISPATCH_TO(sumShiftedEachT(x, len, shift, s1, s2, ahead));
}
void sumShiftedEach(const double* x, int64_t len, const double* shift, double* s1, double* s2, Ahead& ahead) {
  NR_DISPATCH_TO(sumShiftedEachT(x, len, shift, s1, s2, ahead));
}

void affine(const float* x, float* y, int64_t len, double mean, double scale, double shift, bool stream) {
  NR_DISPATCH_STREAM(stream, affineT, (x, y, len, mean, scale, shift));
}
void affine(const double* x, float* y, int64_t len, double mean, double scale, double shift, bool stream) {
  NR_DISPATCH_STREAM(stream, affineT, (x, y, len, mean, scale, shift));
}

void affineEach(const float* x, float* y, int64_t len, const double* mean, const double* rstd, double gamma,
                double beta, bool stream) {
  NR_DISPATCH_STREAM(stream, affineEachT, (x, y, len, mean, rstd, gamma, beta));
}
void affineEach(const double* x, float* y, int64_t len, const double* mean, const double* rstd, double gamma,
                double beta, bool stream) {
  NR_DISPATCH_STREAM(stream, affineEachT, (x, y, len, mean, rstd, gamma, beta));
}

void streamFence() {
#if NR_DISPATCH
  _mm_sfence();
#endif
}

}  // namespace nr::core::kernels
