#pragma once
// The vector loops of the elastic-net solver (private to core/src): dot products, axpy and matrix-vector products
// over the columns of a column-major matrix. The rest of core is compiled for baseline x86-64 (SSE2, 2 doubles per
// vector), and so is Eigen there; these are compiled for AVX-512 and AVX2 + FMA as well and chosen at run time,
// which is where coordinate descent spends its time (x_jᵀr and r −= δ·x_j on every update, Xᵀr for every KKT check)
// and so do the Newton steps (triangular solves and Givens rotations of the active set's Cholesky factor).

#include <cstdint>

namespace nr::core::enet {

/// Σ a_i·b_i.
double dot(const double* a, const double* b, int64_t n);

/// y += alpha·x.
void axpy(double alpha, const double* x, double* y, int64_t n);

/// out[j] = scale·x_jᵀv for the `cols` columns x_j of a column-major rows × cols matrix with leading dimension ld.
void columnDots(const double* x, int64_t ld, int64_t rows, int64_t cols, const double* v, double scale,
                double* out);

/// The same over a float32 copy of the matrix, accumulated in double: only the rounding of x to float32 differs
/// (|x − fl(x)| ≤ 2⁻²⁴|x|), so |error of out[j]| ≤ 2⁻²⁴·|scale|·‖x_j‖₂‖v‖₂ plus far smaller accumulation terms. Half
/// the bytes of the double matrix, for screening passes that are limited by memory.
void columnDots(const float* x, int64_t ld, int64_t rows, int64_t cols, const double* v, double scale, double* out);

/// As the float32 columnDots, for the columns cols[0..count) only: out[cols[k]] = scale·x_{cols[k]}ᵀv.
void columnDotsAt(const float* x, int64_t ld, int64_t rows, const int* cols, int64_t count, const double* v,
                  double scale, double* out);

/// y −= Σ_j w_j·x_j over the `cols` columns of a column-major rows × cols matrix with leading dimension ld.
void subtractColumns(const double* x, int64_t ld, int64_t rows, int64_t cols, const double* w, double* y);

/// Solves L·x = b in place (forward substitution): L is k × k lower triangular, column-major with leading dimension
/// ld; only its lower triangle is read.
void lowerSolve(const double* l, int64_t ld, int64_t k, double* b);

/// Solves Lᵀ·x = b in place (back substitution) with the L of lowerSolve.
void lowerTransposeSolve(const double* l, int64_t ld, int64_t k, double* b);

/// Applies the rotation [c s; −s c] from the right to columns x and y (rows [0, n)): x ← c·x + s·y, y ← c·y − s·x.
void rotateColumns(double* x, double* y, int64_t n, double c, double s);

}  // namespace nr::core::enet
