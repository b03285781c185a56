// The application shell.
//
// [SECTION] Construction, settings
// [SECTION] Frame and layout
// [SECTION] Panels
// [SECTION] Scenes and messages

#include "shell/app.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>

#include "lessons/controls.h"
#include "lessons/note_params.h"
#include "lessons/registry.h"
#include "nr/file_io.h"
#include "kit/assets.h"
#include "shell/scene.h"
#include "shell/share_link.h"
#include "kit/screenshot.h"
#include "kit/text.h"

namespace nr::app {

// [SECTION] Construction, settings

App::App(const AppOptions& options) {
  AppOptions opt = options;
  m_persistent = opt.persistent;
  m_browser = opt.browser;
  m_hasGraphics = opt.hasGraphics;
  if (m_persistent) loadSettings(opt);
  for (const LessonInfo& info : lessonCatalog()) m_lessons.push_back(info.make());
  m_lang = m_translator.hasLanguage(opt.lang) ? opt.lang : kEnglish;
  syncTextLanguage();
  m_scale = m_pendingScale = std::clamp(opt.scale, 1.0f, 3.0f);
  m_theme = opt.theme;
  m_presenter = opt.presenter;
  int idx = opt.lesson.empty() ? 0 : findLesson(opt.lesson);
  m_current = std::max(idx, 0);
  applyTheme(m_theme, m_scale);
  findPresets();
  // A catalog of NR_TEXT_DIR (or an entry of it) that could not be used: said once, and kept in the log.
  for (const std::string& p : m_translator.problems()) toast("NR_TEXT_DIR: " + p, true);
}

App::~App() = default;

void App::findPresets() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(assetDir() + "/scenes", ec)) {
    if (entry.path().extension() != ".json") continue;
    std::string text;
    try {
      text = core::readFile(entry.path().string(), kMaxSceneBytes);
    } catch (const core::FileError&) {
      continue;
    }
    SceneParse p = parseScene(text, entry.path().filename().string());
    if (!p.ok) continue;
    // The bundled presets' descriptions are in the catalogs: "<lesson>.preset.<name>" for <lesson>-<name>.json.
    const std::string stem = entry.path().stem().string(), prefix = p.scene.lesson + "-";
    const std::string name = stem.rfind(prefix, 0) == 0 ? stem.substr(prefix.size()) : stem;
    m_presets.push_back({entry.path().string(), p.scene.lesson, p.scene.lesson + ".preset." + name, p.scene});
  }
  std::sort(m_presets.begin(), m_presets.end(), [](const Preset& a, const Preset& b) { return a.path < b.path; });
}

std::string App::headingText() const {
  std::string s;
  for (const auto& l : m_lessons)
    for (const char* key : l->headingKeys())
      for (const TextCatalog& c : m_translator.languages()) s += m_translator.get(key, c.code);
  return s;
}

void App::loadSettings(AppOptions& opt) {
  // Only fills what the command line did not give.
  // The language: --lang, else the saved choice, else (a first start) the system's.
  if (!opt.langGiven) opt.lang = systemLanguage(m_translator);
  std::string text;
  if (configDir().empty()) return;
  try {
    text = core::readFile(configDir() + "/settings.json", 1 << 20);
  } catch (const core::FileError&) {
    return;
  }
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return;
  if (opt.lesson.empty() && j.contains("lesson") && j["lesson"].is_string()) opt.lesson = j["lesson"];
  if (!opt.langGiven && j.contains("lang") && j["lang"].is_string() &&
      m_translator.hasLanguage(j["lang"].get<std::string>()))
    opt.lang = j["lang"].get<std::string>();
  if (!opt.scaleGiven && j.contains("scale") && j["scale"].is_number()) opt.scale = j["scale"].get<float>();
  if (!opt.themeGiven && j.contains("theme") && j["theme"].is_string())
    parseTheme(j["theme"].get<std::string>().c_str(), opt.theme);
  int w = 0, h = 0;
  if (savedWindowSize(w, h)) m_windowW = w, m_windowH = h;
}

bool savedWindowSize(int& w, int& h) {
  std::string text;
  if (configDir().empty()) return false;
  try {
    text = core::readFile(configDir() + "/settings.json", 1 << 20);
  } catch (const core::FileError&) {
    return false;
  }
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("window") || !j["window"].is_array() || j["window"].size() != 2) return false;
  const nlohmann::json& a = j["window"];
  if (!a[0].is_number_integer() || !a[1].is_number_integer()) return false;
  w = a[0].get<int>();
  h = a[1].get<int>();
  return w >= 320 && h >= 240 && w <= 16384 && h <= 16384;
}

void App::saveSettings() const {
  if (!m_persistent || configDir().empty()) return;  // no home folder: say nothing, save nothing
  nlohmann::json j;
  if (m_windowW > 0 && m_windowH > 0) j["window"] = {m_windowW, m_windowH};
  j["lesson"] = m_lessons[m_current]->id();
  j["lang"] = m_lang;
  j["scale"] = m_scale;
  j["theme"] = themeCode(m_theme);
  try {
    std::filesystem::create_directories(configDir());
    core::writeFileAtomic(configDir() + "/settings.json", j.dump(1) + "\n");
    fileWritten(configDir() + "/settings.json", FileUse::Settings);
  } catch (const std::exception&) {
    // Settings are a convenience; a read-only home must not disturb the lesson.
  }
}

bool App::needsMissingFont(const Lang& lang) const {
  const TextCatalog* c = m_translator.language(lang);
  return c && c->usesCjkFont() && !m_cjkAvailable;
}

void App::setLang(Lang lang) {
  if (!m_translator.hasLanguage(lang)) return;  // callers check; a language may only vanish with NR_TEXT_DIR
  if (needsMissingFont(lang)) {
    toast(tr("msg.no_cjk"), true);
    lang = kEnglish;
  }
  if (lang == m_lang) return;
  m_lang = lang;
  syncTextLanguage();
  saveSettings();
}

void App::syncTextLanguage() {
  for (auto& l : m_lessons) l->setTextLanguage(&m_translator, m_lang);
}

void App::setCjkAvailable(bool available, const std::string& message) {
  m_cjkAvailable = available;
  if (!available) {
    if (needsMissingFont(m_lang)) m_lang = kEnglish;
    syncTextLanguage();
    m_log.push_back(message);
  }
}

void App::setScale(float scale) {
  scale = std::clamp(std::round(scale * 4.0f) / 4.0f, 1.0f, 3.0f);
  m_pendingScale = scale;
  if (scale == m_scale) return;
  m_scale = scale;
  applyTheme(m_theme, m_scale);
  m_requests.rebuildFonts = true;
  saveSettings();
}

void App::setScaleTemporarily(float scale) {
  m_scale = scale;
  applyTheme(m_theme, m_scale);
}

void App::setTheme(Theme theme) {
  m_theme = theme;
  applyTheme(m_theme, m_scale);
  saveSettings();
}

void App::selectLesson(int index) {
  if (index < 0 || index >= lessonCount() || index == m_current) return;
  m_lessons[m_current]->setPlaying(false);
  m_current = index;
  saveSettings();
}

LessonContext App::context() {
  LessonContext ctx;
  ctx.translator = &m_translator;
  ctx.lang = m_lang;
  ctx.scale = m_scale;
  ctx.hasGraphics = m_hasGraphics;
  ctx.messages = &m_lessonMessages;
  ctx.navigate = &m_navigate;
  ctx.highContrast = m_theme == Theme::HighContrast;
  ctx.probe = m_probe;
  return ctx;
}

void App::onKey(const KeyEvent& e) {
  m_settleFrames = 3;
  // Keys typed into a text field belong to the field.
  if (ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput) return;
  switch (e.key) {
    case AppKey::Left: selectLesson((m_current + lessonCount() - 1) % lessonCount()); break;
    case AppKey::Right: selectLesson((m_current + 1) % lessonCount()); break;
    case AppKey::Space: lesson().setPlaying(!lesson().playing()); break;
    case AppKey::R: lesson().reset(); break;
    case AppKey::H: m_presenter = !m_presenter; break;
    case AppKey::F11: m_requests.toggleFullscreen = true; break;
    case AppKey::F12: m_requests.screenshots.push_back({false, 1}); break;
    case AppKey::S:
      if (e.ctrl) m_requests.screenshots.push_back({e.shift, 1});
      break;
  }
}

void App::onFileDrop(const std::string& path) {
  m_settleFrames = 3;
  int target = m_current;
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  if (ext == ".json") {  // a scene (saved from the Scene menu, or a preset)
    loadScene(path);
    return;
  }
  if (!lesson().acceptsFileDrop(path)) {
    const int fit = findLesson("regularized-fit"), axes = findLesson("norm-axes");
    if (ext == ".csv" && fit >= 0 && m_lessons[fit]->acceptsFileDrop(path)) {
      target = fit;
    } else if (ext == ".npy" && axes >= 0 && m_lessons[axes]->acceptsFileDrop(path)) {
      target = axes;
    } else {
      // The file's name only, and what the app does take (said differently when that lesson is already open).
      const std::string name = std::filesystem::path(path).filename().string();
      char buf[700];
      std::snprintf(buf, sizeof buf, tr(m_current == fit ? "msg.drop.notcsv.here" : "msg.drop.notcsv"), name.c_str());
      toast(buf, true, true);
      return;
    }
  }
  selectLesson(target);
  LessonContext ctx = context();
  lesson().onFileDrop(path, ctx);
  for (std::string& m : m_lessonMessages) toast(m, true, true);
  m_lessonMessages.clear();
}

bool App::needsFrames() const { return m_settleFrames > 0 || m_lessons[m_current]->animating(); }

double App::secondsUntilChange() const {
  double next = -1.0;
  for (const Toast& t : m_toasts)
    if (next < 0 || t.until - m_time < next) next = std::max(t.until - m_time, 0.0);
  return next;
}

void App::canvasRect(float& x0, float& y0, float& x1, float& y1) const {
  x0 = m_canvas[0];
  y0 = m_canvas[1];
  x1 = m_canvas[2];
  y1 = m_canvas[3];
}

// [SECTION] Frame and layout

void App::frame(double dt) {
  m_time += dt;
  m_canvasList = nullptr;
  if (m_settleFrames > 0) --m_settleFrames;
  const ImGuiIO& io = ImGui::GetIO();
  if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || ImGui::IsAnyMouseDown() || io.MouseWheel != 0)
    m_settleFrames = std::max(m_settleFrames, 2);

  Lesson& current = lesson();
  // Animations advance at most 0.1 s per frame, so waking from a long sleep does not make them jump.
  if (current.playing()) current.update(std::min(dt, 0.1));

  drawMenuBar();
  const float menuH = ImGui::GetFrameHeight();
  const float W = io.DisplaySize.x, H = io.DisplaySize.y - std::ceil(menuH);
  const float y0 = std::ceil(menuH);
  // Whole pixels throughout: the canvas is cached in a texture that must map 1:1 onto the screen.
  const float line = ImGui::GetTextLineHeightWithSpacing();
  if (m_presenter) {
    // The formula strip: a fifth of the height, at least three and a half lines, and it scrolls.
    const float formulaH = std::floor(std::clamp(H * 0.2f, std::min(3.5f * line, H * 0.3f), H * 0.3f));
    drawCanvas(0, y0, W, H - formulaH);
    drawExplanation(0, y0 + H - formulaH, W, formulaH);
  } else {
    // Below about 1200 logical pixels (a small screen, or a large UI scale) the lesson list folds into a strip
    // with a drawer button and previous/next, giving its room to the canvas; it never disappears.
    // The full list is as wide as its longest title (plus room for a scroll bar), never cut.
    const ImGuiStyle& st = ImGui::GetStyle();
    float titlesW = 0.0f;
    for (int i = 0; i < lessonCount(); ++i) titlesW = std::max(titlesW, ImGui::CalcTextSize(tr(m_lessons[i]->titleKey())).x);
    const float fullW = std::ceil(titlesW + 2.0f * st.WindowPadding.x + st.ScrollbarSize + st.ItemSpacing.x);
    const bool fullList = W / m_scale >= 1200.0f && fullW <= W * 0.2f;
    const float listW = fullList ? fullW : std::floor(ImGui::GetFrameHeight() + 2.0f * st.WindowPadding.x);
    const float ctrlW =
        std::floor(std::clamp(W * 0.28f, std::min(320.0f * m_scale, W * 0.4f), std::min(400.0f * m_scale, W * 0.4f)));
    const float centerW = W - listW - ctrlW;
    // What-this-shows, try-this and the formula below the canvas: a quarter of the height, at least four lines
    // (it scrolls), so a short window or a large scale keeps most of the height for the picture.
    const float explH = std::floor(std::clamp(H * 0.25f, std::min(4.5f * line, H * 0.35f), H * 0.35f));
    if (fullList)
      drawLessonList(0, y0, listW, H);
    else
      drawLessonStrip(0, y0, listW, H);
    drawCanvas(listW, y0, centerW, H - explH);
    drawExplanation(listW, y0 + H - explH, centerW, explH);
    drawControls(listW + centerW, y0, ctrlW, H);
  }
  drawSceneDialog();
  drawToasts();
  for (std::string& m : m_lessonMessages) toast(m, true);
  m_lessonMessages.clear();
  if (!m_navigate.empty()) {
    selectLesson(findLesson(m_navigate));
    m_navigate.clear();
  }
}

static bool beginPanel(const char* name, float x, float y, float w, float h, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(ImVec2(x, y));
  ImGui::SetNextWindowSize(ImVec2(w, h));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground | extra;
  // No background: the frame is cleared to the window colour already, and on a software rasterizer every
  // full-panel fill costs real time.
  return ImGui::Begin(name, nullptr, flags);
}

// [SECTION] Panels

void App::drawMenuBar() {
  if (!ImGui::BeginMainMenuBar()) return;
  drawLessonsMenu();
  drawViewMenu();
  drawSceneMenu();
  drawExportMenu();
  drawHelpMenu();
  ImGui::EndMainMenuBar();
  if (m_showKeys) {
    ImGui::OpenPopup("##keys");
    m_showKeys = false;
  }
  if (ImGui::BeginPopup("##keys")) {
    ImGui::TextUnformatted(tr("keys.text"));
    ImGui::EndPopup();
  }
}

void App::drawLessonsMenu() {
  if (!ImGui::BeginMenu(tr("menu.lessons"))) return;
  LessonGroup last = LessonGroup::Reference;
  bool first = true;
  for (int i = 0; i < lessonCount(); ++i) {
    Lesson& l = *m_lessons[i];
    if (first || l.group() != last) {
      if (!first) ImGui::Separator();
      ImGui::TextDisabled("%s", tr(groupKey(l.group())));
      last = l.group();
      first = false;
    }
    if (ImGui::MenuItem(tr(l.titleKey()), nullptr, i == m_current)) selectLesson(i);
  }
  ImGui::EndMenu();
}

void App::drawViewMenu() {
  if (!ImGui::BeginMenu(tr("menu.view"))) return;
  if (ImGui::BeginMenu(tr("menu.language"))) {
    // One item per catalog, under its own name; one that needs the CJK font only where that font was found.
    for (const TextCatalog& c : m_translator.languages())
      if (ImGui::MenuItem(c.language.c_str(), nullptr, m_lang == c.code, m_cjkAvailable || !c.usesCjkFont()))
        setLang(c.code);
    ImGui::EndMenu();
  }
  ImGui::SetNextItemWidth(160.0f * m_scale);
  ImGui::SliderFloat(tr("menu.scale"), &m_pendingScale, 1.0f, 3.0f, "%.2fx", ImGuiSliderFlags_AlwaysClamp);
  itemTooltip(tr("menu.scale.tip"));
  // Fonts are rebuilt only when the slider is released, not on every pixel of the drag.
  if (ImGui::IsItemDeactivatedAfterEdit()) setScale(m_pendingScale);
  if (ImGui::BeginMenu(tr("menu.theme"))) {
    for (Theme t : {Theme::Light, Theme::Dark, Theme::HighContrast}) {
      std::string key = std::string("theme.") + themeCode(t);
      if (ImGui::MenuItem(tr(key.c_str()), nullptr, m_theme == t)) setTheme(t);
    }
    ImGui::EndMenu();
  }
  if (ImGui::MenuItem(tr("menu.fullscreen"), "F11")) m_requests.toggleFullscreen = true;
  if (ImGui::MenuItem(tr("menu.presenter"), "H", m_presenter)) m_presenter = !m_presenter;
  itemTooltip(tr("menu.presenter.tip"));
  ImGui::EndMenu();
}

void App::drawSceneMenu() {
  if (!ImGui::BeginMenu(tr("menu.scene"))) return;
  const std::string dir = configDir().empty() ? std::string() : configDir() + "/scenes/";
  if (m_browser) {
    // In a browser a scene is a download, and opening one is dropping it on the page.
    if (ImGui::MenuItem(tr("menu.scene.save"))) saveScene(dir + lesson().id() + ".json");
    if (ImGui::MenuItem(tr("menu.open"))) m_requests.pickFile = true;
    itemTooltip(tr("menu.open.tip"));
  } else {
    if (ImGui::MenuItem(tr("menu.scene.save"))) {
      m_sceneDialog = 1;
      std::snprintf(m_scenePath, sizeof m_scenePath, "%s%s.json", dir.c_str(), lesson().id());
    }
    if (ImGui::MenuItem(tr("menu.scene.load"))) {
      m_sceneDialog = 2;
      std::snprintf(m_scenePath, sizeof m_scenePath, "%s%s.json", dir.c_str(), lesson().id());
    }
  }
  if (ImGui::MenuItem(tr("menu.link"))) {
    ImGui::SetClipboardText((m_linkBase + currentLink()).c_str());
    toast(tr("link.copied"));
  }
  itemTooltip(tr("menu.link.tip"));
  ImGui::Separator();
  drawPresetItems();
  ImGui::EndMenu();
}

void App::drawPresetItems() {
  ImGui::TextDisabled("%s", tr("menu.scene.presets"));
  bool any = false;
  for (const Preset& p : m_presets) {
    if (p.lesson != lesson().id()) continue;
    any = true;
    const std::string name = std::filesystem::path(p.path).stem().string();
    if (ImGui::MenuItem(name.c_str())) loadScene(p.path);
    const std::string description = m_translator.has(p.key) ? tr(p.key.c_str()) : p.scene.descriptionIn(m_lang);
    if (!description.empty()) itemTooltip(description.c_str());
  }
  if (!any) ImGui::TextDisabled("%s", tr("menu.scene.none"));
}

void App::drawExportMenu() {
  if (!ImGui::BeginMenu(tr("menu.export"))) return;
  if (ImGui::MenuItem(tr("menu.shot.window"), "F12")) m_requests.screenshots.push_back({false, 1});
  if (ImGui::MenuItem(tr("menu.shot.window2"))) m_requests.screenshots.push_back({false, 2});
  if (ImGui::MenuItem(tr("menu.shot.canvas"), "Ctrl+Shift+S")) m_requests.screenshots.push_back({true, 1});
  if (ImGui::MenuItem(tr("menu.shot.canvas2"))) m_requests.screenshots.push_back({true, 2});
  ImGui::Separator();
  if (ImGui::MenuItem(tr("menu.note"))) m_requests.exportNote = true;
  itemTooltip(tr("menu.note.tip"));
  ImGui::EndMenu();
}

void App::drawHelpMenu() {
  if (!ImGui::BeginMenu(tr("menu.help"))) return;
  if (ImGui::MenuItem(tr("menu.keys"))) m_showKeys = true;
  ImGui::Separator();
  if (ImGui::MenuItem(tr("menu.quit"))) m_requests.quit = true;
  ImGui::EndMenu();
}

void App::drawLessonList(float x, float y, float w, float h) {
  if (beginPanel("##lessons", x, y, w, h)) {
    LessonGroup last = LessonGroup::Reference;
    bool first = true;
    for (int i = 0; i < lessonCount(); ++i) {
      Lesson& l = *m_lessons[i];
      if (first || l.group() != last) {
        if (!first) ImGui::Spacing();
        ImGui::TextDisabled("%s", tr(groupKey(l.group())));
        ImGui::Separator();
        last = l.group();
        first = false;
      }
      ImGui::PushID(i);
      if (ImGui::Selectable(tr(l.titleKey()), i == m_current)) selectLesson(i);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", l.id());
      ImGui::PopID();
    }
  }
  ImGui::End();
}

void App::drawLessonStrip(float x, float y, float w, float h) {
  if (beginPanel("##lessonstrip", x, y, w, h, ImGuiWindowFlags_NoScrollbar)) {
    const float side = ImGui::GetFrameHeight();
    // The drawer: the whole lesson list, grouped, one click away.
    if (ImGui::Button("☰", ImVec2(side, side))) ImGui::OpenPopup("##drawer");
    itemTooltip(tr("panel.lessons"));
    if (ImGui::Button("▲", ImVec2(side, side))) selectLesson((m_current + lessonCount() - 1) % lessonCount());
    itemTooltip(tr("strip.prev"));
    char number[16];
    std::snprintf(number, sizeof number, "%d", m_current + 1);
    const float tw = ImGui::CalcTextSize(number).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, 0.5f * (side - tw)));
    ImGui::TextUnformatted(number);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(lesson().titleKey()));
    if (ImGui::Button("▼", ImVec2(side, side))) selectLesson((m_current + 1) % lessonCount());
    itemTooltip(tr("strip.next"));
    if (ImGui::BeginPopup("##drawer")) {
      LessonGroup last = LessonGroup::Reference;
      bool first = true;
      for (int i = 0; i < lessonCount(); ++i) {
        Lesson& l = *m_lessons[i];
        if (first || l.group() != last) {
          if (!first) ImGui::Spacing();
          ImGui::TextDisabled("%s", tr(groupKey(l.group())));
          ImGui::Separator();
          last = l.group();
          first = false;
        }
        ImGui::PushID(i);
        if (ImGui::Selectable(tr(l.titleKey()), i == m_current)) {
          selectLesson(i);
          ImGui::CloseCurrentPopup();
        }
        ImGui::PopID();
      }
      ImGui::EndPopup();
    }
  }
  ImGui::End();
}

void App::restoreDefaults() {
  const std::unique_ptr<Lesson> fresh = lessonCatalog()[static_cast<std::size_t>(m_current)].make();
  std::vector<std::string> warnings, errors;
  lesson().setParams(fresh->params(), warnings, errors);
  for (const std::string& e : errors) toast(e, true);  // a lesson refusing its own defaults is a bug: say so
  lesson().reset();
}

void App::drawControls(float x, float y, float w, float h) {
  if (beginPanel("##controls", x, y, w, h)) {
    Lesson& l = lesson();
    if (m_fonts.heading) ImGui::PushFont(m_fonts.heading);
    wrappedText(tr(l.headingKey()));
    if (m_fonts.heading) ImGui::PopFont();
    const bool restart = l.resetKeepsSettings();
    if (button(tr(restart ? "button.restart" : "button.reset"))) l.reset();
    itemTooltip(tr(restart ? "button.restart.tip" : "button.reset.tip"));
    if (restart) {
      if (fitsOnThisLine(tr("button.defaults"))) ImGui::SameLine();
      if (button(tr("button.defaults"))) restoreDefaults();
      itemTooltip(tr("button.defaults.tip"));
    }
    if (l.canPlay()) {
      const char* label = l.playing() ? tr("button.pause") : tr("button.play");
      if (fitsOnThisLine(label)) ImGui::SameLine();
      if (button(label)) l.setPlaying(!l.playing());
    }
    ImGui::Separator();
    LessonContext ctx = context();
    ImGui::PushID(l.id());
    // Half the width for the widget, half for its label, so translated labels are not clipped.
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    l.drawControls(ctx);
    ImGui::PopItemWidth();
    ImGui::PopID();
  }
  ImGui::End();
}

void App::drawCanvas(float x, float y, float w, float h) {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6 * m_scale, 6 * m_scale));
  // The canvas is laid out to fit: it never scrolls (the mouse wheel belongs to the lesson's plots).
  if (beginPanel("##canvas", x, y, w, h, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
    ImGui::PopStyleVar();
    m_canvasList = ImGui::GetWindowDrawList();
    m_canvas[0] = x;
    m_canvas[1] = y;
    m_canvas[2] = x + w;
    m_canvas[3] = y + h;
    LessonContext ctx = context();
    ImGui::PushID(lesson().id());
    lesson().drawCanvas(ctx);
    ImGui::PopID();
  } else {
    ImGui::PopStyleVar();
  }
  ImGui::End();
}

void App::drawExplanation(float x, float y, float w, float h) {
  if (beginPanel("##explanation", x, y, w, h)) {
    Lesson& l = lesson();
    LessonContext ctx = context();
    const ImGuiStyle& st = ImGui::GetStyle();
    auto whatAndTry = [&](bool heading) {
      if (heading) wrappedTextDisabled(tr("panel.what"));
      wrappedText(tr(l.whatKey()));
      ImGui::Spacing();
      wrappedTextDisabled(tr("panel.try"));
      wrappedText(tr(l.tryKey()));
    };
    auto formula = [&](bool heading) {
      if (heading) ImGui::TextDisabled("%s", tr("panel.formula"));
      const std::string latex = l.formulaLatex();
      if (!latex.empty()) {
        // Beside the heading when it fits, else below it.
        const float buttonW = ImGui::CalcTextSize(tr("button.copylatex")).x + 2 * st.FramePadding.x;
        if (heading &&
            ImGui::CalcTextSize(tr("panel.formula")).x + st.ItemSpacing.x + buttonW <= ImGui::GetContentRegionAvail().x)
          ImGui::SameLine();
        if (ImGui::Button(tr("button.copylatex"))) {
          ImGui::SetClipboardText(latex.c_str());
          toast(tr("msg.copied"));
        }
        itemTooltip(tr("button.copylatex.tip"));
      }
      ImGui::PushID(l.id());
      l.drawFormula(ctx);
      ImGui::PopID();
    };
    if (m_presenter) {
      l.drawFormula(ctx);
    } else if (ImGui::GetContentRegionAvail().x < 32.0f * ImGui::GetFontSize()) {
      // Too narrow for two readable columns (a long word would not fit in one): the two behind tabs, full width.
      if (ImGui::BeginTabBar("##explTabs")) {
        if (ImGui::BeginTabItem(tr("panel.what"))) {
          ImGui::BeginChild("##whattry", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
          whatAndTry(false);
          ImGui::EndChild();
          ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(tr("panel.formula"))) {
          ImGui::BeginChild("##formula", ImVec2(0, 0), false,
                            ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoBackground);
          formula(false);
          ImGui::EndChild();
          ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
      }
    } else if (const float childH = ImGui::GetContentRegionAvail().y - st.CellPadding.y * 2;
               ImGui::BeginTable("##expl", 2, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn("a", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("b", ImGuiTableColumnFlags_WidthStretch, 1.1f);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::BeginChild("##whattry", ImVec2(0, childH), false, ImGuiWindowFlags_NoBackground);
      whatAndTry(true);
      ImGui::EndChild();
      ImGui::TableNextColumn();
      ImGui::BeginChild("##formula", ImVec2(0, childH), false,
                        ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoBackground);
      formula(true);
      ImGui::EndChild();
      ImGui::EndTable();
    }
  }
  ImGui::End();
}

// [SECTION] Scenes and messages

void App::toast(const std::string& text, bool error, bool aboutFile) {
  // A new message about a dropped file replaces the last one: they do not pile up.
  if (aboutFile)
    m_toasts.erase(std::remove_if(m_toasts.begin(), m_toasts.end(), [](const Toast& t) { return t.aboutFile; }),
                   m_toasts.end());
  m_toasts.push_back({text, m_time + (error ? 8.0 : 4.0), error, aboutFile});
  // At most kMaxToasts on screen (the newest; the log keeps every one): a flood of messages must not cost frames.
  if (m_toasts.size() > kMaxToasts) m_toasts.erase(m_toasts.begin(), m_toasts.end() - kMaxToasts);
  if (m_log.size() >= kMaxLog) m_log.erase(m_log.begin(), m_log.begin() + kMaxLog / 2);
  m_log.push_back(text);
  m_settleFrames = std::max(m_settleFrames, 2);
}

void App::drawToasts() {
  m_toasts.erase(std::remove_if(m_toasts.begin(), m_toasts.end(), [&](const Toast& t) { return t.until <= m_time; }),
                 m_toasts.end());
  if (m_toasts.empty() || m_toastsHidden) return;
  const ImGuiIO& io = ImGui::GetIO();
  const float pad = 12.0f * m_scale;
  // Bottom right, over the lower part of the controls column (not over the formula); in presenter mode, where the
  // formula spans the window, at the top right of the picture.
  if (m_presenter)
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - pad, ImGui::GetFrameHeight() + pad), ImGuiCond_Always, ImVec2(1, 0));
  else
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - pad, io.DisplaySize.y - pad), ImGuiCond_Always, ImVec2(1, 1));
  ImGui::SetNextWindowBgAlpha(0.92f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                 ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
  if (ImGui::Begin("##toasts", nullptr, flags)) {
    for (const Toast& t : m_toasts) {
      if (t.error) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
      wrappedText(t.text.c_str(), io.DisplaySize.x * 0.45f);
      if (t.error) ImGui::PopStyleColor();
    }
  }
  ImGui::End();
}

std::string App::noteMarkdown(const std::string& imageName) const {
  const Lesson& l = *m_lessons[m_current];
  std::string md = std::string("# ") + tr(l.titleKey()) + "\n\n" + tr(l.headingKey()) + "\n\n";
  md += "![" + std::string(tr(l.titleKey())) + "](" + imageName + ")\n\n";
  const std::string latex = l.formulaLatex();
  if (!latex.empty()) md += "$$\n" + latex + "\n$$\n\n";
  md += std::string("| ") + tr("note.param") + " | " + tr("note.value") + " |\n|---|---|\n";
  for (const NoteParamRow& row : noteParamRows(l, m_translator, m_lang)) md += "| " + row.label + " | " + row.value + " |\n";
  char footer[256];
  std::snprintf(footer, sizeof footer, tr("note.footer"), l.id());
  md += std::string("\n") + footer + "\n";
  return md;
}

std::string App::currentSceneJson() const {
  Scene s;
  s.lesson = m_lessons[m_current]->id();
  s.lang = m_lang;
  s.scale = m_scale;
  s.params = m_lessons[m_current]->params();
  return sceneToJson(s);
}

bool App::saveScene(const std::string& path) {
  try {
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!folder.empty()) std::filesystem::create_directories(folder, ec);
    core::writeFileAtomic(path, currentSceneJson());
  } catch (const core::FileError& e) {
    toast(e.what(), true);
    return false;
  }
  char buf[600];
  if (fileWritten(path, FileUse::Scene))
    std::snprintf(buf, sizeof buf, tr("scene.downloaded"), std::filesystem::path(path).filename().string().c_str());
  else
    std::snprintf(buf, sizeof buf, tr("scene.saved"), path.c_str());
  toast(buf);
  return true;
}

bool App::loadScene(const std::string& path) {
  std::string text;
  try {
    text = core::readFile(path, kMaxSceneBytes);
  } catch (const core::FileError& e) {
    toast(e.what(), true);
    return false;
  }
  // Messages name the file only (as for data files); the path may be a temporary one (a file dropped on the page).
  const std::string name = std::filesystem::path(path).filename().string();
  SceneParse p = parseScene(text, name);
  for (const std::string& w : p.warnings) toast(w, true);
  if (!p.ok) {
    toast(p.error, true);
    return false;
  }
  const int idx = findLesson(p.scene.lesson);
  std::vector<std::string> warnings, errors;
  m_lessons[idx]->setParams(p.scene.params, warnings, errors);
  for (const std::string& w : warnings) toast(name + ": " + w, true);
  if (!errors.empty()) {
    toast(name + ": " + errors.front() + "; keeping the lesson's defaults", true);
    return false;
  }
  selectLesson(idx);
  setLang(p.scene.lang);
  setScale(p.scene.scale);
  char buf[600];
  std::snprintf(buf, sizeof buf, tr("scene.loaded"), name.c_str());
  toast(buf);
  return true;
}

bool App::openLink(const std::string& urlOrFragment) {
  const ShareLinkParse p = parseShareLink(urlOrFragment);
  char buf[900];
  if (!p.ok) {
    std::snprintf(buf, sizeof buf, tr("link.bad"), p.error.c_str());
    toast(buf, true);
    return false;
  }
  const int idx = findLesson(p.link.lesson);
  if (idx < 0) {
    std::snprintf(buf, sizeof buf, tr("link.nolesson"), p.link.lesson.c_str());
    toast(buf, true);
    return false;
  }
  std::vector<std::string> ignored = p.ignored;
  // The lesson's defaults, then the link's values: all at once, or, when some are refused, one by one so that the
  // good ones still count (an older or hand-edited link).
  Lesson& l = *m_lessons[static_cast<std::size_t>(idx)];
  const std::unique_ptr<Lesson> fresh = lessonCatalog()[static_cast<std::size_t>(idx)].make();
  std::vector<std::string> warnings, errors;
  l.setParams(fresh->params(), warnings, errors);
  warnings.clear();
  errors.clear();
  l.setParams(p.link.params, warnings, errors);
  if (!errors.empty()) {
    warnings.clear();
    for (const auto& [key, value] : p.link.params.items()) {
      std::vector<std::string> w, e;
      l.setParams(nlohmann::json{{key, value}}, w, e);
      for (const std::string& m : e) ignored.push_back(m);
      for (const std::string& m : w) warnings.push_back(m);
    }
  }
  for (const std::string& w : warnings) ignored.push_back(w);
  selectLesson(idx);
  if (p.link.lang) setLang(*p.link.lang);
  if (p.link.scale) setScale(*p.link.scale);
  if (p.link.theme) setTheme(*p.link.theme);
  if (!ignored.empty()) {
    std::string list;
    for (const std::string& s : ignored) list += (list.empty() ? "" : "; ") + s;
    std::snprintf(buf, sizeof buf, tr("link.ignored"), list.c_str());
    toast(buf, true);
  }
  return true;
}

std::string App::currentLink() const {
  ShareLink link;
  link.lesson = m_lessons[m_current]->id();
  link.params = m_lessons[m_current]->params();
  link.lang = m_lang;
  return encodeShareLink(link);
}

void App::drawSceneDialog() {
  if (m_sceneDialog == 0) return;
  const char* title = m_sceneDialog == 1 ? tr("menu.scene.save") : tr("menu.scene.load");
  ImGui::OpenPopup("##scene");
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("##scene", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted(title);
    ImGui::SetNextItemWidth(520.0f * m_scale);
    const bool enter =
        ImGui::InputText(tr("scene.path"), m_scenePath, sizeof m_scenePath, ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::Button(m_sceneDialog == 1 ? tr("button.save") : tr("button.load")) || enter) {
      if (m_sceneDialog == 1)
        saveScene(m_scenePath);
      else
        loadScene(m_scenePath);
      m_sceneDialog = 0;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("button.cancel"))) {
      m_sceneDialog = 0;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace nr::app
