// The bodies of the normalization kernels, written once over a vector of doubles. normalization_kernels.cpp
// includes this file once per instruction set, each time inside a namespace compiled for that set which first
// defines:
//   D, F                 a vector of doubles (8, 4 or 2 lanes) and the vector of as many floats
//   widen(p)             kW floats from p as a D (GCC's generic conversion splits it into halves)
//   streamStore(p, f)    a non-temporal store of f to p, aligned to sizeof(F) (an ordinary one where the
//                        instruction set has none: then Stream = true is never asked for)
// No include guard, on purpose.

constexpr int kW = static_cast<int>(sizeof(D) / sizeof(double));
constexpr int64_t kBlock = 4 * kW;  // elements per step: four vectors, four independent accumulator pairs

NR_INLINE D load(const float* p) { return widen(p); }
NR_INLINE D load(const double* p) {
  D d;
  std::memcpy(&d, p, sizeof d);
  return d;
}
NR_INLINE void store(double* p, D v) { std::memcpy(p, &v, sizeof v); }
NR_INLINE D splat(double v) { return D{} + v; }
NR_INLINE double total(D v) {
  double s = 0.0;
  for (int i = 0; i < kW; ++i) s += v[i];
  return s;
}

template <bool Stream>
NR_INLINE void storeFloat(float* p, D v) {
  const F f = __builtin_convertvector(v, F);
  if constexpr (Stream)
    streamStore(p, f);
  else
    std::memcpy(p, &f, sizeof f);
}

/// Elements before y + head is aligned for streamStore (at most len).
NR_INLINE int64_t alignHead(const float* y, int64_t len) {
  const auto misaligned = reinterpret_cast<uintptr_t>(y) % sizeof(F);
  const auto head = static_cast<int64_t>((sizeof(F) - misaligned) % sizeof(F) / sizeof(float));
  return head < len ? head : len;
}

// [SECTION] Statistics of one run: Σ(x−K), Σ(x−K)²

/// The accumulators of one run. The order of the additions depends only on the run (its blocks, then single
/// vectors, then single elements), so a loop that does other work between blocks gives the same bits.
template <typename T>
struct ShiftedSums {
  D k, a0{}, a1{}, a2{}, a3{}, q0{}, q1{}, q2{}, q3{};
  explicit ShiftedSums(double shift) : k(splat(shift)) {}

  NR_INLINE void block(const T* p) {
    const D d0 = load(p) - k, d1 = load(p + kW) - k, d2 = load(p + 2 * kW) - k, d3 = load(p + 3 * kW) - k;
    a0 += d0;
    a1 += d1;
    a2 += d2;
    a3 += d3;
    q0 += d0 * d0;
    q1 += d1 * d1;
    q2 += d2 * d2;
    q3 += d3 * d3;
  }

  /// The run x[0..len), then everything into s1, s2; `ahead` moves on by the bytes read.
  NR_INLINE void run(const T* x, int64_t len, double shift, double& s1, double& s2, Ahead& ahead) {
    // The cursor moves once per four blocks (its bookkeeping costs about as much as a block's arithmetic).
    int64_t i = 0;
    for (; i + 4 * kBlock <= len; i += 4 * kBlock) {
      ahead.advance(4 * kBlock * int64_t(sizeof(T)));
      block(x + i);
      block(x + i + kBlock);
      block(x + i + 2 * kBlock);
      block(x + i + 3 * kBlock);
    }
    for (; i + kBlock <= len; i += kBlock) {
      ahead.advance(kBlock * int64_t(sizeof(T)));
      block(x + i);
    }
    ahead.advance((len - i) * int64_t(sizeof(T)));  // the last few vectors and elements
    for (; i + kW <= len; i += kW) {
      const D d = load(x + i) - k;
      a0 += d;
      q0 += d * d;
    }
    double t1 = 0.0, t2 = 0.0;
    for (; i < len; ++i) {
      const double d = static_cast<double>(x[i]) - shift;
      t1 += d;
      t2 += d * d;
    }
    s1 += total((a0 + a1) + (a2 + a3)) + t1;
    s2 += total((q0 + q1) + (q2 + q3)) + t2;
  }
};

template <typename T>
void sumShiftedT(const T* x, int64_t len, double shift, double& s1, double& s2, Ahead& ahead) {
  ShiftedSums<T>(shift).run(x, len, shift, s1, s2, ahead);
}

template <typename T>
void sumShiftedEachT(const T* x, int64_t len, const double* shift, double* s1, double* s2, Ahead& ahead) {
  int64_t i = 0;
  for (; i + kW <= len; i += kW) {
    if (i % (4 * kW) == 0) ahead.advance(std::min<int64_t>(4 * kW, len - i) * int64_t(sizeof(T)));
    const D d = load(x + i) - load(shift + i);
    store(s1 + i, load(s1 + i) + d);
    store(s2 + i, load(s2 + i) + d * d);
  }
  if (i % (4 * kW) == 0) ahead.advance((len - i) * int64_t(sizeof(T)));  // elements after the last vector
  for (; i < len; ++i) {
    const double d = static_cast<double>(x[i]) - shift[i];
    s1[i] += d;
    s2[i] += d * d;
  }
}

// [SECTION] Output: y = (x − μ)·s + β in double, rounded once (the scalar and vector forms give the same bits)

template <typename T>
NR_INLINE void affineOne(const T* x, float* y, int64_t i, double mean, double scale, double shift) {
  y[i] = static_cast<float>((static_cast<double>(x[i]) - mean) * scale + shift);
}

/// Elements [i, len); with Stream, y + i must be aligned for streamStore.
template <bool Stream, typename T>
NR_INLINE void affineFrom(const T* x, float* y, int64_t i, int64_t len, double mean, double scale, double shift) {
  const D m = splat(mean), s = splat(scale), b = splat(shift);
  for (; i + kBlock <= len; i += kBlock) {
    storeFloat<Stream>(y + i, (load(x + i) - m) * s + b);
    storeFloat<Stream>(y + i + kW, (load(x + i + kW) - m) * s + b);
    storeFloat<Stream>(y + i + 2 * kW, (load(x + i + 2 * kW) - m) * s + b);
    storeFloat<Stream>(y + i + 3 * kW, (load(x + i + 3 * kW) - m) * s + b);
  }
  for (; i + kW <= len; i += kW) storeFloat<Stream>(y + i, (load(x + i) - m) * s + b);
  for (; i < len; ++i) affineOne(x, y, i, mean, scale, shift);
}

template <bool Stream, typename T>
void affineT(const T* x, float* y, int64_t len, double mean, double scale, double shift) {
  const int64_t head = Stream ? alignHead(y, len) : 0;
  for (int64_t i = 0; i < head; ++i) affineOne(x, y, i, mean, scale, shift);
  affineFrom<Stream>(x, y, head, len, mean, scale, shift);
}

template <bool Stream, typename T>
void affineEachT(const T* x, float* y, int64_t len, const double* mean, const double* rstd, double gamma,
                 double beta) {
  const int64_t head = Stream ? alignHead(y, len) : 0;
  int64_t i = 0;
  for (; i < head; ++i) y[i] = static_cast<float>((static_cast<double>(x[i]) - mean[i]) * (rstd[i] * gamma) + beta);
  const D g = splat(gamma), b = splat(beta);
  for (; i + kW <= len; i += kW) storeFloat<Stream>(y + i, (load(x + i) - load(mean + i)) * (load(rstd + i) * g) + b);
  for (; i < len; ++i) y[i] = static_cast<float>((static_cast<double>(x[i]) - mean[i]) * (rstd[i] * gamma) + beta);
}
