#include "platform/font_files.h"

#include <fontconfig/fontconfig.h>

namespace nr::app {

namespace {

/// The file and face index fontconfig picks for `pattern`, or empty when the best match's family does not
/// contain `mustContain` (fontconfig always returns *some* font).
bool findFont(const char* pattern, const char* mustContain, std::string& file, int& index) {
  FcPattern* pat = FcNameParse(reinterpret_cast<const FcChar8*>(pattern));
  if (!pat) return false;
  FcConfigSubstitute(nullptr, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  FcResult result;
  FcPattern* match = FcFontMatch(nullptr, pat, &result);
  FcPatternDestroy(pat);
  if (!match) return false;
  FcChar8* path = nullptr;
  FcChar8* family = nullptr;
  int idx = 0;
  bool ok = FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch &&
            FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch &&
            std::string(reinterpret_cast<char*>(family)).find(mustContain) != std::string::npos;
  if (ok) {
    FcPatternGetInteger(match, FC_INDEX, 0, &idx);
    file = reinterpret_cast<char*>(path);
    index = idx;
  }
  FcPatternDestroy(match);
  return ok;
}

}  // namespace

FontFiles findFontFiles() {
  FontFiles f;
  if (!FcInit()) {
    f.error = "fontconfig could not start";
    return f;
  }
  int index = 0;
  findFont("DejaVu Sans", "DejaVu Sans", f.latin, index);
  findFont("Noto Sans CJK SC:lang=zh-cn", "Noto Sans CJK", f.cjk, f.cjkIndex);
  return f;
}

}  // namespace nr::app
