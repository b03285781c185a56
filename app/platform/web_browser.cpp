// The browser side of the web edition: small JavaScript functions (EM_JS) behind platform/browser.h.
#include "platform/browser.h"

#include <emscripten.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "nr/file_io.h"

namespace nr::app::browser {

namespace {

/// Takes a string malloc'ed by JavaScript.
std::string take(char* s) {
  std::string out = s ? s : "";
  std::free(s);
  return out;
}

std::string g_pasted;
std::vector<std::string> g_picked;

}  // namespace

EM_JS(char*, nr_js_page_address, (), {
  return allocateUTF8(location.origin + location.pathname + location.search);
});
EM_JS(char*, nr_js_fragment, (), { return allocateUTF8(location.hash || ""); });
EM_JS(void, nr_js_push_fragment, (const char* f), {
  const text = UTF8ToString(f);
  if (location.hash !== text) history.pushState(null, "", text);
});
EM_JS(char*, nr_js_take_fragment_change, (), {
  if (!Module.nrFragmentWatch) {
    Module.nrFragmentWatch = true;
    Module.nrFragmentChanged = null;
    const changed = () => { Module.nrFragmentChanged = location.hash || "#"; };
    window.addEventListener("hashchange", changed);
    window.addEventListener("popstate", changed);
  }
  const f = Module.nrFragmentChanged;
  Module.nrFragmentChanged = null;
  return f === null ? 0 : allocateUTF8(f);
});

EM_JS(void, nr_js_copy_text, (const char* t), {
  const text = UTF8ToString(t);
  Module.nrLastCopied = text;
  if (navigator.clipboard && navigator.clipboard.writeText)
    navigator.clipboard.writeText(text).catch((e) => console.warn("clipboard: " + e));
});
EM_JS(void, nr_js_watch_paste, (), {
  document.addEventListener("paste", (e) => {
    const text = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
    Module.ccall("nr_set_pasted", null, ["string"], [text]);
  });
});

EM_JS(void, nr_js_download, (const char* path, const char* name, const char* mime), {
  const data = FS.readFile(UTF8ToString(path));
  const blob = new Blob([data], {type: UTF8ToString(mime)});
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});

EM_JS(void, nr_js_restore_kept, (), {
  try {
    const index = JSON.parse(localStorage.getItem("nrlab:files") || "[]");
    for (const path of index) {
      const text = localStorage.getItem("nrlab:file:" + path);
      if (text === null) continue;
      const dir = path.substring(0, path.lastIndexOf("/"));
      if (dir) FS.mkdirTree(dir);
      FS.writeFile(path, text);
    }
  } catch (e) {
    console.warn("stored settings could not be read: " + e);
  }
});
EM_JS(void, nr_js_keep_file, (const char* p), {
  const path = UTF8ToString(p);
  try {
    const text = FS.readFile(path, {encoding: "utf8"});
    const index = JSON.parse(localStorage.getItem("nrlab:files") || "[]");
    if (!index.includes(path)) index.push(path);
    localStorage.setItem("nrlab:file:" + path, text);
    localStorage.setItem("nrlab:files", JSON.stringify(index));
  } catch (e) {
    console.warn("settings could not be stored: " + e);
  }
});

EM_JS(void, nr_js_pick_file, (const char* accept), {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = UTF8ToString(accept);
  input.onchange = () => {
    const file = input.files && input.files[0];
    if (!file) return;
    file.arrayBuffer().then((data) => {
      FS.mkdirTree("/picked");
      const path = "/picked/" + file.name.split("/").join("_");
      FS.writeFile(path, new Uint8Array(data));
      Module.ccall("nr_file_picked", null, ["string"], [path]);
    });
  };
  input.click();
});
EM_JS(void, nr_js_set_canvas_size, (int w, int h), { Browser.setCanvasSize(w, h); });
EM_JS(void, nr_js_set_cursor, (const char* name), { Module.canvas.style.cursor = UTF8ToString(name); });
EM_JS(void, nr_js_frame_shown, (), { Module.nrFrames = (Module.nrFrames || 0) + 1; });

EM_JS(char*, nr_js_language, (), { return allocateUTF8(navigator.language || "en"); });
EM_JS(int, nr_js_page_width, (), { return window.innerWidth; });
EM_JS(int, nr_js_page_height, (), { return window.innerHeight; });
EM_JS(double, nr_js_pixel_ratio, (), { return window.devicePixelRatio || 1; });
EM_JS(void, nr_js_toggle_fullscreen, (), {
  if (document.fullscreenElement)
    document.exitFullscreen();
  else if (document.documentElement.requestFullscreen)
    document.documentElement.requestFullscreen().catch((e) => console.warn("fullscreen: " + e));
});

std::string pageAddress() { return take(nr_js_page_address()); }
std::string fragment() { return take(nr_js_fragment()); }
void pushFragment(const std::string& f) { nr_js_push_fragment(f.c_str()); }
bool takeFragmentChange(std::string& f) {
  char* s = nr_js_take_fragment_change();
  if (!s) return false;
  f = take(s);
  return true;
}

void copyText(const char* text) { nr_js_copy_text(text ? text : ""); }
const char* pastedText() {
  static bool watching = false;
  if (!watching) {
    watching = true;
    nr_js_watch_paste();
  }
  return g_pasted.c_str();
}

void download(const std::string& path, const std::string& name, const std::string& mimeType) {
  nr_js_download(path.c_str(), name.c_str(), mimeType.c_str());
}

void restoreKeptFiles() { nr_js_restore_kept(); }
void keepFile(const std::string& path) { nr_js_keep_file(path.c_str()); }

std::string language() { return take(nr_js_language()); }
void pageSize(int& width, int& height, double& pixelRatio) {
  width = nr_js_page_width();
  height = nr_js_page_height();
  pixelRatio = nr_js_pixel_ratio();
}
void toggleFullscreen() { nr_js_toggle_fullscreen(); }

void pickFile(const char* accept) { nr_js_pick_file(accept); }
bool takePickedFile(std::string& path) {
  if (g_picked.empty()) return false;
  path = g_picked.front();
  g_picked.erase(g_picked.begin());
  return true;
}
void frameShown() { nr_js_frame_shown(); }
void setCanvasSize(int width, int height) { nr_js_set_canvas_size(width, height); }
void setCursor(const char* cssName) {
  static std::string shown;
  if (shown == cssName) return;
  shown = cssName;
  nr_js_set_cursor(cssName);
}

}  // namespace nr::app::browser

extern "C" EMSCRIPTEN_KEEPALIVE void nr_set_pasted(const char* text) { nr::app::browser::g_pasted = text ? text : ""; }
extern "C" EMSCRIPTEN_KEEPALIVE void nr_file_picked(const char* path) {
  if (path) nr::app::browser::g_picked.emplace_back(path);
}
