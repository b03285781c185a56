#pragma once
// The numbers behind the regularized-fit lesson, without any ImGui: the data sources (seeded 1-D polynomial data,
// or a table such as the bundled diabetes data or a dropped CSV), the elastic-net path and k-fold CV over one λ grid
// (recomputed only when the data or the penalty change), and the fit at the current λ with its train and test
// errors. The lesson draws these; the tests check them against core's solver and naive recomputations.

#include <Eigen/Dense>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "nr/csv.h"
#include "nr/elastic_net.h"

namespace nr::app {

/// The largest table the lesson takes (bigger ones are refused with a message pointing to `nrlab fit`): a file of
/// 64 MB, 200,000 rows, 200 feature columns, 4 million cells. Within them a λ change refits and redraws within a
/// frame; the path and cross-validation of a table over kAsyncCells cells are computed off the frame loop.
inline constexpr size_t kMaxTableBytes = size_t(64) << 20;
inline constexpr int kMaxTableRows = 200000;
inline constexpr int kMaxTableFeatures = 200;
inline constexpr int64_t kMaxTableCells = 4000000;
inline constexpr int64_t kAsyncCells = 100000;
/// At most this many dots per set in the predicted-vs-actual plot (evenly spaced rows; the note says so).
inline constexpr int kShownPoints = 300;
/// At most this many coefficient paths (those that grow largest; the title says so).
inline constexpr int kPathLines = 16;

enum class FitPenalty { None = 0, Ridge = 1, Lasso = 2, ElasticNet = 3 };
enum class TrueFunction { Sine = 0, Runge = 1, Step = 2 };

/// The true curve of the polynomial source, on x in [0, 1].
double trueFunction(TrueFunction f, double x);

struct PolySpec {
  TrueFunction function = TrueFunction::Sine;
  int samples = 30;     ///< training points
  double noise = 0.25;  ///< standard deviation of the Gaussian noise on y
  int degree = 12;      ///< features x, x², …, x^degree (standardized by core::PolyFeatures)
  uint64_t seed = 1;
  int testSamples = 200;  ///< a fresh test set from the same distribution
};

/// Train and test features (standardized on the training rows), targets, and for the 1-D source the raw inputs and
/// a dense grid for drawing the curve.
struct FitData {
  Eigen::MatrixXd xTrain, xTest;
  Eigen::VectorXd yTrain, yTest;
  std::vector<std::string> names;  ///< one per feature column
  std::string targetName;
  bool curve = false;  ///< 1-D polynomial source: the fit can be drawn as a curve
  Eigen::VectorXd uTrain, uTest, gridU, gridTrue;
  Eigen::MatrixXd gridX;  ///< features of gridU
};

FitData makePolynomialData(const PolySpec& spec);

/// "" when the table can be fitted by the lesson, else one sentence naming the problem and what to do: too few
/// columns or rows, a constant column.
std::string checkTable(const core::CsvTable& table);
/// A seeded train/test split of a table (testShare of the rows, at least one, held out), with every other column
/// than `target` as a feature, standardized with the training rows' mean and population sd (so one λ means the same
/// for every feature, whatever its unit). Throws std::invalid_argument when a feature or the target is constant on
/// the training rows.
FitData makeTableData(const core::CsvTable& table, int target, double testShare, uint64_t seed);

/// The bundled diabetes data (assets/data/diabetes_X.csv + diabetes_y.csv) as one table with its columns named as
/// in the data set's documentation (age, sex, bmi, bp, s1..s6, y). Throws core::CsvError.
core::CsvTable loadDiabetes(const std::string& assetDir);

struct FitSettings {
  FitPenalty penalty = FitPenalty::Lasso;
  double l1Ratio = 0.5;    ///< α of the elastic net (ridge 0, lasso 1)
  bool intercept = true;   ///< an unpenalized intercept b; false: b = 0
  int folds = 5;
  uint64_t foldSeed = 1;
  int pathCount = 60;
  bool operator==(const FitSettings& o) const {
    return penalty == o.penalty && l1Ratio == o.l1Ratio && intercept == o.intercept && folds == o.folds &&
           foldSeed == o.foldSeed && pathCount == o.pathCount;
  }
};

class FitModel {
 public:
  void setData(FitData data);
  void setSettings(const FitSettings& s);
  /// Recomputes the path and the CV curve if the data or the settings changed since; true when it did.
  bool updatePath();
  /// Whether updatePath() has work to do.
  bool pathStale() const { return m_dirty; }
  /// The fit at λ (0 with FitPenalty::None), its predictions and errors.
  void fitAt(double lambda);

  const FitData& data() const { return m_data; }
  const FitSettings& settings() const { return m_settings; }
  /// α of the penalty (1 for None: irrelevant at λ = 0).
  double alpha() const;
  bool hasPath() const { return m_settings.penalty != FitPenalty::None && !m_path.lambdas.empty(); }
  const core::ElasticNetPath& path() const { return m_path; }
  bool hasCv() const { return hasPath() && !m_cv.mean.empty(); }
  const core::CrossValidation& cv() const { return m_cv; }
  int cvFolds() const { return m_cvFolds; }
  /// The λ range of the slider and the path: from the path's top down to lambdaMax(α = 1)·1e-5.
  double lambdaLo() const { return m_lambdaLo; }
  double lambdaHi() const { return m_lambdaHi; }
  /// log10 λ of each path point (for plotting), and the path's coefficient j over λ.
  const std::vector<double>& pathLogLambda() const { return m_logLambda; }
  const std::vector<double>& pathCoef(int j) const { return m_pathCoefs[j]; }
  /// Feature indices ordered by how large their coefficient grows along the path (largest first; ties by index).
  const std::vector<int>& pathsByPeak() const { return m_pathsByPeak; }
  const std::vector<double>& cvLo() const { return m_cvLo; }
  const std::vector<double>& cvHi() const { return m_cvHi; }

  double lambda() const { return m_lambda; }
  const Eigen::VectorXd& coef() const { return m_w; }
  double intercept() const { return m_b; }
  bool converged() const { return m_converged; }
  int nonzeros() const { return static_cast<int>((m_w.array() != 0.0).count()); }
  const Eigen::VectorXd& predTrain() const { return m_predTrain; }
  const Eigen::VectorXd& predTest() const { return m_predTest; }
  const Eigen::VectorXd& gridFit() const { return m_gridFit; }
  double trainMse() const { return m_trainMse; }
  double testMse() const { return m_testMse; }
  const std::string& error() const { return m_error; }
  /// How many times the path and CV were computed (tests: moving λ must not recompute them).
  int pathComputations() const { return m_pathComputations; }

 private:
  core::ElasticNetOptions options() const;
  /// The p × p QR reduction of the training data used by fitAt() for large tables (see there).
  void prepareReduced();

  FitData m_data;
  FitSettings m_settings;
  bool m_dirty = true;
  core::ElasticNetPath m_path;
  core::CrossValidation m_cv;
  int m_cvFolds = 0;
  double m_lambdaLo = 1e-5, m_lambdaHi = 1.0;
  std::vector<double> m_logLambda, m_cvLo, m_cvHi;
  std::vector<std::vector<double>> m_pathCoefs;
  std::vector<int> m_pathsByPeak;
  double m_lambda = 0.0, m_b = 0.0, m_trainMse = 0.0, m_testMse = 0.0;
  bool m_converged = true;
  Eigen::VectorXd m_w, m_predTrain, m_predTest, m_gridFit;
  std::string m_error;
  int m_pathComputations = 0;
  Eigen::MatrixXd m_redX;
  Eigen::VectorXd m_redY, m_xMean;
  double m_yMean = 0.0;
  int m_reducedFor = -1;  ///< the intercept setting the reduction was made for (1/0), −1: none yet
};

/// The target column of a fresh table: one called y or target (any case; the last such), else the last column.
int defaultTarget(const core::CsvTable& table);

/// A table read and fitted, or a path and cross-validation computed, as one piece of work: run() on a worker thread
/// (or here and now, where threads cannot start: a browser without them). The job owns everything it touches; the
/// lesson takes the result on the frame loop.
struct FitJob {
  enum Kind { Load, Fit };
  Kind kind = Fit;
  std::thread thread;
  std::atomic<bool> done{false};
  std::atomic<int> stage{0};  ///< 0 reading the file, 1 checking the table, 2 fitting
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  // Load: the file and how to split it.
  std::string path, name;
  float testShare = 0.3f;
  uint64_t seed = 1;
  core::CsvTable table;
  int target = -1;
  // Both: the model to fit (a copy: the lesson keeps drawing its own meanwhile) and the λ to fit at.
  FitModel model;
  FitSettings settings;
  double lambda = 0.0;
  std::string error;  ///< one sentence naming the file and the problem; "" when the job succeeded

  /// Load: reads `path` (at most kMaxTableBytes), checks it, splits it on its default target; then, for both kinds,
  /// the path and CV with `settings` and the fit at `lambda` (clamped into the model's range).
  void run();

 private:
  bool load();
};

}  // namespace nr::app
