// regularized-fit's controls, the progress line of work off the frame loop, and the formula panel. The teaching
// choice in the controls: the λ slider spans the range of the data's own path (λ_max down to 1e-5 of it), and the
// λ_min / λ_1se buttons name their values, so "the λ cross-validation picks" is one click and one number.

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "kit/latex.h"
#include "kit/text.h"
#include "lessons/controls.h"
#include "lessons/regularized_fit.h"

namespace nr::app {

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

void RegularizedFitLesson::drawSourceControl(LessonContext& ctx) {
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
  if (source == m_p.source) return;
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

void RegularizedFitLesson::drawTargetControl(LessonContext& ctx) {
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

void RegularizedFitLesson::drawDataControls(LessonContext& ctx) {
  bool data = false;
  sectionHeader(ctx.tr("regularized-fit.data"));
  drawSourceControl(ctx);
  if (m_p.source == Polynomial) {
    for (const char* key : {"function", "degree", "samples", "noise"}) data |= table().control(ctx, m_p, key);
  } else {
    if (m_p.source == Csv) drawTargetControl(ctx);
    data |= table().control(ctx, m_p, "test_share");
    wrappedTextDisabled(ctx.tr("regularized-fit.standardized"));
  }
  data |= table().control(ctx, m_p, "seed");
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

void RegularizedFitLesson::drawPenaltyControls(LessonContext& ctx) {
  sectionHeader(ctx.tr("regularized-fit.penalty"));
  bool penalty = false;
  const ParamSpec& pen = table().spec("penalty");
  const char* tips[] = {"regularized-fit.pen.none.tip", "regularized-fit.pen.ridge.tip",
                        "regularized-fit.pen.lasso.tip", "regularized-fit.pen.enet.tip"};
  for (int k = 0; k < 4; ++k) {
    // Two per row: "elastic net" and the Chinese labels need the room at UI scale 2.
    if (k % 2) ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f);
    penalty |= radioButton(ctx.tr(pen.choiceLabels[k]), &m_p.penalty, k);
    tip(ctx, tips[k]);
  }
  if (m_p.penalty == 3) penalty |= table().control(ctx, m_p, "l1_ratio");
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
  penalty |= table().control(ctx, m_p, "intercept");

  sectionHeader(ctx.tr("regularized-fit.cv"));
  penalty |= table().control(ctx, m_p, "folds");
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
}

void RegularizedFitLesson::drawErrors(LessonContext& ctx) {
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

void RegularizedFitLesson::drawControls(LessonContext& ctx) {
  drawDataControls(ctx);
  drawPenaltyControls(ctx);
  drawErrors(ctx);
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
