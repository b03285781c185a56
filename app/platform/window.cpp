#include "platform/window.h"

#include <GLFW/glfw3.h>
#include <imgui_impl_glfw.h>

#ifdef __EMSCRIPTEN__
#include "platform/browser.h"
#endif

namespace nr::app {

namespace {
std::string g_glfwError;  // GLFW reports errors through a C callback without a user pointer
void onGlfwError(int, const char* description) { g_glfwError = description ? description : "unknown error"; }
}  // namespace

Window::~Window() {
  shutdownImGuiBackend();
  if (m_window) glfwDestroyWindow(m_window);
  glfwTerminate();
}

bool Window::open(const WindowConfig& config, std::string& error) {
  glfwSetErrorCallback(onGlfwError);
  if (!glfwInit()) {
    error = "cannot open a window (" + g_glfwError +
            "); the GUI needs a display — run it on a desktop, or headless under xvfb-run -a";
    return false;
  }
#ifdef __EMSCRIPTEN__
  // The browser: OpenGL ES 3.0, i.e. WebGL 2, in the page's canvas.
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
#else
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
#endif
  glfwWindowHint(GLFW_VISIBLE, config.visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_MAXIMIZED, config.maximized ? GLFW_TRUE : GLFW_FALSE);
  m_window = glfwCreateWindow(config.width, config.height, config.title.c_str(), nullptr, nullptr);
  if (!m_window) {
#ifdef __EMSCRIPTEN__
    error = "this browser cannot draw with WebGL 2; try a current Chrome, Edge, Firefox or Safari";
#else
    error = "cannot create an OpenGL 3.3 core window (" + g_glfwError + "); check the graphics driver (Mesa)";
#endif
    return false;
  }
  glfwMakeContextCurrent(m_window);
#ifndef __EMSCRIPTEN__  // the browser paces frames itself and has no window size limits
  glfwSetWindowSizeLimits(m_window, 640, 400, GLFW_DONT_CARE, GLFW_DONT_CARE);
  glfwSwapInterval(config.vsync ? 1 : 0);
#endif
  glfwSetWindowUserPointer(m_window, this);
  glfwSetKeyCallback(m_window, keyCallback);
  glfwSetDropCallback(m_window, dropCallback);
  // Input and resizes mark activity (the ImGui backend, installed later, chains to these).
  glfwSetCursorPosCallback(m_window, [](GLFWwindow* w, double, double) { noteActivity(w); });
  glfwSetMouseButtonCallback(m_window, [](GLFWwindow* w, int, int, int) { noteActivity(w); });
  glfwSetScrollCallback(m_window, [](GLFWwindow* w, double, double) { noteActivity(w); });
  glfwSetCharCallback(m_window, [](GLFWwindow* w, unsigned) { noteActivity(w); });
  glfwSetWindowSizeCallback(m_window, [](GLFWwindow* w, int, int) { noteActivity(w); });
  return true;
}

void Window::noteActivity(GLFWwindow* w) {
  if (auto* self = static_cast<Window*>(glfwGetWindowUserPointer(w))) self->m_activity = true;
}

bool Window::takeActivity() {
  const bool a = m_activity;
  m_activity = false;
  return a;
}

void Window::setSize(int width, int height) {
  noteActivity(m_window);
#ifdef __EMSCRIPTEN__
  browser::setCanvasSize(width, height);
#else
  glfwSetWindowSize(m_window, width, height);
#endif
}

void Window::initImGuiBackend() {
  ImGui_ImplGlfw_InitForOpenGL(m_window, true);
  m_imgui = true;
}

void Window::newImGuiFrame() { ImGui_ImplGlfw_NewFrame(); }

void Window::shutdownImGuiBackend() {
  if (m_imgui) ImGui_ImplGlfw_Shutdown();
  m_imgui = false;
}

bool Window::shouldClose() const { return glfwWindowShouldClose(m_window); }
void Window::requestClose() { glfwSetWindowShouldClose(m_window, GLFW_TRUE); }
void Window::poll() { glfwPollEvents(); }
void Window::wait(double timeoutSeconds) {
  if (timeoutSeconds > 0)
    glfwWaitEventsTimeout(timeoutSeconds);
  else
    glfwWaitEvents();
}
void Window::swap() { glfwSwapBuffers(m_window); }
double Window::time() const { return glfwGetTime(); }
void Window::framebufferSize(int& w, int& h) const { glfwGetFramebufferSize(m_window, &w, &h); }

bool Window::restorableSize(int& w, int& h) const {
  if (m_fullscreen || glfwGetWindowAttrib(m_window, GLFW_MAXIMIZED)) return false;
  glfwGetWindowSize(m_window, &w, &h);
  return w > 0 && h > 0;
}

void Window::toggleFullscreen() {
#ifdef __EMSCRIPTEN__
  browser::toggleFullscreen();
  return;
#endif
  if (!m_fullscreen) {
    glfwGetWindowPos(m_window, &m_windowed[0], &m_windowed[1]);
    glfwGetWindowSize(m_window, &m_windowed[2], &m_windowed[3]);
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (!mode) return;
    glfwSetWindowMonitor(m_window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  } else {
    glfwSetWindowMonitor(m_window, nullptr, m_windowed[0], m_windowed[1], m_windowed[2], m_windowed[3], 0);
  }
  m_fullscreen = !m_fullscreen;
}

void Window::keyCallback(GLFWwindow* w, int key, int, int action, int mods) {
  noteActivity(w);
  if (action != GLFW_PRESS) return;
  auto* self = static_cast<Window*>(glfwGetWindowUserPointer(w));
  AppKey k;
  switch (key) {
    case GLFW_KEY_LEFT: k = AppKey::Left; break;
    case GLFW_KEY_RIGHT: k = AppKey::Right; break;
    case GLFW_KEY_SPACE: k = AppKey::Space; break;
    case GLFW_KEY_R: k = AppKey::R; break;
    case GLFW_KEY_H: k = AppKey::H; break;
    case GLFW_KEY_S: k = AppKey::S; break;
    case GLFW_KEY_F11: k = AppKey::F11; break;
    case GLFW_KEY_F12: k = AppKey::F12; break;
    default: return;
  }
  // Plain letters and arrows only without Ctrl/Alt, except Ctrl(+Shift)+S.
  const bool ctrl = mods & GLFW_MOD_CONTROL, shift = mods & GLFW_MOD_SHIFT, alt = mods & GLFW_MOD_ALT;
  if (alt) return;
  if (ctrl && k != AppKey::S) return;
  if (k == AppKey::S && !ctrl) return;
  self->m_keys.push_back({k, ctrl, shift});
}

void Window::dropCallback(GLFWwindow* w, int count, const char** paths) {
  noteActivity(w);
  auto* self = static_cast<Window*>(glfwGetWindowUserPointer(w));
  for (int i = 0; i < count; ++i) self->m_drops.emplace_back(paths[i]);
}

std::vector<KeyEvent> Window::takeKeys() {
  std::vector<KeyEvent> k;
  k.swap(m_keys);
  return k;
}

std::vector<std::string> Window::takeDrops() {
  std::vector<std::string> d;
  d.swap(m_drops);
  return d;
}

}  // namespace nr::app
