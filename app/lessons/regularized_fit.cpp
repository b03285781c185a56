// regularized-fit — under- and over-fitting, and what a penalty does about it. The teaching choices: the λ slider
// only refits at one λ and moves the markers (the path and the CV curve depend on the data and the penalty, not on
// λ, so they are computed once per change of those); exact zeros of the lasso are drawn as hollow bars labelled 0
// (a tiny coefficient and a zero must not look alike); the fit plot keeps the y range of the data, so a wild
// unpenalized degree-15 curve visibly leaves the picture instead of squashing the points into a line.
//
// [SECTION] Construction and data
// [SECTION] Parameters
// (controls, progress line and formula: regularized_fit_controls.cpp; the canvas: regularized_fit_plots.cpp)

#include "lessons/regularized_fit.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <system_error>
#include <thread>

#include "kit/assets.h"

namespace nr::app {

// [SECTION] Construction and data

static std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

RegularizedFitLesson::RegularizedFitLesson() { reset(); }

RegularizedFitLesson::~RegularizedFitLesson() {
  if (m_job && m_job->thread.joinable()) m_job->thread.join();
}

void RegularizedFitLesson::startJob(std::unique_ptr<Job> job) {
  finishWork();  // one at a time (a second request waits for the first; it is rare and short)
  m_job = std::move(job);
  Job* j = m_job.get();
  try {
    j->thread = std::thread([j] {
      j->run();
      j->done = true;
    });
  } catch (const std::system_error&) {  // no threads here: do it now
    j->run();
    j->done = true;
  }
}

void RegularizedFitLesson::pollJob(LessonContext* ctx) {
  if (ctx && ctx->messages && !m_pendingMessages.empty()) {  // from a job applied where no context was at hand
    for (std::string& m : m_pendingMessages) ctx->messages->push_back(std::move(m));
    m_pendingMessages.clear();
  }
  if (!m_job || !m_job->done) return;
  if (m_job->thread.joinable()) m_job->thread.join();
  std::unique_ptr<Job> job = std::move(m_job);
  applyJob(*job, ctx);
}

void RegularizedFitLesson::finishWork() {
  if (!m_job) return;
  if (m_job->thread.joinable()) m_job->thread.join();
  m_job->done = true;
  pollJob(nullptr);
}

void RegularizedFitLesson::applyJob(Job& job, LessonContext* ctx) {
  if (!job.error.empty()) {
    m_status = job.error;
    if (ctx && ctx->messages)
      ctx->messages->push_back(job.error);
    else
      m_pendingMessages.push_back(job.error);
    return;
  }
  if (job.kind == Job::Load) {
    m_csv = std::move(job.table);
    m_csvPath = job.path;
    m_target = job.target;
    m_p.source = Csv;
    m_status.clear();
  }
  m_model = std::move(job.model);
  // λ may have moved while the worker ran: keep the student's value, refit at it.
  m_p.lambda = std::clamp(job.kind == Job::Load ? job.lambda : m_p.lambda, m_model.lambdaLo(), m_model.lambdaHi());
  m_model.fitAt(m_p.lambda);
  if (m_refreshAfterJob) {
    m_refreshAfterJob = false;
    refresh(true);
  }
}

FitSettings RegularizedFitLesson::settings() const {
  FitSettings s;
  s.penalty = static_cast<FitPenalty>(m_p.penalty);
  s.l1Ratio = m_p.l1Ratio;
  s.intercept = m_p.intercept;
  s.folds = m_p.folds;
  s.foldSeed = static_cast<uint64_t>(m_p.seed);
  return s;
}

bool RegularizedFitLesson::rebuildData(std::string& error) {
  try {
    if (m_p.source == Polynomial) {
      PolySpec s;
      s.function = static_cast<TrueFunction>(m_p.function);
      s.samples = m_p.samples;
      s.noise = m_p.noise;
      s.degree = m_p.degree;
      s.seed = static_cast<uint64_t>(m_p.seed);
      m_model.setData(makePolynomialData(s));
    } else if (m_p.source == Diabetes) {
      // Read on first use: most sessions never open it.
      if (m_diabetes.names.empty()) m_diabetes = loadDiabetes(assetDir());
      m_model.setData(makeTableData(m_diabetes, static_cast<int>(m_diabetes.names.size()) - 1, m_p.testShare,
                                    static_cast<uint64_t>(m_p.seed)));
    } else {
      if (m_csv.names.empty()) {
        error = "no CSV is loaded; drop a .csv file on the window";
        return false;
      }
      m_model.setData(makeTableData(m_csv, m_target, m_p.testShare, static_cast<uint64_t>(m_p.seed)));
    }
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
  return true;
}

void RegularizedFitLesson::refresh(bool offFrame) {
  const FitSettings s = settings();
  const int64_t cells = static_cast<int64_t>(m_model.data().xTrain.rows()) * (m_model.data().xTrain.cols() + 1);
  if (offFrame && cells > kAsyncCells && (m_model.pathStale() || !(m_model.settings() == s))) {
    if (m_job) {  // the worker is busy: this change follows when it is done
      m_refreshAfterJob = true;
      return;
    }
    // The lesson keeps its model (and so its picture) until the worker's is ready; new data (a new split) are
    // refitted at λ now, so the dots and errors match the rows they are drawn for.
    if (m_model.pathStale()) m_model.fitAt(m_p.lambda);
    auto job = std::make_unique<Job>();
    job->kind = Job::Fit;
    job->model = m_model;
    job->settings = s;
    job->lambda = m_p.lambda;
    startJob(std::move(job));
    return;
  }
  m_model.setSettings(s);
  m_model.updatePath();
  m_p.lambda = std::clamp(m_p.lambda, m_model.lambdaLo(), m_model.lambdaHi());
  m_model.fitAt(m_p.lambda);
}

void RegularizedFitLesson::setLambda(double lambda) {
  m_p.lambda = std::clamp(lambda, m_model.lambdaLo(), m_model.lambdaHi());
  m_model.fitAt(m_p.lambda);
}

void RegularizedFitLesson::jumpToLambdaMin() {
  if (m_model.hasCv()) setLambda(m_model.cv().lambdaMin);
}

void RegularizedFitLesson::jumpToLambda1se() {
  if (m_model.hasCv()) setLambda(m_model.cv().lambda1se);
}

void RegularizedFitLesson::reset() {
  // A loaded CSV stays loaded (Reset should not throw the student's data away), but the lesson starts on its default.
  m_p = Params();
  m_status.clear();
  std::string error;
  rebuildData(error);
  refresh();
}

bool RegularizedFitLesson::acceptsFileDrop(const std::string& path) const {
  return lower(std::filesystem::path(path).extension().string()) == ".csv";
}

/// A load job for `path` with the lesson's split and penalty. Messages name the file, not its whole path.
static std::unique_ptr<RegularizedFitLesson::Job> makeLoadJob(const std::string& path, const RegularizedFitLesson::Params& p,
                                                             const FitSettings& settings) {
  auto job = std::make_unique<RegularizedFitLesson::Job>();
  job->kind = RegularizedFitLesson::Job::Load;
  job->path = path;
  job->name = std::filesystem::path(path).filename().string();
  job->testShare = p.testShare;
  job->seed = static_cast<uint64_t>(p.seed);
  job->settings = settings;
  job->lambda = p.lambda;
  return job;
}

bool RegularizedFitLesson::loadCsv(const std::string& path, std::string& error) {
  finishWork();
  FitSettings s = settings();
  std::unique_ptr<Job> job = makeLoadJob(path, m_p, s);
  job->run();  // here and now: scenes and tests see the table at once
  if (!job->error.empty()) {
    error = job->error;
    return false;
  }
  applyJob(*job, nullptr);
  return true;
}

bool RegularizedFitLesson::setTarget(int column, std::string& error, bool offFrame) {
  if (m_csv.names.empty() || column < 0 || column >= static_cast<int>(m_csv.names.size())) {
    error = "no such column";
    return false;
  }
  const int previous = m_target;
  m_target = column;
  if (m_p.source == Csv && !rebuildData(error)) {
    m_target = previous;
    std::string ignored;
    rebuildData(ignored);
    return false;
  }
  refresh(offFrame);
  return true;
}

void RegularizedFitLesson::onFileDrop(const std::string& path, LessonContext& ctx) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > (1u << 20)) {  // a large table: read and fitted by a worker, the picture stays live
    startJob(makeLoadJob(path, m_p, settings()));
    return;
  }
  std::string error;
  if (!loadCsv(path, error)) {
    if (ctx.messages) ctx.messages->push_back(error);
    m_status = error;
  }
}

// [SECTION] Parameters

const ParamTable<RegularizedFitLesson::Params>& RegularizedFitLesson::table() {
  // The source and the penalty are radio buttons: the lesson draws them. λ is not here: its slider spans the data's
  // own range and a scene's λ is clamped into it, so it does not read back as given (setParams reads it). A CSV
  // source needs a file, so the extreme steps visit the curve and the diabetes table only.
  static const auto t = ParamTable<Params>()
      .choice("source", &Params::source, {"polynomial", "diabetes", "csv"},
              {"regularized-fit.src.poly", "regularized-fit.src.diabetes", "regularized-fit.src.csv"})
      .hidden().extremes({Polynomial, Diabetes})
      .choice("function", &Params::function, {"sine", "runge", "step"},
              {"regularized-fit.fn.sine", "regularized-fit.fn.runge", "regularized-fit.fn.step"})
      .label("regularized-fit.function").tip("regularized-fit.function.tip")
      .integer("degree", &Params::degree, 1, 15).label("regularized-fit.degree").tip("regularized-fit.degree.tip")
      .integer("samples", &Params::samples, 5, 200).label("regularized-fit.samples").tip("regularized-fit.samples.tip")
      .real("noise", &Params::noise, 0.0, 1.0).format("%.2f").label("regularized-fit.noise").tip("regularized-fit.noise.tip")
      .integer("seed", &Params::seed, 0, 9999).input().label("regularized-fit.seed").tip("regularized-fit.seed.tip")
      .choice("penalty", &Params::penalty, {"none", "ridge", "lasso", "elasticnet"},
              {"regularized-fit.pen.none", "regularized-fit.pen.ridge", "regularized-fit.pen.lasso",
               "regularized-fit.pen.enet"})
      .hidden()
      .real("l1_ratio", &Params::l1Ratio, 0.0, 1.0).format("%.2f").label("regularized-fit.alpha").tip("regularized-fit.alpha.tip")
      .boolean("intercept", &Params::intercept).label("regularized-fit.intercept").tip("regularized-fit.intercept.tip")
      .integer("folds", &Params::folds, 3, 10).label("regularized-fit.folds").tip("regularized-fit.folds.tip")
      .real("test_share", &Params::testShare, 0.1, 0.5).format("%.2f").label("regularized-fit.test").tip("regularized-fit.test.tip");
  return t;
}

nlohmann::json RegularizedFitLesson::params() const {
  nlohmann::json j;
  table().write(m_p, j);
  j["lambda"] = m_p.lambda;
  if (m_p.source == Csv) {
    j["csv_path"] = m_csvPath;
    j["target"] = m_target >= 0 ? m_csv.names[m_target] : std::string();
  }
  return j;
}

bool RegularizedFitLesson::readSceneCsv(std::string& csvPath, std::string target, core::CsvTable& csv,
                                        int& csvTarget, std::vector<std::string>& errors) const {
  if (csvPath.empty() && m_csv.names.empty()) {
    errors.push_back("a CSV scene needs 'csv_path', the file to read");
    return false;
  }
  if (csvPath.empty() || csvPath == m_csvPath) {
    // The table already loaded (a scene saved from it, or parameters changed on it).
    csv = m_csv;
    csvPath = m_csvPath;
    if (target.empty()) target = m_csv.names[m_target];
  } else {
    try {
      csv = core::readCsv(csvPath);
    } catch (const std::exception& e) {
      errors.push_back(e.what());
      return false;
    }
    if (std::string problem = checkTable(csv); !problem.empty()) {
      errors.push_back(csvPath + ": " + problem);
      return false;
    }
  }
  csvTarget = target.empty() ? static_cast<int>(csv.names.size()) - 1 : csv.find(target);
  if (csvTarget < 0) {
    errors.push_back("no column '" + target + "' in " + csvPath);
    return false;
  }
  return true;
}

void RegularizedFitLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                     std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  table().read(r, p);
  r.read("lambda", p.lambda, 0.0, 1e12);  // any λ ≥ 0: refresh() clamps it into the range of the data's path
  std::string csvPath, target;
  r.read("csv_path", csvPath);
  r.read("target", target);
  // Scenes may ask for λ_min or λ_1se instead of a number (the presets do: the value depends on the data).
  int at = 0;
  r.readChoice("lambda_at", at, {"value", "min", "1se"});
  if (!r.finish()) return;
  // A CSV scene names its file: read it first, so a missing file leaves everything as it was.
  core::CsvTable csv;
  int csvTarget = -1;
  if (p.source == Csv && !readSceneCsv(csvPath, target, csv, csvTarget, errors)) return;
  const Params old = m_p;
  m_p = p;
  auto swapCsv = [&] {
    std::swap(m_csv, csv);
    std::swap(m_target, csvTarget);
    std::swap(m_csvPath, csvPath);
  };
  if (p.source == Csv) swapCsv();
  std::string error;
  if (!rebuildData(error)) {
    errors.push_back(error);
    m_p = old;
    if (p.source == Csv) swapCsv();
    rebuildData(error);
    refresh();
    return;
  }
  m_status.clear();
  refresh();
  if (at == 1) jumpToLambdaMin();
  if (at == 2) jumpToLambda1se();
}

void RegularizedFitLesson::interact(int frame) {
  // Sweeps λ across its range: only the fit at λ and the markers change, as when a student drags the slider.
  const double t = 0.5 + 0.5 * std::sin(frame * 0.07);
  const double lo = std::log10(m_model.lambdaLo()), hi = std::log10(m_model.lambdaHi());
  setLambda(std::pow(10.0, lo + t * (hi - lo)));
}

}  // namespace nr::app
