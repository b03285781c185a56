// Share links: the fragment format (base64url against RFC 4648's vectors, parsing of hostile links) and the round
// trip every bundled preset makes: scene -> link -> a fresh app -> the same lesson and parameters.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "lessons/registry.h"
#include "nr/file_io.h"
#include "support/headless_ui.h"
#include "shell/app.h"
#include "shell/scene.h"
#include "shell/share_link.h"

namespace nr::app {
namespace {

namespace fs = std::filesystem;

TEST(Base64Url, Rfc4648VectorsWithoutPadding) {
  const std::pair<const char*, const char*> v[] = {{"", ""},         {"f", "Zg"},         {"fo", "Zm8"},
                                                   {"foo", "Zm9v"},  {"foob", "Zm9vYg"},  {"fooba", "Zm9vYmE"},
                                                   {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, coded] : v) {
    EXPECT_EQ(base64UrlEncode(plain), coded);
    EXPECT_EQ(base64UrlDecode(coded), std::string(plain));
    EXPECT_EQ(base64UrlDecode(std::string(coded) + (std::string(coded).size() % 4 == 2 ? "==" : "")), std::string(plain));
  }
  // The URL-safe letters: 0xfb 0xff encodes to "-_8" (standard base64 "+/8").
  EXPECT_EQ(base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_FALSE(base64UrlDecode("Zm9v!").has_value());
  EXPECT_FALSE(base64UrlDecode("Z").has_value());  // one character can hold no byte
  std::mt19937 rng(5);
  for (int n = 0; n < 200; ++n) {
    std::string bytes(static_cast<std::size_t>(n), '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
    EXPECT_EQ(base64UrlDecode(base64UrlEncode(bytes)), bytes);
  }
}

TEST(ShareLink, EncodesAndReadsEveryField) {
  ShareLink link;
  link.lesson = "penalty-geometry";
  link.params = {{"lambda", 0.05}, {"p", 0.85}};
  link.lang = "zh";
  link.scale = 2.0f;
  link.theme = Theme::HighContrast;
  const std::string fragment = encodeShareLink(link);
  EXPECT_EQ(fragment.rfind("#lesson=penalty-geometry&p=", 0), 0u) << fragment;
  for (const std::string& text : {fragment, fragment.substr(1), "https://example.org/nrlab/index.html" + fragment}) {
    const ShareLinkParse p = parseShareLink(text);
    ASSERT_TRUE(p.ok) << p.error;
    EXPECT_TRUE(p.ignored.empty());
    EXPECT_EQ(p.link.lesson, "penalty-geometry");
    EXPECT_EQ(p.link.params, link.params);
    EXPECT_EQ(p.link.lang, "zh");
    EXPECT_EQ(p.link.scale, 2.0f);
    EXPECT_EQ(p.link.theme, Theme::HighContrast);
  }
  // The lesson alone: its defaults.
  const ShareLinkParse alone = parseShareLink("index.html#lesson=priors");
  ASSERT_TRUE(alone.ok);
  EXPECT_EQ(alone.link.lesson, "priors");
  EXPECT_TRUE(alone.link.params.empty());
  EXPECT_FALSE(alone.link.lang.has_value());
}

TEST(ShareLink, BadFieldsAreNamedAndTheRestKept) {
  const ShareLinkParse p =
      parseShareLink("#lesson=dropout&p=%%%&lang=fr&scale=9&theme=pink&colour=red&lesson2");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.link.lesson, "dropout");
  ASSERT_EQ(p.ignored.size(), 6u);
  EXPECT_EQ(p.ignored[0].rfind("p ", 0), 0u);
  EXPECT_NE(p.ignored[1].find("lang=fr"), std::string::npos);
  EXPECT_NE(p.ignored[2].find("scale=9"), std::string::npos);
  EXPECT_NE(p.ignored[3].find("theme=pink"), std::string::npos);
  EXPECT_EQ(p.ignored[4].rfind("colour", 0), 0u);
  EXPECT_EQ(p.ignored[5].rfind("lesson2", 0), 0u);
  // A p that decodes to JSON but not to an object, and a fragment with no lesson at all.
  EXPECT_EQ(parseShareLink("#lesson=x&p=" + base64UrlEncode("[1,2]")).ignored.size(), 1u);
  const ShareLinkParse none = parseShareLink("https://example.org/#lang=zh");
  EXPECT_FALSE(none.ok);
  EXPECT_FALSE(none.error.empty());
  EXPECT_FALSE(parseShareLink("").ok);
}

AppOptions quietApp() {
  AppOptions o;
  o.persistent = false;
  o.hasGraphics = false;
  return o;
}

// Desktop scene -> link -> a fresh app: the same lesson, the same parameters (and the language, which a link keeps).
TEST(ShareLink, EveryPresetSurvivesTheRoundTrip) {
  Translator tr;
  test::HeadlessUi ui(1.0f, tr, ImVec2(1280, 720));
  int count = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(NR_SOURCE_DIR) / "assets" / "scenes")) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().string());
    App from(quietApp());
    ASSERT_TRUE(from.loadScene(entry.path().string()));
    const std::string link = from.currentLink();
    App to(quietApp());
    const std::size_t before = to.log().size();
    ASSERT_TRUE(to.openLink("http://127.0.0.1:8000/index.html" + link));
    EXPECT_EQ(to.log().size(), before) << "a message for a clean link: " << to.log().back();
    EXPECT_STREQ(to.lesson().id(), from.lesson().id());
    EXPECT_EQ(to.lesson().params(), from.lesson().params());
    EXPECT_EQ(to.currentSceneJson(), from.currentSceneJson());
    ++count;
  }
  EXPECT_GE(count, 20);
}

// A link with a value out of range: the lesson opens, the good values count, the bad one keeps its default and is
// named in one message.
TEST(ShareLink, AnOutOfRangeValueIsIgnoredAndNamed) {
  Translator tr;
  test::HeadlessUi ui(1.0f, tr, ImVec2(1280, 720));
  const std::unique_ptr<Lesson> defaults = lessonCatalog()[std::size_t(findLesson("penalty-geometry"))].make();
  ShareLink link;
  link.lesson = "penalty-geometry";
  link.params = {{"lambda", 1e9}, {"optimum_x", 1.25}, {"no_such_knob", 3}};
  App app(quietApp());
  const std::size_t before = app.log().size();
  ASSERT_TRUE(app.openLink(encodeShareLink(link)));
  EXPECT_STREQ(app.lesson().id(), "penalty-geometry");
  const nlohmann::json got = app.lesson().params();
  EXPECT_EQ(got["optimum_x"], 1.25);
  EXPECT_EQ(got["lambda"], defaults->params()["lambda"]);
  ASSERT_EQ(app.log().size(), before + 1);
  EXPECT_NE(app.log().back().find("lambda"), std::string::npos) << app.log().back();
  EXPECT_NE(app.log().back().find("no_such_knob"), std::string::npos) << app.log().back();
  // No lesson, or an unknown one: nothing changes but a message.
  const std::string lessonBefore = app.lesson().id();
  EXPECT_FALSE(app.openLink("#lesson=no-such-lesson"));
  EXPECT_FALSE(app.openLink("#lang=zh"));
  EXPECT_EQ(app.lesson().id(), lessonBefore);
  EXPECT_EQ(app.log().size(), before + 3);
}

}  // namespace
}  // namespace nr::app
