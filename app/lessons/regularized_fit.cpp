// regularized-fit — under- and over-fitting, and what a penalty does about it. The teaching choices: the λ slider
// only refits at one λ and moves the markers (the path and the CV curve depend on the data and the penalty, not on
// λ, so they are computed once per change of those); exact zeros of the lasso are drawn as hollow bars labelled 0
// (a tiny coefficient and a zero must not look alike); the fit plot keeps the y range of the data, so a wild
// unpenalized degree-15 curve visibly leaves the picture instead of squashing the points into a line.
//
// [SECTION] Construction and data
// [SECTION] Parameters
// [SECTION] Controls
// [SECTION] Canvas
// [SECTION] Formula

#include "lessons/regularized_fit.h"

#include <imgui.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <thread>

#include "lessons/controls.h"
#include "nr/file_io.h"
#include "kit/assets.h"
#include "kit/latex.h"
#include "kit/text.h"

namespace nr::app {

namespace {
const std::vector<const char*> kSources = {"polynomial", "diabetes", "csv"};
const std::vector<const char*> kFunctions = {"sine", "runge", "step"};
const std::vector<const char*> kPenalties = {"none", "ridge", "lasso", "elasticnet"};
}  // namespace

// [SECTION] Construction and data

static std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

/// A table read and fitted, or a path and cross-validation computed, on a worker thread (or here, where threads
/// cannot start: a browser without them). The worker owns everything it touches; the lesson takes the result in
/// applyJob(), on the frame loop.
struct RegularizedFitLesson::Job {
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
  std::string error;

  void run() {
    try {
      if (kind == Load) {
        std::string text;
        try {
          text = core::readFile(path, kMaxTableBytes);
        } catch (const core::FileError& e) {
          std::error_code ec;
          const auto status = std::filesystem::status(path, ec);
          const auto size = !ec && std::filesystem::is_regular_file(status) ? std::filesystem::file_size(path, ec) : 0;
          if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
            error = name + ": not a regular file (a device, pipe or socket); save the table to a file and open that";
          else if (!ec && size > kMaxTableBytes)
            error = name + ": the file is " + core::formatBytes(size) + "; this lesson reads tables of up to " +
                    core::formatBytes(kMaxTableBytes) + ". Fit larger tables with nrlab fit --data FILE --target COLUMN";
          else
            error = name + ": cannot be read; check that the file exists and that you may read it";
          return;
        }
        stage = 1;
        table = core::parseCsv(text, name);
        text = std::string();
        if (std::string problem = checkTable(table); !problem.empty()) {
          error = name + ": " + problem;
          return;
        }
        // The target: a column called y or target, else the last one.
        target = static_cast<int>(table.names.size()) - 1;
        for (size_t j = 0; j < table.names.size(); ++j)
          if (lower(table.names[j]) == "y" || lower(table.names[j]) == "target") target = static_cast<int>(j);
        try {
          model.setData(makeTableData(table, target, testShare, seed));
        } catch (const std::exception& e) {
          error = name + ": " + e.what();
          return;
        }
      }
      stage = 2;
      model.setSettings(settings);
      model.updatePath();
      lambda = std::clamp(lambda, model.lambdaLo(), model.lambdaHi());
      model.fitAt(lambda);
    } catch (const std::exception& e) {
      error = e.what();
    }
  }
};

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

void RegularizedFitLesson::drawProgress(LessonContext& ctx) {
  if (!m_job) return;
  // One line over the top of the picture: what the worker is doing and for how long; the old picture stays.
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - m_job->started).count();
  char line[400];
  const int stage = m_job->stage;
  if (m_job->kind == Job::Load && stage < 2)
    std::snprintf(line, sizeof line, ctx.tr(stage == 0 ? "regularized-fit.busy.read" : "regularized-fit.busy.check"),
                  m_job->name.c_str(), seconds);
  else
    std::snprintf(line, sizeof line, ctx.tr("regularized-fit.busy.fit"),
                  static_cast<int>(m_job->model.data().xTrain.rows()),
                  static_cast<int>(m_job->model.data().xTrain.cols()), seconds);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 pos = ImGui::GetWindowPos(), winSize = ImGui::GetWindowSize();
  const float pad = 0.5f * ImGui::GetFontSize();
  const float wrap = std::max(100.0f, winSize.x - 4 * pad);
  const ImVec2 ts = ImGui::CalcTextSize(line, nullptr, false, wrap);
  const ImVec2 a(pos.x + 0.5f * (winSize.x - ts.x) - pad, pos.y + pad), b(a.x + ts.x + 2 * pad, a.y + ts.y + 2 * pad);
  ImVec4 bg = ImGui::GetStyleColorVec4(ImGuiCol_PopupBg);
  bg.w = 0.95f;
  dl->AddRectFilled(a, b, ImGui::GetColorU32(bg), pad);
  dl->AddRect(a, b, ImGui::GetColorU32(ImGuiCol_Border), pad);
  dl->AddText(nullptr, 0.0f, ImVec2(a.x + pad, a.y + pad), ImGui::GetColorU32(ImGuiCol_Text), line, nullptr, wrap);
}

// [SECTION] Parameters

nlohmann::json RegularizedFitLesson::params() const {
  nlohmann::json j = {{"source", kSources[m_p.source]}, {"penalty", kPenalties[m_p.penalty]},
                      {"lambda", m_p.lambda},           {"l1_ratio", m_p.l1Ratio},
                      {"intercept", m_p.intercept},     {"folds", m_p.folds},
                      {"seed", m_p.seed}};
  if (m_p.source == Polynomial) {
    j["function"] = kFunctions[m_p.function];
    j["degree"] = m_p.degree;
    j["samples"] = m_p.samples;
    j["noise"] = m_p.noise;
  } else {
    j["test_share"] = m_p.testShare;
  }
  if (m_p.source == Csv) {
    j["csv_path"] = m_csvPath;
    j["target"] = m_target >= 0 ? m_csv.names[m_target] : std::string();
  }
  return j;
}

void RegularizedFitLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                     std::vector<std::string>& errors) {
  Params p = m_p;
  ParamReader r(j, warnings, errors);
  r.readChoice("source", p.source, kSources);
  r.readChoice("function", p.function, kFunctions);
  r.read("degree", p.degree, 1, 15);
  r.read("samples", p.samples, 5, 200);
  r.read("noise", p.noise, 0.0, 1.0);
  r.read("seed", p.seed, 0, 9999);
  r.readChoice("penalty", p.penalty, kPenalties);
  r.read("l1_ratio", p.l1Ratio, 0.0f, 1.0f);
  r.read("lambda", p.lambda, 0.0, 1e12);
  r.read("intercept", p.intercept);
  r.read("folds", p.folds, 3, 10);
  r.read("test_share", p.testShare, 0.1f, 0.5f);
  std::string csvPath, target, lambdaAt = "value";
  r.read("csv_path", csvPath);
  r.read("target", target);
  // Scenes may ask for λ_min or λ_1se instead of a number (the presets do: the value depends on the data).
  int at = 0;
  r.readChoice("lambda_at", at, {"value", "min", "1se"});
  if (!r.finish()) return;
  // A CSV scene names its file: read it first, so a missing file leaves everything as it was.
  core::CsvTable csv;
  int csvTarget = -1;
  if (p.source == Csv) {
    if (csvPath.empty() && m_csv.names.empty()) {
      errors.push_back("a CSV scene needs 'csv_path', the file to read");
      return;
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
        return;
      }
      if (std::string problem = checkTable(csv); !problem.empty()) {
        errors.push_back(csvPath + ": " + problem);
        return;
      }
    }
    csvTarget = target.empty() ? static_cast<int>(csv.names.size()) - 1 : csv.find(target);
    if (csvTarget < 0) {
      errors.push_back("no column '" + target + "' in " + csvPath);
      return;
    }
  }
  const Params old = m_p;
  m_p = p;
  if (p.source == Csv) {
    std::swap(m_csv, csv);
    std::swap(m_target, csvTarget);
    std::swap(m_csvPath, csvPath);
  }
  std::string error;
  if (!rebuildData(error)) {
    errors.push_back(error);
    m_p = old;
    if (p.source == Csv) {
      std::swap(m_csv, csv);
      std::swap(m_target, csvTarget);
      std::swap(m_csvPath, csvPath);
    }
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

void RegularizedFitLesson::applyExtreme(int step) {
  Params p;
  switch (step) {
    case 0: p.degree = 1, p.samples = 5, p.noise = 0.0, p.penalty = 0, p.folds = 3; break;
    case 1: p.degree = 15, p.samples = 200, p.noise = 1.0, p.penalty = 1, p.folds = 10, p.lambda = 1e12; break;
    case 2: p.degree = 15, p.samples = 5, p.penalty = 2, p.lambda = 0.0, p.folds = 10, p.function = 2; break;
    case 3: p.penalty = 3, p.l1Ratio = 0.0f, p.intercept = false, p.function = 1, p.seed = 9999; break;
    case 4: p.penalty = 3, p.l1Ratio = 1.0f, p.seed = 0; break;
    case 5: p.source = Diabetes, p.testShare = 0.1f, p.penalty = 2, p.folds = 10; break;
    case 6: p.source = Diabetes, p.testShare = 0.5f, p.penalty = 0, p.intercept = false; break;
    case 7: p.source = Diabetes, p.penalty = 1, p.lambda = 1e12; break;
    case 8: p.degree = 15, p.samples = 200, p.penalty = 2, p.lambda = 1e-12; break;
    default: p.penalty = 0, p.degree = 15, p.samples = 16; break;
  }
  m_p = p;
  std::string error;
  rebuildData(error);
  refresh();
  if (step == 5) jumpToLambda1se();
  if (step == 8) jumpToLambdaMin();
}

// [SECTION] Controls

void RegularizedFitLesson::drawDataControls(LessonContext& ctx) {
  bool data = false;
  sectionHeader(ctx.tr("regularized-fit.data"));
  int source = m_p.source;
  radioButton(ctx.tr("regularized-fit.src.poly"), &source, Polynomial);
  tip(ctx, "regularized-fit.source.tip");
  sameLineIfRoom(ctx.tr("regularized-fit.src.diabetes"));
  radioButton(ctx.tr("regularized-fit.src.diabetes"), &source, Diabetes);
  tip(ctx, "regularized-fit.source.tip");
  const char* csvLabel =
      m_csv.names.empty() ? ctx.tr("regularized-fit.src.csv.none") : ctx.tr("regularized-fit.src.csv");
  sameLineIfRoom(csvLabel);
  ImGui::BeginDisabled(m_csv.names.empty());
  radioButton(csvLabel, &source, Csv);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) itemTooltip(ctx.tr("regularized-fit.drop.hint"));
  if (source != m_p.source) {
    const int old = m_p.source;
    m_p.source = source;
    std::string error;
    if (!rebuildData(error)) {
      char buf[600];
      std::snprintf(buf, sizeof buf, ctx.tr("regularized-fit.msg.diabetes"), error.c_str());
      if (ctx.messages) ctx.messages->push_back(source == Diabetes ? std::string(buf) : error);
      m_p.source = old;
      rebuildData(error);
    }
    refresh(true);
  }
  if (m_p.source == Polynomial) {
    const char* fns[] = {ctx.tr("regularized-fit.fn.sine"), ctx.tr("regularized-fit.fn.runge"),
                         ctx.tr("regularized-fit.fn.step")};
    data |= combo(ctx.tr("regularized-fit.function"), &m_p.function, fns, 3);
    tip(ctx, "regularized-fit.function.tip");
    data |= sliderInt(ctx, ctx.tr("regularized-fit.degree"), m_p.degree, 1, 15);
    tip(ctx, "regularized-fit.degree.tip");
    data |= sliderInt(ctx, ctx.tr("regularized-fit.samples"), m_p.samples, 5, 200);
    tip(ctx, "regularized-fit.samples.tip");
    data |= sliderDouble(ctx, ctx.tr("regularized-fit.noise"), m_p.noise, 0.0, 1.0, "%.2f");
    tip(ctx, "regularized-fit.noise.tip");
  } else {
    if (m_p.source == Csv) {
      const char* preview = m_target >= 0 ? m_csv.names[m_target].c_str() : "";
      if (beginCombo(ctx.tr("regularized-fit.target"), preview)) {
        for (int j = 0; j < static_cast<int>(m_csv.names.size()); ++j) {
          ImGui::PushID(j);
          if (ImGui::Selectable(m_csv.names[j].c_str(), j == m_target) && j != m_target) {
            std::string error;
            if (!setTarget(j, error, true) && ctx.messages) ctx.messages->push_back(error);
          }
          ImGui::PopID();
        }
        ImGui::EndCombo();
      }
      tip(ctx, "regularized-fit.target.tip");
    }
    data |= sliderFloat(ctx, ctx.tr("regularized-fit.test"), m_p.testShare, 0.1f, 0.5f, "%.2f");
    tip(ctx, "regularized-fit.test.tip");
    wrappedTextDisabled(ctx.tr("regularized-fit.standardized"));
  }
  data |= ImGui::InputInt(ctx.tr("regularized-fit.seed"), &m_p.seed);
  tip(ctx, "regularized-fit.seed.tip");
  m_p.seed = std::clamp(m_p.seed, 0, 9999);
  if (m_p.source != Csv) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrappedText(ctx.tr("regularized-fit.drop.hint"));
    ImGui::PopStyleColor();
  }
  if (data) {
    std::string error;
    if (!rebuildData(error)) {
      m_status = error;
      if (ctx.messages) ctx.messages->push_back(error);
    } else {
      m_status.clear();
    }
    refresh(true);
  }
}

void RegularizedFitLesson::drawControls(LessonContext& ctx) {
  drawDataControls(ctx);

  sectionHeader(ctx.tr("regularized-fit.penalty"));
  bool penalty = false;
  const char* names[] = {"regularized-fit.pen.none", "regularized-fit.pen.ridge", "regularized-fit.pen.lasso",
                         "regularized-fit.pen.enet"};
  const char* tips[] = {"regularized-fit.pen.none.tip", "regularized-fit.pen.ridge.tip",
                        "regularized-fit.pen.lasso.tip", "regularized-fit.pen.enet.tip"};
  for (int k = 0; k < 4; ++k) {
    // Two per row: "elastic net" and the Chinese labels need the room at UI scale 2.
    if (k % 2) ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f);
    penalty |= radioButton(ctx.tr(names[k]), &m_p.penalty, k);
    tip(ctx, tips[k]);
  }
  if (m_p.penalty == 3) {
    penalty |= sliderFloat(ctx, ctx.tr("regularized-fit.alpha"), m_p.l1Ratio, 0.0f, 1.0f, "%.2f");
    tip(ctx, "regularized-fit.alpha.tip");
  }
  if (m_p.penalty == 0) {
    ImGui::BeginDisabled();
    float zero = 0.0f;
    ImGui::SliderFloat(ctx.tr("regularized-fit.lambda"), &zero, 0.0f, 1.0f, ctx.tr("regularized-fit.lambda.off"),
                       ImGuiSliderFlags_AlwaysClamp);
    ImGui::EndDisabled();
  } else {
    if (logSlider(ctx, ctx.tr("regularized-fit.lambda"), m_p.lambda, m_model.lambdaLo(), m_model.lambdaHi()))
      setLambda(m_p.lambda);
  }
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) itemTooltip(ctx.tr("regularized-fit.lambda.tip"));
  penalty |= checkbox(ctx.tr("regularized-fit.intercept"), &m_p.intercept);
  tip(ctx, "regularized-fit.intercept.tip");

  sectionHeader(ctx.tr("regularized-fit.cv"));
  penalty |= sliderInt(ctx, ctx.tr("regularized-fit.folds"), m_p.folds, 3, 10);
  tip(ctx, "regularized-fit.folds.tip");
  if (penalty) refresh(true);
  if (m_model.hasCv()) {
    if (m_model.cvFolds() < m_p.folds) disabledText(ctx.tr("regularized-fit.folds.reduced"), m_model.cvFolds());
    char label[96];
    std::snprintf(label, sizeof label, ctx.tr("regularized-fit.go.min"), m_model.cv().lambdaMin);
    if (button(label)) jumpToLambdaMin();
    tip(ctx, "regularized-fit.go.min.tip");
    std::snprintf(label, sizeof label, ctx.tr("regularized-fit.go.1se"), m_model.cv().lambda1se);
    if (button(label)) jumpToLambda1se();
    tip(ctx, "regularized-fit.go.1se.tip");
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrappedText(ctx.tr("regularized-fit.nocv"));
    ImGui::PopStyleColor();
  }

  sectionHeader(ctx.tr("regularized-fit.errors"));
  formulaText(ctx.tr("regularized-fit.err.train"), m_model.trainMse());
  formulaText(ctx.tr("regularized-fit.err.test"), m_model.testMse());
  formulaText(ctx.tr("regularized-fit.err.nz"), m_model.nonzeros(), static_cast<int>(m_model.coef().size()));
  if (!m_model.converged()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(ctx.tr("regularized-fit.notconverged"));
    ImGui::PopStyleColor();
  }
  const std::string& err = !m_status.empty() ? m_status : m_model.error();
  if (!err.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    wrappedText(err.c_str());
    ImGui::PopStyleColor();
  }
}

// [SECTION] Formula

void RegularizedFitLesson::drawFormula(LessonContext& ctx) {
  const FitData& d = m_model.data();
  const int n = static_cast<int>(d.yTrain.size()), p = static_cast<int>(m_model.coef().size());
  wrappedText(ctx.tr("regularized-fit.f.obj"));
  formulaText(ctx.tr("regularized-fit.f.now"), n, p, m_model.lambda(), m_model.alpha(), m_model.intercept());
  if (!m_p.intercept) wrappedText(ctx.tr("regularized-fit.f.nob"));
  formulaText(ctx.tr("regularized-fit.f.mse"), m_model.trainMse());
  formulaText(ctx.tr("regularized-fit.f.test"), static_cast<int>(d.yTest.size()), m_model.testMse());
  formulaText(ctx.tr("regularized-fit.f.nz"), m_model.nonzeros(), p);
  if (m_model.hasCv()) {
    const core::CrossValidation& cv = m_model.cv();
    formulaText(ctx.tr("regularized-fit.f.cv"), m_model.cvFolds(), cv.lambdaMin, cv.mean[cv.indexMin]);
    formulaText(ctx.tr("regularized-fit.f.cv2"), cv.lambda1se, cv.mean[cv.index1se]);
  }
}

std::string RegularizedFitLesson::formulaLatex() const {
  std::string s = "\\min_{b,w}\\ \\frac{1}{2n}\\lVert y - b - Xw\\rVert_2^2 + \\lambda\\Big(\\alpha\\lVert w\\rVert_1 + "
                  "\\frac{1-\\alpha}{2}\\lVert w\\rVert_2^2\\Big),\\quad n = " +
                  std::to_string(m_model.data().yTrain.size()) + ",\\ \\lambda = " + latexNumber(m_model.lambda()) +
                  ",\\ \\alpha = " + latexNumber(m_model.alpha()) +
                  ",\\ \\mathrm{MSE}_{train} = " + latexNumber(m_model.trainMse()) +
                  ",\\ \\mathrm{MSE}_{test} = " + latexNumber(m_model.testMse());
  if (m_model.hasCv())
    s += ",\\ \\lambda_{min} = " + latexNumber(m_model.cv().lambdaMin) +
         ",\\ \\lambda_{1se} = " + latexNumber(m_model.cv().lambda1se);
  return s;
}

}  // namespace nr::app
