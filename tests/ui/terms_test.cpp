// One Chinese term per idea: for each concept of the term table below, every Chinese text of the UI (lessons, shell,
// note labels, LaTeX words) and every preset's Chinese description uses the chosen term, never a variant; and the
// chosen term is really in use (a table entry nobody uses would check nothing).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "lessons/registry.h"
#include "nr/file_io.h"
#include "kit/i18n.h"
#include "shell/scene.h"

namespace nr::app {
namespace {

namespace fs = std::filesystem;

struct Term {
  const char* concept;
  const char* chosen;    ///< the Chinese term
  const char* variants;  ///< a regular expression (ECMAScript) of what must not appear instead
};

const Term kTerms[] = {
    {"dropout", "随机失活", "丢弃法|反向 ?dropout|反向缩放"},
    {"patience", "耐心值", "耐心(?!值)"},
    {"probe input", "探针输入", "探测输入|探测"},
    {"eval (inference) mode", "推理", "测试时|测试模式|测试值|评估模式|推断"},
    {"loss on a log axis", "损失取对数坐标", "对数损失轴|对数损失"},
    {"lasso", "lasso", "Lasso|LASSO|套索"},
    {"elastic net", "弹性网络", "弹性网(?!络)"},
    {"standard deviation", "标准差", "离散程度"},
    {"outlier", "异常值", "离群"},
    {"BatchNorm", "批归一化", "批量归一化|批标准化|批规范化"},
    {"LayerNorm", "层归一化", "层标准化|层规范化"},
    {"weight decay", "权重衰减", "权值衰减|权重衰退"},
    {"early stopping", "早停", "提前停止|提前终止"},
    {"pruning", "剪枝", "修剪"},
    {"data augmentation", "数据增强", "数据扩增|数据扩充"},
    {"penalty term", "惩罚项", "正则项"},
    {"maximum a posteriori", "最大后验", "极大后验"},
    {"maximum likelihood", "最大似然", "极大似然"},
    {"learning rate", "学习率", "学习速率"},
    {"Monte Carlo", "蒙特卡洛", "蒙特卡罗"},
    {"minimum improvement (min_delta)", "最小改善", "最小改进"},
    {"penalty-geometry's third panel", "第三个面板", "第三幅图"},
    {"batch size", "批次大小", "批大小|批量大小"},
    {"Runge's function", "Runge 函数", "龙格"},
};

/// Every Chinese text: the Chinese catalog (the presets' descriptions included).
std::vector<std::pair<std::string, std::string>> chineseTexts() {
  std::vector<std::pair<std::string, std::string>> texts;
  const Translator tr;
  texts.emplace_back("the Chinese catalog", tr.allText("zh"));
  return texts;
}

TEST(Terms, OneChineseTermPerIdea) {
  const auto texts = chineseTexts();
  for (const Term& t : kTerms) {
    const std::regex variant(t.variants);
    bool used = false;
    for (const auto& [where, text] : texts) {
      used |= text.find(t.chosen) != std::string::npos;
      for (std::sregex_iterator m(text.begin(), text.end(), variant), end; m != end; ++m) {
        const size_t a = size_t(m->position()) > 30 ? size_t(m->position()) - 30 : 0;
        ADD_FAILURE() << t.concept << ": \"" << m->str() << "\" instead of \"" << t.chosen << "\" in " << where
                      << ": …" << text.substr(a, 90) << "…";
      }
    }
    EXPECT_TRUE(used) << t.concept << ": \"" << t.chosen << "\" is used nowhere";
  }
}

TEST(Terms, TheCheckCatchesAVariant) {
  const std::regex variant(kTerms[1].variants);
  EXPECT_TRUE(std::regex_search(std::string("耐心（轮）"), variant));
  EXPECT_FALSE(std::regex_search(std::string("耐心值（轮）"), variant));
}

}  // namespace
}  // namespace nr::app
