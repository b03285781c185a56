#pragma once
// regularized-fit — polynomial regression that under- and over-fits, tamed by ridge, lasso or the elastic net: the
// fitted curve over train and test points, train and test error, the coefficients (exact zeros), their path against
// λ, and the k-fold cross-validation curve with λ_min and λ_1se. The same views work on the bundled diabetes data
// and on a CSV dropped on the window (there the curve becomes predicted vs actual).

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "lessons/lesson.h"
#include "lessons/regularized_fit_model.h"
#include "nr/csv.h"
#include "widgets/canvas_layout.h"
#include "widgets/plot.h"

namespace nr::app {

class RegularizedFitLesson : public Lesson {
 public:
  enum Source { Polynomial = 0, Diabetes = 1, Csv = 2 };
  struct Params {
    int source = Polynomial;
    int function = 0;  ///< TrueFunction
    int degree = 12;
    int samples = 30;
    double noise = 0.25;
    int seed = 1;
    int penalty = 2;  ///< FitPenalty
    float l1Ratio = 0.5f;
    double lambda = 3e-3;
    bool intercept = true;
    int folds = 5;
    float testShare = 0.3f;  ///< table sources: share of rows held out as the test set
  };

  using Job = FitJob;  ///< work off the frame loop

  RegularizedFitLesson();
  ~RegularizedFitLesson() override;
  // The heading and the explanation describe the data in use: the curve, the diabetes table, or the user's own.
  const char* headingKey() const override {
    return m_p.source == Polynomial ? "regularized-fit.heading"
           : m_p.source == Csv      ? "regularized-fit.heading.csv"
                                    : "regularized-fit.heading.diabetes";
  }
  const char* whatKey() const override {
    return m_p.source == Polynomial ? "regularized-fit.what" : "regularized-fit.what.table";
  }
  std::vector<const char*> headingKeys() const override {
    return {"regularized-fit.heading", "regularized-fit.heading.csv", "regularized-fit.heading.diabetes"};
  }
  void drawControls(LessonContext& ctx) override;
  void drawCanvas(LessonContext& ctx) override;
  void drawFormula(LessonContext& ctx) override;
  std::string formulaLatex() const override;
  void reset() override;
  nlohmann::json params() const override;
  /// Scenes hold every parameter; a note lists those of the data in use (the curve's, or a table's test share).
  bool noteShowsParam(const std::string& key) const override {
    if (key == "function" || key == "degree" || key == "samples" || key == "noise") return m_p.source == Polynomial;
    if (key == "test_share") return m_p.source != Polynomial;
    if (key == "l1_ratio") return m_p.penalty == int(FitPenalty::ElasticNet);
    if (key == "lambda") return m_p.penalty != int(FitPenalty::None);
    return true;
  }
  void setParams(const nlohmann::json& j, std::vector<std::string>& warnings, std::vector<std::string>& errors) override;
  void interact(int frame) override;
  const std::vector<ParamSpec>& paramSpecs() const override { return table().specs(); }
  bool acceptsFileDrop(const std::string& path) const override;
  /// A file over 1 MB is read and fitted off the frame loop (a progress line over the picture meanwhile).
  void onFileDrop(const std::string& path, LessonContext& ctx) override;
  /// While a table is read or fitted off the frame loop, frames keep coming to show the progress and the result.
  bool animating() const override { return Lesson::animating() || m_job != nullptr; }
  /// Waits for work running off the frame loop and applies it (headless pictures, tests).
  void finishWork() override;
  bool busy() const { return m_job != nullptr; }
  /// The last data problem (shown in the controls), "" when none.
  const std::string& status() const { return m_status; }

  /// Reads a CSV and makes it the data source (target: a column named y or target, else the last one). On any
  /// problem returns false, sets `error` to one sentence naming the file and the problem, and keeps the current data.
  bool loadCsv(const std::string& path, std::string& error);
  /// Picks the target column of the loaded CSV (index into csvTable().names); false if the split fails (`error`).
  /// `offFrame`: a large table's path and CV are computed by a worker (the control); otherwise here and now.
  bool setTarget(int column, std::string& error, bool offFrame = false);
  const core::CsvTable& csvTable() const { return m_csv; }
  int target() const { return m_target; }

  const Params& current() const { return m_p; }
  const FitModel& model() const { return m_model; }
  /// Sets λ (clamped into the slider's range) and refits at it.
  void setLambda(double lambda);
  /// The "λ_min" and "λ_1se" buttons.
  void jumpToLambdaMin();
  void jumpToLambda1se();

 private:
  static const ParamTable<Params>& table();
  /// A CSV scene's table: the one loaded if `csvPath` is empty or names it, else read from `csvPath`; its target
  /// column (`target`, or the last one). False, with one error naming the file and the problem, if any step fails.
  bool readSceneCsv(std::string& csvPath, std::string target, core::CsvTable& csv, int& csvTarget,
                    std::vector<std::string>& errors) const;
  /// Rebuilds the data from the source parameters; false (with `error`) when the source cannot be built.
  bool rebuildData(std::string& error);
  /// Path and CV if the data or penalty changed, then the fit at the current λ. `offFrame`: for a large table the
  /// path and CV are computed on a worker thread (controls); otherwise, and for scenes and tests, here and now.
  void refresh(bool offFrame = false);
  void startJob(std::unique_ptr<Job> job);
  void pollJob(LessonContext* ctx);
  void applyJob(Job& job, LessonContext* ctx);
  void drawProgress(LessonContext& ctx);
  FitSettings settings() const;

  void drawFit(LessonContext& ctx, ImVec2 size);
  /// The 1-D source: the fitted curve over the points, in the y range of the data.
  void drawFitCurve(LessonContext& ctx, ImVec2 size, PlotConfig cfg);
  /// A table: predicted against actual, with the ideal diagonal.
  void drawPredictedVsActual(LessonContext& ctx, ImVec2 size, PlotConfig cfg);
  void drawCoefficients(LessonContext& ctx, ImVec2 size);
  /// More coefficients than the width shows: one bar per `group` consecutive features.
  void drawCoefficientGroups(LessonContext& ctx, ImVec2 size, int group);
  /// Hollow grey bars (and a "0" where it fits, if `label`) over the coefficient plot's bars i < count whose
  /// isZero(i) holds: an exact zero never looks like a small coefficient.
  void drawZeroMarks(LessonContext& ctx, const std::function<bool(int)>& isZero, int count, double halfWidth, bool label);
  void drawPath(LessonContext& ctx, ImVec2 size);
  void drawCv(LessonContext& ctx, ImVec2 size);
  void drawDataControls(LessonContext& ctx);
  /// The source radio buttons; switching rebuilds the data (or says why it cannot and stays).
  void drawSourceControl(LessonContext& ctx);
  /// The CSV's target column combo.
  void drawTargetControl(LessonContext& ctx);
  void drawPenaltyControls(LessonContext& ctx);
  void drawErrors(LessonContext& ctx);

  Params m_p;
  FitModel m_model;
  core::CsvTable m_diabetes, m_csv;
  std::string m_csvPath;
  int m_target = -1;
  std::string m_status;  ///< the last data error, shown in the controls
  Plot m_fitPlot, m_coefPlot, m_pathPlot, m_cvPlot;
  CanvasLayout m_layout;
  std::vector<std::string> m_categoryNames;  ///< coefficient bars' names (borrowed by the plot through m_categories)
  std::vector<const char*> m_categories;
  std::vector<double> m_index, m_scratchX, m_scratchY;
  std::unique_ptr<Job> m_job;  ///< a load or a fit running off the frame loop
  bool m_refreshAfterJob = false;
  std::vector<std::string> m_pendingMessages;  ///< a job's message, until a frame can show it
};

}  // namespace nr::app
