#pragma once
// The web edition's window on the browser (platform/web_browser.cpp, compiled only with emscripten): the page's
// address and its fragment (share links, back/forward), the clipboard, downloads, storage that survives a reload,
// the browser's language and the size of the page. Nothing here is called by the desktop edition.

#include <string>

namespace nr::app::browser {

/// The address of the page without its fragment ("https://host/nrlab/index.html"): what Copy link puts first.
std::string pageAddress();
/// The current fragment, with its '#', or empty.
std::string fragment();
/// Puts a fragment in the address bar as a new history entry (back returns to the previous one), without
/// reloading and without a hashchange of our own.
void pushFragment(const std::string& fragment);
/// True once per change of the fragment made outside the app (back/forward, an edited address, a pasted link).
bool takeFragmentChange(std::string& fragment);

/// Copies text to the system clipboard (the browser allows it shortly after a click or key press).
void copyText(const char* text);
/// The text of the last paste into the page (Ctrl+V), for ImGui's text fields.
const char* pastedText();

/// Offers a file of the in-memory file system to the user as a download named `name`.
void download(const std::string& path, const std::string& name, const std::string& mimeType);

/// Files kept in the browser's storage across visits: restore() copies each saved path back into the in-memory
/// file system (call before reading settings); keep() saves a file after it was written.
void restoreKeptFiles();
void keepFile(const std::string& path);

/// The browser's preferred language code ("zh-CN", "en-US", ...).
std::string language();
/// The page's size in CSS pixels and the device pixel ratio.
void pageSize(int& width, int& height, double& pixelRatio);
/// Sets the canvas' pixel size (GLFW's window follows). Not glfwSetWindowSize: emscripten's GLFW takes a size
/// equal to the screen's as a request for fullscreen, which a browser refuses without a click.
void setCanvasSize(int width, int height);
/// Fullscreen for the page, or back.
void toggleFullscreen();

/// Opens the browser's file chooser (after a click: browsers allow it then); a chosen file is copied into the
/// in-memory file system and its path returned by takePickedFile() on a later frame.
void pickFile(const char* accept);
bool takePickedFile(std::string& path);

/// The mouse cursor over the page, as ImGui wants it (a CSS cursor name: "default", "text", "ew-resize", ...).
void setCursor(const char* cssName);

/// Counts a frame shown (Module.nrFrames: the page and its test wait for the first).
void frameShown();

}  // namespace nr::app::browser
