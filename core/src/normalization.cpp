// Normalization over any axis subset.
//
// [SECTION] Axis sets, presets and validation
// [SECTION] Group indexing
// [SECTION] Kernels
// [SECTION] normalize()
//
// Numerical choices, because correct numbers are the product:
// - Statistics are accumulated in double precision, and of x − K with K a value of the group itself. With the
//   shift, E[(x−K)²] − E[x−K]² does not cancel catastrophically even at an offset of 1e4 (the single-precision
//   one-pass formula loses the whole variance there).
// - The output is computed in double, y = (x − μ)·(γ/√(σ²+ε)) + β, and rounded to float once. A constant group
//   has x − μ = 0 exactly, so it gives exactly β.
// - Memory traffic dominates, so groups that do not span samples are normalized one sample (or one channel block)
//   at a time: the second pass then reads data that is still in cache.

#include "nr/normalization.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

namespace nr::core {

// [SECTION] Axis sets, presets and validation

std::string AxisSet::toString() const {
  std::string s;
  auto add = [&](bool on, const char* name) {
    if (!on) return;
    if (!s.empty()) s += ',';
    s += name;
  };
  add(n, "N");
  add(c, "C");
  add(h, "H");
  add(w, "W");
  return s;
}

std::optional<AxisSet> AxisSet::parse(const std::string& text, std::string* error) {
  const std::string hint = "name each reduced axis once from N, C, H, W (L for rank 3), separated by commas, e.g. N,H,W";
  AxisSet a;
  std::string token;
  std::vector<std::string> tokens;
  for (char ch : text + ",") {
    if (ch == ',' || std::isspace(static_cast<unsigned char>(ch))) {
      if (!token.empty()) tokens.push_back(token);
      token.clear();
    } else {
      token += ch;
    }
  }
  for (const std::string& t : tokens) {
    bool* slot = nullptr;
    if (t.size() == 1) {
      switch (std::toupper(static_cast<unsigned char>(t[0]))) {
        case 'N': slot = &a.n; break;
        case 'C': slot = &a.c; break;
        case 'H':
        case 'L': slot = &a.h; break;
        case 'W': slot = &a.w; break;
        default: break;
      }
    }
    if (!slot || *slot) {
      if (error) *error = "axes '" + text + "' are not valid: " + hint;
      return std::nullopt;
    }
    *slot = true;
  }
  if (!a.any()) {
    if (error) *error = "axes '" + text + "' name no axis: " + hint;
    return std::nullopt;
  }
  return a;
}

const char* toString(NormKind kind) {
  switch (kind) {
    case NormKind::Batch: return "batch";
    case NormKind::Layer: return "layer";
    case NormKind::Instance: return "instance";
    case NormKind::Group: return "group";
  }
  return "?";
}

std::optional<NormKind> parseNormKind(const std::string& text) {
  for (NormKind k : {NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group})
    if (text == toString(k)) return k;
  return std::nullopt;
}

AxisSet presetAxes(NormKind kind) {
  switch (kind) {
    case NormKind::Batch: return {true, false, true, true};
    case NormKind::Layer: return {false, true, true, true};
    case NormKind::Instance: return {false, false, true, true};
    case NormKind::Group: return {false, true, true, true};
  }
  return {};
}

NormSpec NormSpec::preset(NormKind kind, int64_t groups, double eps) {
  NormSpec s;
  s.axes = presetAxes(kind);
  s.groups = kind == NormKind::Group ? groups : 1;
  s.eps = eps;
  return s;
}

std::vector<int64_t> divisors(int64_t c) {
  std::vector<int64_t> d;
  for (int64_t i = 1; i <= c; ++i)
    if (c % i == 0) d.push_back(i);
  return d;
}

static std::string joinTry(const std::vector<int64_t>& values) {
  std::string s;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) s += i + 1 == values.size() ? " or " : ", ";
    s += std::to_string(values[i]);
  }
  return s;
}

std::string validate(const Tensor& x, const NormSpec& spec) {
  if (x.empty()) return "the input tensor is empty";
  if (!spec.axes.any()) return "choose at least one axis to normalize over (N, C, H or W)";
  if (spec.groups < 1) return "groups (" + std::to_string(spec.groups) + ") must be at least 1";
  if (spec.groups != 1) {
    if (!spec.axes.c)
      return "groups (" + std::to_string(spec.groups) + ") only apply when C is reduced; use groups 1 or add C";
    if (x.c() % spec.groups != 0) {
      std::vector<int64_t> d = divisors(x.c());
      return "groups (" + std::to_string(spec.groups) + ") must divide channels (" + std::to_string(x.c()) +
             "); try " + joinTry(d);
    }
  }
  if (!std::isfinite(spec.eps) || spec.eps <= 0) return "eps must be a positive finite number, e.g. 1e-5";
  auto checkParam = [&](const std::vector<float>& p, const char* name) -> std::string {
    if (p.empty()) return {};
    if (static_cast<int64_t>(p.size()) != x.c())
      return std::string(name) + " has " + std::to_string(p.size()) + " values but the input has " +
             std::to_string(x.c()) + " channels; give one value per channel";
    for (size_t i = 0; i < p.size(); ++i)
      if (!std::isfinite(p[i])) return std::string(name) + "[" + std::to_string(i) + "] is not a finite number";
    return {};
  };
  if (std::string e = checkParam(spec.gamma, "gamma"); !e.empty()) return e;
  if (std::string e = checkParam(spec.beta, "beta"); !e.empty()) return e;
  return {};
}

// [SECTION] Group indexing

GroupIndexer::GroupIndexer(const Tensor& x, const NormSpec& spec) {
  m_dims[0] = x.n();
  m_dims[1] = x.c();
  m_dims[2] = x.h();
  m_dims[3] = x.w();
  const AxisSet& a = spec.axes;
  const int64_t g = a.c ? std::max<int64_t>(spec.groups, 1) : 1;
  m_channelsPerGroup = a.c ? x.c() / g : 1;
  const int64_t eN = a.n ? 1 : x.n();
  const int64_t eC = a.c ? g : x.c();
  const int64_t eH = a.h ? 1 : x.h();
  const int64_t eW = a.w ? 1 : x.w();
  m_strideW = a.w ? 0 : 1;
  m_strideH = a.h ? 0 : eW;
  m_strideC = eH * eW;  // c / channelsPerGroup is 0 when all channels form one group
  m_strideN = a.n ? 0 : eC * eH * eW;
  m_count = eN * eC * eH * eW;
  m_size = x.size() / m_count;
}

int64_t GroupIndexer::groupOfOffset(int64_t offset) const {
  const int64_t w = offset % m_dims[3];
  offset /= m_dims[3];
  const int64_t h = offset % m_dims[2];
  offset /= m_dims[2];
  const int64_t c = offset % m_dims[1];
  const int64_t n = offset / m_dims[1];
  return groupOf(n, c, h, w);
}

std::vector<int32_t> GroupIndexer::groupMap() const {
  std::vector<int32_t> map;
  map.reserve(static_cast<size_t>(m_dims[0] * m_dims[1] * m_dims[2] * m_dims[3]));
  for (int64_t n = 0; n < m_dims[0]; ++n)
    for (int64_t c = 0; c < m_dims[1]; ++c)
      for (int64_t h = 0; h < m_dims[2]; ++h)
        for (int64_t w = 0; w < m_dims[3]; ++w) map.push_back(static_cast<int32_t>(groupOf(n, c, h, w)));
  return map;
}

// [SECTION] Kernels
// Compiled for x86-64-v3 (AVX2/FMA) and a baseline, chosen at run time, so one binary is fast here and still
// runs on an older CPU. Eight independent double accumulators per sum keep the vector units busy.

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define NR_KERNEL __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define NR_KERNEL
#endif

namespace {

/// Σ(x−K) and Σ(x−K)² over a contiguous run, in double.
NR_KERNEL void sumShifted(const float* p, int64_t len, double shift, double& s1, double& s2) {
  double a1[8] = {0, 0, 0, 0, 0, 0, 0, 0}, a2[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t i = 0;
  for (; i + 8 <= len; i += 8) {
    for (int j = 0; j < 8; ++j) {
      const double d = static_cast<double>(p[i + j]) - shift;
      a1[j] += d;
      a2[j] += d * d;
    }
  }
  double t1 = 0, t2 = 0;
  for (; i < len; ++i) {
    const double d = static_cast<double>(p[i]) - shift;
    t1 += d;
    t2 += d * d;
  }
  for (int j = 0; j < 8; ++j) {
    t1 += a1[j];
    t2 += a2[j];
  }
  s1 += t1;
  s2 += t2;
}

/// y = (x − mean)·scale + shift over a contiguous run, in double, rounded once.
NR_KERNEL void applyAffine(const float* x, float* y, int64_t len, double mean, double scale, double shift) {
  for (int64_t i = 0; i < len; ++i) y[i] = static_cast<float>((static_cast<double>(x[i]) - mean) * scale + shift);
}

/// Per-group accumulators of one normalize() call.
struct Accumulators {
  std::vector<double> shift, s1, s2, rstd;
  std::vector<unsigned char> seen, done;
  void reset(int64_t groups) {
    shift.assign(groups, 0.0);
    s1.assign(groups, 0.0);
    s2.assign(groups, 0.0);
    rstd.assign(groups, 0.0);
    seen.assign(groups, 0);
    done.assign(groups, 0);
  }
};

}  // namespace

// [SECTION] normalize()

NormResult normalize(const Tensor& x, const NormSpec& spec) {
  NormResult r;
  normalizeInto(x, spec, r);
  return r;
}

void normalizeInto(const Tensor& x, const NormSpec& spec, NormResult& out) {
  if (std::string err = validate(x, spec); !err.empty()) throw std::invalid_argument(err);
  if (out.output.shape() != x.shape()) out.output = Tensor(x.shape());
  out.groups = GroupIndexer(x, spec);
  const GroupIndexer& gi = out.groups;
  const int64_t groups = gi.groupCount();
  const double m = static_cast<double>(gi.groupSize());
  out.mean.assign(groups, 0.0);
  out.var.assign(groups, 0.0);
  Accumulators acc;
  acc.reset(groups);

  const int64_t N = x.n(), C = x.c(), H = x.h(), W = x.w(), HW = H * W;
  const AxisSet& a = spec.axes;
  // A block is the H×W plane of one (n, c). It maps to one group when H and W are both reduced (or trivial).
  const bool uniform = (a.h || H == 1) && (a.w || W == 1);
  std::vector<int64_t> hwGroup;  // group offset of each element of a block, when not uniform
  if (!uniform) {
    hwGroup.resize(HW);
    for (int64_t h = 0; h < H; ++h)
      for (int64_t w = 0; w < W; ++w) hwGroup[h * W + w] = gi.groupOf(0, 0, h, w);
  }
  const float* xd = x.data();
  float* yd = out.output.data();

  auto gamma = [&](int64_t c) { return spec.gamma.empty() ? 1.0 : static_cast<double>(spec.gamma[c]); };
  auto beta = [&](int64_t c) { return spec.beta.empty() ? 0.0 : static_cast<double>(spec.beta[c]); };
  auto finalize = [&](int64_t g) {
    const double d1 = acc.s1[g] / m;
    const double var = std::max(acc.s2[g] / m - d1 * d1, 0.0);
    out.mean[g] = acc.shift[g] + d1;
    out.var[g] = var;
    acc.rstd[g] = 1.0 / std::sqrt(var + spec.eps);
    acc.done[g] = 1;
  };

  // Pass 1 and pass 2 over the blocks (n, c) with n in [n0, n1) and c in [c0, c1).
  auto accumulate = [&](int64_t n0, int64_t n1, int64_t c0, int64_t c1) {
    for (int64_t n = n0; n < n1; ++n)
      for (int64_t c = c0; c < c1; ++c) {
        const float* p = xd + x.offset(n, c);
        const int64_t base = gi.groupOf(n, c);
        if (uniform) {
          if (!acc.seen[base]) {
            acc.seen[base] = 1;
            acc.shift[base] = p[0];
          }
          sumShifted(p, HW, acc.shift[base], acc.s1[base], acc.s2[base]);
        } else {
          for (int64_t i = 0; i < HW; ++i) {
            const int64_t g = base + hwGroup[i];
            if (!acc.seen[g]) {
              acc.seen[g] = 1;
              acc.shift[g] = p[i];
            }
            const double d = static_cast<double>(p[i]) - acc.shift[g];
            acc.s1[g] += d;
            acc.s2[g] += d * d;
          }
        }
      }
  };
  auto apply = [&](int64_t n0, int64_t n1, int64_t c0, int64_t c1) {
    for (int64_t n = n0; n < n1; ++n)
      for (int64_t c = c0; c < c1; ++c) {
        const int64_t off = x.offset(n, c);
        const int64_t base = gi.groupOf(n, c);
        const double gc = gamma(c), bc = beta(c);
        if (uniform) {
          if (!acc.done[base]) finalize(base);
          applyAffine(xd + off, yd + off, HW, out.mean[base], acc.rstd[base] * gc, bc);
        } else {
          for (int64_t i = 0; i < HW; ++i) {
            const int64_t g = base + hwGroup[i];
            if (!acc.done[g]) finalize(g);
            yd[off + i] = static_cast<float>((static_cast<double>(xd[off + i]) - out.mean[g]) * acc.rstd[g] * gc + bc);
          }
        }
      }
  };

  // Chunks whose groups are complete: everything when N is reduced; else one sample's channel group (all of C for
  // LayerNorm, C/G channels for GroupNorm) when C is reduced; else one (n, c) plane.
  if (a.n) {
    accumulate(0, N, 0, C);
    apply(0, N, 0, C);
  } else {
    const int64_t step = a.c ? C / std::max<int64_t>(spec.groups, 1) : 1;
    for (int64_t n = 0; n < N; ++n)
      for (int64_t c = 0; c < C; c += step) {
        accumulate(n, n + 1, c, c + step);
        apply(n, n + 1, c, c + step);
      }
  }
}

}  // namespace nr::core
