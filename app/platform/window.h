#pragma once
// The only code that talks to GLFW: the window, its OpenGL 3.3 core context, events, fullscreen, and the ImGui
// GLFW backend. Key presses are translated to the shell's own AppKey so the rest of the app never sees GLFW.

#include <string>
#include <vector>

#include "shell/app.h"

struct GLFWwindow;

namespace nr::app {

struct WindowConfig {
  int width = 1600, height = 900;
  bool maximized = false;  ///< fill the screen's work area (a first launch: no size given or saved)
  bool visible = true;
  bool vsync = true;
  std::string title = "NR Lab";
};

class Window {
 public:
  Window() = default;
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;
  ~Window();

  /// Creates the window and makes its context current. On failure returns false with a message that says what
  /// to do (e.g. no display: run under xvfb-run).
  bool open(const WindowConfig& config, std::string& error);
  /// Installs the ImGui GLFW backend (after our own callbacks, which it chains to).
  void initImGuiBackend();
  void newImGuiFrame();
  void shutdownImGuiBackend();

  bool shouldClose() const;
  void requestClose();
  void poll();
  /// Sleeps until an event arrives (or the timeout passes, if positive).
  void wait(double timeoutSeconds);
  void swap();
  void toggleFullscreen();
  void framebufferSize(int& w, int& h) const;
  /// The window's size in screen coordinates when it is neither fullscreen nor maximized (false otherwise): what a
  /// later launch reopens at.
  bool restorableSize(int& w, int& h) const;
  double time() const;

  std::vector<KeyEvent> takeKeys();
  std::vector<std::string> takeDrops();
  /// True once after any input or resize since the last call (the web edition skips frames when nothing happened).
  bool takeActivity();
  /// Resizes the window (the web edition's canvas follows the page).
  void setSize(int width, int height);

 private:
  static void keyCallback(GLFWwindow* w, int key, int scancode, int action, int mods);
  static void dropCallback(GLFWwindow* w, int count, const char** paths);
  static void noteActivity(GLFWwindow* w);

  GLFWwindow* m_window = nullptr;
  bool m_imgui = false;
  bool m_fullscreen = false;
  int m_windowed[4] = {0, 0, 1600, 900};
  std::vector<KeyEvent> m_keys;
  std::vector<std::string> m_drops;
  bool m_activity = true;
};

}  // namespace nr::app
