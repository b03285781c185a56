// The shell's entries of the translation table (menus, panels, messages). Lessons keep theirs beside their code.
#include "ui/strings.h"

namespace nr::app {

const std::vector<TextEntry>& shellStrings() {
  static const std::vector<TextEntry> t = {
      {"app.title", "NR Lab", "NR Lab 归一化与正则化实验室"},
      {"group.normalization", "Normalization", "归一化"},
      {"group.regularization", "Regularization", "正则化"},
      {"group.training", "Training", "训练"},
      {"group.reference", "Reference", "参考"},
      {"menu.lessons", "Lessons", "课程"},
      {"menu.view", "View", "视图"},
      {"menu.scene", "Scene", "场景"},
      {"menu.export", "Export", "导出"},
      {"menu.help", "Help", "帮助"},
      {"menu.language", "Language", "语言"},
      {"menu.scale", "UI scale", "界面缩放"},
      {"menu.scale.tip", "Text and controls size, for projectors (1x to 3x). Fonts are rebuilt at the new size.",
       "文字和控件的大小，适合投影（1 到 3 倍）。字体会按新大小重新生成。"},
      {"menu.theme", "Theme", "主题"},
      {"theme.light", "Light", "浅色"},
      {"theme.dark", "Dark", "深色"},
      {"theme.high-contrast", "High contrast", "高对比度"},
      {"menu.fullscreen", "Fullscreen", "全屏"},
      {"menu.presenter", "Presenter mode", "演示模式"},
      {"menu.presenter.tip", "Hide the lesson list and the controls; keep the picture and the formula.",
       "隐藏课程列表和控件，只保留图和公式。"},
      {"menu.scene.save", "Save scene...", "保存场景..."},
      {"menu.scene.load", "Load scene...", "加载场景..."},
      {"menu.scene.presets", "Presets for this lesson", "本课的预设场景"},
      {"menu.scene.none", "(none yet)", "（暂无）"},
      {"menu.shot.window", "Screenshot of the window", "窗口截图"},
      {"menu.shot.window2", "Screenshot of the window (2x)", "窗口截图（2 倍）"},
      {"menu.shot.canvas", "Screenshot of the picture", "图像截图"},
      {"menu.shot.canvas2", "Screenshot of the picture (2x)", "图像截图（2 倍）"},
      {"menu.keys", "Keyboard shortcuts", "快捷键"},
      {"menu.quit", "Quit", "退出"},
      {"panel.lessons", "Lessons", "课程"},
      {"panel.controls", "Controls", "控件"},
      {"panel.what", "What this shows", "这里展示什么"},
      {"panel.try", "Try this", "试一试"},
      {"panel.formula", "Formula", "公式"},
      {"button.reset", "Reset", "重置"},
      {"button.reset.tip", "Back to this lesson's defaults (R)", "恢复本课的默认设置（R）"},
      {"button.play", "Play", "播放"},
      {"button.pause", "Pause", "暂停"},
      {"button.ok", "OK", "确定"},
      {"button.cancel", "Cancel", "取消"},
      {"button.save", "Save", "保存"},
      {"button.load", "Load", "加载"},
      {"scene.path", "File", "文件"},
      {"scene.saved", "Scene saved: %s", "场景已保存：%s"},
      {"scene.loaded", "Scene loaded: %s", "场景已加载：%s"},
      {"shot.saved", "Screenshot saved: %s", "截图已保存：%s"},
      {"keys.text",
       "Left/Right arrow: previous/next lesson\nSpace: play/pause\nR: reset the lesson\nH: presenter mode\n"
       "F11: fullscreen\nF12 or Ctrl+S: screenshot of the window\nCtrl+Shift+S: screenshot of the picture",
       "左/右方向键：上一课/下一课\n空格：播放/暂停\nR：重置本课\nH：演示模式\nF11：全屏\n"
       "F12 或 Ctrl+S：窗口截图\nCtrl+Shift+S：图像截图"},
      {"lang.en", "English", "English"},
      {"lang.zh", "中文", "中文"},
      {"msg.no_cjk", "No Chinese font found: install fonts-noto-cjk. Staying in English.",
       "未找到中文字体：请安装 fonts-noto-cjk。"},
  };
  return t;
}

}  // namespace nr::app
