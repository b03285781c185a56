#pragma once
// The application shell: owns the lessons and the UI state, and draws one frame of the whole window with ImGui.
// It never calls GL or GLFW: what needs them (font texture upload, fullscreen, screenshots) is asked for through
// Requests and carried out by gui_main.cpp, which also lets the UI tests drive the App without any renderer.

#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "lessons/lesson.h"
#include "kit/fonts.h"
#include "kit/i18n.h"
#include "shell/scene.h"
#include "kit/theme.h"

namespace nr::app {

struct LayoutProbe;

struct AppOptions {
  Lang lang = kEnglish;
  float scale = 1.0f;
  Theme theme = Theme::Light;
  std::string lesson;       ///< empty: the last one used (settings), else the first
  bool persistent = true;   ///< read and write settings.json (off in tests and headless runs)
  bool hasGraphics = true;  ///< false in renderer-less tests
  bool presenter = false;   ///< start in presenter mode (only the picture and the formula)
  /// Given on the command line: these win over the saved settings (so `--scale 1` undoes a saved 2).
  bool langGiven = false, scaleGiven = false, themeGiven = false;
  /// The web edition: scenes are downloaded and opened by dropping them on the page, not typed as paths.
  bool browser = false;
};

/// What a file the app wrote is for: the frame loop hands it on (the web edition keeps settings in the browser's
/// storage and offers the others as downloads).
enum class FileUse { Settings, Scene, Picture, Note };

enum class AppKey { Left, Right, Space, R, H, S, F11, F12 };

struct KeyEvent {
  AppKey key;
  bool ctrl = false, shift = false;
};

struct ScreenshotRequest {
  bool canvasOnly = false;
  int factor = 1;  ///< 1 or 2: rendered offscreen at that resolution, not upscaled
};

/// What the shell asks of the platform and GL layers after a frame.
struct Requests {
  bool rebuildFonts = false;  ///< scale or language changed
  bool toggleFullscreen = false;
  bool quit = false;
  std::vector<ScreenshotRequest> screenshots;
  bool exportNote = false;  ///< the picture as PNG plus a Markdown note, into the screenshot folder
  bool pickFile = false;    ///< web: the browser's file chooser (a CSV, .npy or scene to open as if dropped)
};

/// The window size saved by the last session (settings.json), if any: the first launch has none and opens maximized.
bool savedWindowSize(int& w, int& h);

class App {
 public:
  explicit App(const AppOptions& options);
  ~App();

  /// Draws the whole window. Call between ImGui::NewFrame() and ImGui::Render().
  void frame(double dt);
  void onKey(const KeyEvent& e);
  /// A file dropped on the window: to the current lesson if it takes it; a .csv that it does not take opens the
  /// lesson that fits tables (regularized-fit); anything else gets a message.
  void onFileDrop(const std::string& path);
  /// True while something animates or a message is fading: the main loop keeps rendering. Otherwise it may wait
  /// for events.
  bool needsFrames() const;
  /// Seconds until something on screen changes by itself (a message expires), or a negative number if nothing
  /// will: the main loop sleeps that long at most.
  double secondsUntilChange() const;

  Requests& requests() { return m_requests; }
  void setFonts(const FontSet& fonts) { m_fonts = fonts; }
  const Translator& translator() const { return m_translator; }
  /// Every lesson heading in every language (the glyphs of the heading font).
  std::string headingText() const;

  Lang lang() const { return m_lang; }
  void setLang(Lang lang);
  float scale() const { return m_scale; }
  void setScale(float scale);
  /// For offscreen renders at 2x: lays out at `scale` (beyond 3 too) without saving it; call again to restore.
  void setScaleTemporarily(float scale);
  Theme theme() const { return m_theme; }
  void setTheme(Theme theme);
  /// The window size a later launch reopens at (saved with the settings); 0 × 0: none (it opens maximized).
  void setWindowSize(int w, int h) {
    m_windowW = w, m_windowH = h;
    saveSettings();
  }
  /// The layout check: every lesson's widgets record their panels, legends and sliders here (nullptr: off).
  void setProbe(LayoutProbe* probe) { m_probe = probe; }
  bool presenter() const { return m_presenter; }
  void setPresenter(bool on) { m_presenter = on; }

  int lessonCount() const { return static_cast<int>(m_lessons.size()); }
  int lessonIndex() const { return m_current; }
  Lesson& lesson() { return *m_lessons[m_current]; }
  Lesson& lessonAt(int i) { return *m_lessons[i]; }
  void selectLesson(int index);
  /// Every parameter of the current lesson back to its default (those of a freshly made lesson), then reset().
  void restoreDefaults();

  /// Loads a scene file; on failure shows the message, keeps the current state, and returns false.
  bool loadScene(const std::string& path);
  bool saveScene(const std::string& path);
  /// The scene of the current state.
  std::string currentSceneJson() const;
  /// Opens a share link (shell/share_link.h): the lesson with its defaults, then the link's values; values that do
  /// not fit are ignored and named in one message. Returns false (and says why) when no lesson can be opened.
  bool openLink(const std::string& urlOrFragment);
  /// The share link of the current state: lesson, parameters and language, as a fragment ("#lesson=...").
  std::string currentLink() const;
  /// What "Copy link" puts before the fragment: the web page's address (empty on the desktop).
  void setLinkBase(const std::string& base) { m_linkBase = base; }
  /// Called after the app wrote a file; returns true when it was handed to the user as a download (the message
  /// then names the download instead of a path).
  using FileWritten = std::function<bool(const std::string& path, FileUse use)>;
  void setFileWritten(FileWritten hook) { m_fileWritten = std::move(hook); }
  /// Hands a written file on (see setFileWritten); false when nobody took it.
  bool fileWritten(const std::string& path, FileUse use) const { return m_fileWritten && m_fileWritten(path, use); }

  /// The Markdown note of the current state: title, the image `imageName`, the formula as LaTeX between $$, and a
  /// table of the parameters, in the UI language.
  std::string noteMarkdown(const std::string& imageName) const;

  /// A message in the corner for a few seconds (errors stay longer). A message about a dropped file replaces the
  /// previous one of its kind.
  void toast(const std::string& text, bool error = false, bool aboutFile = false);
  /// Removes the messages on screen (headless renders of a scene given on the command line).
  void clearToasts() { m_toasts.clear(); }
  std::size_t toastCount() const { return m_toasts.size(); }
  /// Screenshots and notes are rendered without the messages in the corner (they stay on screen).
  void setToastsHidden(bool hidden) { m_toastsHidden = hidden; }
  const std::vector<std::string>& log() const { return m_log; }
  /// Where the canvas was drawn in the last frame (in ImGui display coordinates).
  void canvasRect(float& x0, float& y0, float& x1, float& y1) const;
  /// The canvas window's draw list of the last frame (nullptr if none was drawn), so the frame loop can cache it.
  ImDrawList* canvasDrawList() const { return m_canvasList; }
  const char* tr(const char* key) const { return m_translator.get(key, m_lang); }
  /// Whether the CJK font was found. Without it, a language whose catalog needs it (Chinese) is not offered, and the
  /// UI stays in English when it was asked for.
  void setCjkAvailable(bool available, const std::string& message);

 private:
  /// Every lesson's formulaLatex() in the UI language (Lesson::setTextLanguage).
  void syncTextLanguage();
  void drawMenuBar();
  /// The menus of the main menu bar, each drawn only while open.
  void drawLessonsMenu();
  void drawViewMenu();
  void drawSceneMenu();
  void drawPresetItems();  ///< the Scene menu's presets for the current lesson
  void drawExportMenu();
  void drawHelpMenu();
  void drawLessonList(float x, float y, float w, float h);
  void drawLessonStrip(float x, float y, float w, float h);
  void drawControls(float x, float y, float w, float h);
  void drawCanvas(float x, float y, float w, float h);
  void drawExplanation(float x, float y, float w, float h);
  void drawToasts();
  void drawSceneDialog();
  void saveSettings() const;
  /// Whether `lang` needs the CJK font and it was not found.
  bool needsMissingFont(const Lang& lang) const;
  void loadSettings(AppOptions& options);
  LessonContext context();

  Translator m_translator;
  std::vector<std::unique_ptr<Lesson>> m_lessons;
  int m_current = 0;
  Lang m_lang = kEnglish;
  float m_scale = 1.0f;
  float m_pendingScale = 1.0f;
  Theme m_theme = Theme::Light;
  bool m_presenter = false;
  LayoutProbe* m_probe = nullptr;
  int m_windowW = 0, m_windowH = 0;
  bool m_persistent = true;
  bool m_hasGraphics = true;
  bool m_cjkAvailable = true;
  FontSet m_fonts;
  Requests m_requests;
  double m_time = 0.0;
  int m_settleFrames = 3;  ///< ImGui needs a few frames after an input to settle hover and layout
  struct Toast {
    std::string text;
    double until;
    bool error;
    bool aboutFile = false;
  };
  static constexpr std::size_t kMaxToasts = 6;   ///< messages on screen at once (the newest)
  static constexpr std::size_t kMaxLog = 10000;  ///< messages kept for log() (the newest half survives a trim)
  std::vector<Toast> m_toasts;
  bool m_toastsHidden = false;
  std::vector<std::string> m_log;
  std::vector<std::string> m_lessonMessages;
  std::string m_navigate;  ///< a lesson asked to open another one
  float m_canvas[4] = {0, 0, 0, 0};
  ImDrawList* m_canvasList = nullptr;
  // Scene dialog
  int m_sceneDialog = 0;  // 0 none, 1 save, 2 load
  char m_scenePath[512] = {0};
  std::string m_linkBase;
  FileWritten m_fileWritten;
  bool m_browser = false;
  bool m_showKeys = false;
  struct Preset {
    std::string path, lesson;
    std::string key;  ///< its description in the catalogs: "<lesson>.preset.<name>"
    Scene scene;      ///< for a preset of no catalog's: its own "description" (and "description_<code>")
  };
  std::vector<Preset> m_presets;  ///< assets/scenes/*.json, read once at start-up
  void findPresets();
};

}  // namespace nr::app
