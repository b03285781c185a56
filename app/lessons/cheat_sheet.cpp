// cheat-sheet — the comparison tables. The teaching choice: one row per method with the same columns, so the
// differences line up; each row opens its lesson. The facts follow the primary sources, not folklore (for
// example: dropout is not limited to fully connected layers, and LayerNorm is not costlier than BatchNorm).

#include "lessons/cheat_sheet.h"
#include "lessons/controls.h"

#include <imgui.h>

#include <string>

#include "lessons/registry.h"
#include "ui/text.h"
#include "widgets/text_table.h"

namespace nr::app {

namespace {

struct Cell {
  const char* en;
  const char* zh;
};
struct Row {
  const char* lesson;  ///< the lesson id a row opens (it may not be registered yet)
  std::vector<Cell> cells;
};
struct Table {
  Cell title;
  std::vector<Cell> header;
  std::vector<Row> rows;
};

const std::vector<Table>& tables() {
  static const std::vector<Table> t = {
      {{"Normalization methods", "归一化方法"},
       {{"Method", "方法"},
        {"Statistics over", "统计量的范围"},
        {"Used in", "常用于"},
        {"Strengths", "优点"},
        {"Weaknesses", "缺点"},
        {"Training vs inference", "训练与推理"}},
       {{"norm-axes",
         {{"BatchNorm (Ioffe & Szegedy 2015)", "批归一化 BN（Ioffe 与 Szegedy，2015）"},
          {"N, H, W: one μ, σ² per channel", "N、H、W：每个通道一对 μ、σ²"},
          {"CNNs trained with reasonably large batches", "批量较大的卷积网络"},
          {"Faster, more stable training; allows higher learning rates; batch noise regularizes a little",
           "训练更快更稳，可用更大的学习率；批次噪声带来一点正则化"},
          {"Depends on the batch: noisy with small batches, awkward for sequences of varying length",
           "依赖批次：小批量时统计量噪声大，不便处理变长序列"},
          {"Different: batch statistics in training, running averages at inference",
           "不同：训练用当前批次的统计量，推理用滑动平均"}}},
        {"batch-stats",
         {{"LayerNorm (Ba, Kiros & Hinton 2016)", "层归一化 LN（Ba、Kiros 与 Hinton，2016）"},
          {"C, H, W: one μ, σ² per sample (per token in a Transformer)", "C、H、W：每个样本一对 μ、σ²（Transformer 中每个词元一对）"},
          {"RNNs and Transformers", "循环网络与 Transformer"},
          {"Independent of the batch size; the same computation in training and inference",
           "与批量大小无关；训练和推理的计算相同"},
          {"Mixes channels of different scales into one statistic; in CNNs often below BatchNorm",
           "把尺度不同的通道混在一起统计；在卷积网络中常不如 BN"},
          {"The same", "相同"}}},
        {"norm-axes",
         {{"InstanceNorm (Ulyanov et al. 2016)", "实例归一化 IN（Ulyanov 等，2016）"},
          {"H, W: one μ, σ² per sample and channel", "H、W：每个样本的每个通道一对 μ、σ²"},
          {"Style transfer, image generation", "风格迁移、图像生成"},
          {"Removes each image's own contrast and colour statistics (its 'style')", "去掉每张图自身的对比度与颜色统计（即“风格”）"},
          {"Also removes information that recognition may need", "也会去掉识别任务可能需要的信息"},
          {"Usually the same, the input's own statistics (PyTorch can also track running ones; off by default)",
           "通常相同，用输入自身的统计量（PyTorch 也可记录滑动统计量，默认关闭）"}}},
        {"norm-axes",
         {{"GroupNorm (Wu & He 2018)", "组归一化 GN（Wu 与 He，2018）"},
          {"C/G, H, W: one μ, σ² per sample and channel group", "C/G、H、W：每个样本的每组通道一对 μ、σ²"},
          {"Detection and segmentation with small batches per device", "每块设备批量很小的检测与分割"},
          {"Independent of the batch; close to BN at large batches, better at small ones; G = 1 is LN, G = C is IN",
           "与批次无关；大批量时接近 BN，小批量时更好；G = 1 即 LN，G = C 即 IN"},
          {"One more hyperparameter (G)", "多一个超参数 G"},
          {"The same", "相同"}}},
        {"weight-norm",
         {{"WeightNorm (Salimans & Kingma 2016)", "权重归一化 WN（Salimans 与 Kingma，2016）"},
          {"No activation statistics: w = g·v/‖v‖", "不统计激活值：w = g·v/‖v‖"},
          {"RNNs, reinforcement learning, generative models", "循环网络、强化学习、生成模型"},
          {"Cheap and deterministic; decouples the length of w from its direction", "开销小且确定；把 w 的长度与方向分开"},
          {"Does not standardize activations, so it stabilizes less than BN on its own", "不标准化激活值，单独使用时稳定作用不如 BN"},
          {"The same", "相同"}}},
        {"feature-scaling",
         {{"Feature scaling (min-max, standardization)", "特征缩放（最小-最大、标准化）"},
          {"Each input feature over the training set", "每个输入特征，在训练集上统计"},
          {"Inputs of every model; classic machine learning", "各种模型的输入；经典机器学习"},
          {"Round loss contours: faster gradient descent; penalties treat features alike",
           "损失等高线更圆：梯度下降更快；惩罚项对各特征一视同仁"},
          {"Min-max is dominated by outliers; statistics must come from the training set only",
           "最小-最大缩放受异常值支配；统计量只能来自训练集"},
          {"Apply the training-set statistics unchanged", "推理时沿用训练集的统计量"}}}}},
      {{"Regularization methods", "正则化方法"},
       {{"Method", "方法"}, {"Principle", "原理"}, {"Effect", "效果"}, {"Used in", "常用于"}, {"Caveats", "注意"}},
       {{"penalty-geometry",
         {{"L2 / ridge", "L2 / 岭回归"},
          {"Penalty (λ/2)‖w‖²; a Gaussian prior on w", "惩罚项 (λ/2)‖w‖²；相当于 w 的高斯先验"},
          {"Shrinks every weight smoothly; none becomes exactly 0", "平滑地收缩所有权重；不会恰好为 0"},
          {"Almost every model", "几乎所有模型"},
          {"Depends on the scale of the features: standardize first", "依赖特征的尺度：先做标准化"}}},
        {"penalty-geometry",
         {{"L1 / lasso (Tibshirani 1996)", "L1 / lasso（Tibshirani，1996）"},
          {"Penalty λ‖w‖₁; a Laplace prior on w", "惩罚项 λ‖w‖₁；相当于 w 的拉普拉斯先验"},
          {"Exact zeros: a sparse model that selects features", "产生恰好为 0 的系数：稀疏模型，自动选择特征"},
          {"Linear models, sparse coding", "线性模型、稀疏编码"},
          {"Among correlated features it keeps one almost arbitrarily; with more features than samples (p > n) it keeps "
           "at most n; not differentiable at 0",
           "相关特征中几乎任意地只留一个；特征多于样本（p > n）时最多保留 n 个；在 0 处不可导"}}},
        {"regularized-fit",
         {{"Elastic net (Zou & Hastie 2005)", "弹性网络（Zou 与 Hastie，2005）"},
          {"(1/2n)‖y − Xw‖² + λ(α‖w‖₁ + (1−α)/2‖w‖²), as glmnet; Zou & Hastie scale the two penalties apart",
           "(1/2n)‖y − Xw‖² + λ(α‖w‖₁ + (1−α)/2‖w‖²)，与 glmnet 相同；Zou 与 Hastie 的原文对两个惩罚项分别取系数"},
          {"Sparse, but keeps groups of correlated features together", "稀疏，同时把相关特征成组保留"},
          {"Many more features than samples, where the lasso stops at n (e.g. genomics)",
           "特征远多于样本、lasso 最多只能选 n 个的情形（如基因数据）"},
          {"Two hyperparameters, λ and α", "两个超参数：λ 与 α"}}},
        {"penalty-geometry",
         {{"L0, Lp with p < 1", "L0、p < 1 的 Lp"},
          {"Count of non-zeros, or a non-convex ‖w‖ₚ", "非零个数，或非凸的 ‖w‖ₚ"},
          {"The sparsest solutions", "最稀疏的解"},
          {"Compressed sensing, subset selection", "压缩感知、子集选择"},
          {"Non-convex: local optima; L0 is combinatorial", "非凸：有局部最优；L0 是组合优化问题"}}},
        {"priors",
         {{"Bayesian priors", "贝叶斯先验"},
          {"MAP estimate: penalty = −log prior", "最大后验估计：惩罚项 = −log 先验"},
          {"A narrower prior is a larger λ", "先验越窄，λ 越大"},
          {"Reasoning about what a penalty assumes", "理解一个惩罚项背后的假设"},
          {"MAP is a point estimate, not the whole posterior", "MAP 只是点估计，不是整个后验"}}},
        {"dropout",
         {{"Dropout (Srivastava et al. 2014)", "随机失活 Dropout（Srivastava 等，2014）"},
          {"Zero each unit with probability p while training; scale the kept ones by 1/q, q = 1 − p (inverted dropout)",
           "训练时以概率 p 把每个单元置零；保留下来的单元乘以 1/q，q = 1 − p（inverted dropout）"},
          {"Less co-adaptation; an implicit average of many thinned networks", "减少协同适应；相当于对许多子网络做平均"},
          {"Fully connected, convolutional (spatial dropout) and Transformer layers", "全连接层、卷积层（空间随机失活，spatial dropout）和 Transformer"},
          {"Slower convergence; off at inference; can disturb BatchNorm statistics", "收敛更慢；推理时关闭；可能干扰 BN 的统计量"}}},
        {"early-stopping",
         {{"Early stopping", "早停"},
          {"Stop when the validation loss has not improved for a patience window", "验证损失在耐心值窗口内不再改善时停止"},
          {"Limits the effective capacity; for gradient descent on a linear model it acts like L2",
           "限制有效容量；对线性模型的梯度下降，效果类似 L2"},
          {"Almost every training run", "几乎所有训练"},
          {"Needs a validation set; noisy curves need patience", "需要验证集；曲线有噪声时耐心值要足够大"}}},
        {"augmentation",
         {{"Data augmentation", "数据增强"},
          {"Train on label-preserving transformations of the inputs", "用保持标签不变的输入变换来训练"},
          {"Teaches invariances; more effective data", "学到不变性；相当于更多数据"},
          {"Vision, audio, text", "视觉、音频、文本"},
          {"A transformation must keep the label (a 6 rotated 180° is a 9; a mirrored b is a d)",
           "变换必须保持标签（6 旋转 180° 后是 9；b 镜像后是 d）"}}},
        {"weight-decay",
         {{"Weight decay vs L2 (Loshchilov & Hutter 2019)", "权重衰减与 L2（Loshchilov 与 Hutter，2019）"},
          {"Shrink w in the update, w ← w − ηλw, instead of adding λ‖w‖²/2 to the loss",
           "在更新中收缩 w：w ← w − ηλw，而不是把 λ‖w‖²/2 加进损失"},
          {"With SGD the two are the same; with Adam they differ, and AdamW decouples the decay",
           "用 SGD 时两者相同；用 Adam 时不同，AdamW 把衰减解耦出来"},
          {"Training with Adam (AdamW)", "用 Adam 训练时（AdamW）"},
          {"With Adam, L2 in the loss is divided by each weight's gradient scale: weights with large gradients decay less than those with small ones",
           "用 Adam 时，损失中的 L2 会被各权重的梯度尺度相除：梯度大的权重比梯度小的权重衰减得更少"}}},
        {"pruning",
         {{"Pruning (Han et al. 2015)", "剪枝（Han 等，2015）"},
          {"Remove the smallest-magnitude weights, then fine-tune", "去掉绝对值最小的权重，再微调"},
          {"Smaller models with little loss of accuracy", "模型更小，精度损失很少"},
          {"Deployment on small devices", "部署到小型设备"},
          {"Speed-ups need sparse kernels; prune gradually with retraining", "要加速需稀疏计算支持；应逐步剪枝并重新训练"}}}}},
      {{"Weight normalization vs weight decay", "权重归一化与权重衰减"},
       {{"Aspect", "方面"}, {"Weight normalization", "权重归一化"}, {"Weight decay", "权重衰减"}},
       {{"weight-norm",
         {{"What it changes", "改变了什么"},
          {"How w is parameterized: length g and direction v/‖v‖", "w 的参数化方式：长度 g 与方向 v/‖v‖"},
          {"The update: every step shrinks w towards 0", "更新规则：每一步都把 w 向 0 收缩"}}},
        {"weight-norm",
         {{"Functions the network can express", "网络能表示的函数"},
          {"Unchanged: any w is still reachable", "不变：任何 w 仍然可以取到"},
          {"Unchanged, but small weights are preferred", "不变，但偏好较小的权重"}}},
        {"weight-norm",
         {{"Purpose", "目的"},
          {"Better-conditioned optimization, faster training", "优化条件更好，训练更快"},
          {"Regularization: better generalization", "正则化：更好的泛化"}}},
        {"weight-norm",
         {{"On weights followed by BatchNorm or WN", "后面跟着批归一化或权重归一化的权重"},
          {"The loss no longer depends on their length", "损失不再依赖它们的长度"},
          {"Only shortens them, which raises the effective learning rate (about η/‖w‖²) instead of regularizing",
           "只会把它们缩短，相当于提高有效学习率（约为 η/‖w‖²），而不是起正则化作用"}}},
        {"weight-decay",
         {{"Hyperparameters", "超参数"},
          {"None beyond the initial g (Salimans & Kingma set g and the bias from a first batch of data)",
           "除初始 g 外没有（Salimans 与 Kingma 用第一批数据来设定 g 和偏置）"},
          {"The decay rate λ", "衰减系数 λ"}}}}},
      // The glossary: the English and the Chinese term side by side in both languages (a note-taker needs both),
      // the meaning in the UI language.
      {{"Glossary", "术语表"},
       {{"Term", "术语"}, {"中文", "英文"}, {"Meaning", "含义"}},
       {
        {"norm-axes", {{"Batch normalization (BN)", "批归一化（BN）"}, {"批归一化（BN）", "Batch normalization (BN)"}, {"Normalize each channel with the mean and variance of the current mini-batch, then scale by γ and shift by β.", "用当前小批量的均值和方差对每个通道做归一化，再乘 γ、加 β。"}}},
        {"norm-axes", {{"Layer normalization (LN)", "层归一化（LN）"}, {"层归一化（LN）", "Layer normalization (LN)"}, {"Normalize each sample over all its features (C, H, W); independent of the batch.", "对每个样本的全部特征（C、H、W）做归一化；与批次无关。"}}},
        {"norm-axes", {{"Instance normalization (IN)", "实例归一化（IN）"}, {"实例归一化（IN）", "Instance normalization (IN)"}, {"Normalize each sample and channel over its spatial positions (H, W).", "对每个样本的每个通道，在空间位置（H、W）上做归一化。"}}},
        {"norm-axes", {{"Group normalization (GN)", "组归一化（GN）"}, {"组归一化（GN）", "Group normalization (GN)"}, {"Normalize each sample over groups of C/G channels and H, W; between LN (G = 1) and IN (G = C).", "对每个样本，在 C/G 个通道的组及 H、W 上做归一化；介于 LN（G = 1）与 IN（G = C）之间。"}}},
        {"batch-stats", {{"Running statistics", "滑动统计量（滑动均值/方差）"}, {"滑动统计量（滑动均值/方差）", "Running statistics"}, {"Exponential moving averages of the batch mean and variance, used by BN at inference.", "批均值与批方差的指数滑动平均，BN 在推理时使用。"}}},
        {"weight-norm", {{"Weight normalization", "权重归一化"}, {"权重归一化", "Weight normalization"}, {"Write a weight vector as w = g·v/‖v‖ so its length g and direction v are learned apart.", "把权重向量写成 w = g·v/‖v‖，长度 g 与方向 v 分开学习。"}}},
        {"feature-scaling", {{"Standardization (z-score)", "标准化（z 分数）"}, {"标准化（z 分数）", "Standardization (z-score)"}, {"Subtract each feature's mean and divide by its standard deviation.", "每个特征减去其均值，再除以其标准差。"}}},
        {"feature-scaling", {{"Min-max scaling", "最小-最大缩放"}, {"最小-最大缩放", "Min-max scaling"}, {"Map each feature linearly onto [0, 1] using its smallest and largest value.", "用每个特征的最小值和最大值把它线性映射到 [0, 1]。"}}},
        {"regularized-fit", {{"Regularization", "正则化"}, {"正则化", "Regularization"}, {"Anything that trades a little training fit for better generalization, e.g. a penalty on the weights.", "用少许训练拟合度换取更好泛化的做法，例如对权重加惩罚。"}}},
        {"regularized-fit", {{"Overfitting", "过拟合"}, {"过拟合", "Overfitting"}, {"The model fits the noise of the training set: training error low, validation error high.", "模型拟合了训练集中的噪声：训练误差低，验证误差高。"}}},
        {"penalty-geometry", {{"L1 penalty (lasso)", "L1 正则（lasso）"}, {"L1 正则（lasso）", "L1 penalty (lasso)"}, {"λ·Σ|wᵢ|: with an exact solver (coordinate descent, soft-thresholding) many weights become exactly 0, a sparse model; plain gradient steps only bring them near 0.", "λ·Σ|wᵢ|：用精确的求解方法（坐标下降、软阈值）时许多权重恰好为 0，得到稀疏模型；普通梯度步只会让它们接近 0。"}}},
        {"penalty-geometry", {{"L2 penalty (ridge)", "L2 正则（岭回归）"}, {"L2 正则（岭回归）", "L2 penalty (ridge)"}, {"(λ/2)·Σwᵢ²: shrinks all weights towards 0, rarely to exactly 0.", "(λ/2)·Σwᵢ²：把所有权重向 0 收缩，但很少恰好为 0。"}}},
        {"penalty-geometry", {{"Elastic net", "弹性网络"}, {"弹性网络", "Elastic net"}, {"A mix of L1 and L2 with ratio α: sparse like L1, stable with correlated features like L2.", "以比例 α 混合 L1 与 L2：像 L1 一样稀疏，又像 L2 一样在特征相关时稳定。"}}},
        {"penalty-geometry", {{"Sparsity", "稀疏性"}, {"稀疏性", "Sparsity"}, {"The share of weights that are exactly zero.", "恰好为 0 的权重所占的比例。"}}},
        {"regularized-fit", {{"Cross-validation (k-fold)", "（k 折）交叉验证"}, {"（k 折）交叉验证", "Cross-validation (k-fold)"}, {"Fit on k − 1 folds and measure on the held-out one, k times, to choose λ.", "在 k − 1 折上拟合、在留出的一折上评估，重复 k 次，用来选择 λ。"}}},
        {"priors", {{"Prior, MAP estimate", "先验，最大后验估计（MAP）"}, {"先验，最大后验估计（MAP）", "Prior, MAP estimate"}, {"A belief about the weights before the data; the MAP estimate maximizes likelihood × prior. A Laplace prior gives L1, a Gaussian prior L2.", "看到数据之前对权重的假设；MAP 估计最大化似然 × 先验。拉普拉斯先验对应 L1，高斯先验对应 L2。"}}},
        {"weight-decay", {{"Weight decay", "权重衰减"}, {"权重衰减", "Weight decay"}, {"Shrink every weight by a factor each step: w ← w − ηλw.", "每一步把每个权重按比例缩小：w ← w − ηλw。"}}},
        {"weight-decay", {{"Decoupled weight decay (AdamW)", "解耦权重衰减（AdamW）"}, {"解耦权重衰减（AdamW）", "Decoupled weight decay (AdamW)"}, {"Weight decay applied outside Adam's adaptive scaling; unlike L2 in the loss, it decays every weight at the same rate.", "在 Adam 的自适应缩放之外施加的权重衰减；与损失中的 L2 不同，它以相同速率衰减每个权重。"}}},
        {"dropout", {{"Dropout", "随机失活（Dropout）"}, {"随机失活（Dropout）", "Dropout"}, {"In training, zero each unit with probability p (the drop probability, as in PyTorch) and scale the kept ones by 1/q, q = 1 − p; at inference use the whole network. Srivastava et al. (2014) write p for the keep probability.", "训练时以概率 p（丢弃概率，与 PyTorch 相同）把每个单元置 0，保留下来的单元乘以 1/q，q = 1 − p；推理时使用完整网络。Srivastava 等（2014）用 p 表示保留概率。"}}},
        {"early-stopping", {{"Early stopping", "早停"}, {"早停", "Early stopping"}, {"Stop training when the validation loss has not improved for a number of epochs (the patience) and keep the best weights.", "当验证损失在若干轮（耐心值）内没有改善时停止训练，并保留最好的权重。"}}},
        {"pruning", {{"Pruning", "剪枝"}, {"剪枝", "Pruning"}, {"Set the smallest-magnitude weights to zero and keep them zero while fine-tuning.", "把绝对值最小的权重置 0，并在微调时保持为 0。"}}},
        {"augmentation", {{"Data augmentation", "数据增强"}, {"数据增强", "Data augmentation"}, {"Train on transformed copies of the inputs (flips, shifts, noise, mixup …) that keep the label.", "用保持标签不变的输入变换副本（翻转、平移、噪声、mixup 等）进行训练。"}}},
        {"training-lab", {{"Learning rate η", "学习率 η"}, {"学习率 η", "Learning rate η"}, {"The step size of each gradient update.", "每次梯度更新的步长。"}}},
        {"deep-activations", {{"Vanishing / exploding gradients", "梯度消失 / 梯度爆炸"}, {"梯度消失 / 梯度爆炸", "Vanishing / exploding gradients"}, {"Gradients shrinking or growing layer by layer in a deep network; careful initialization, residual connections and normalization layers help keep them in range.", "深层网络中梯度逐层变小或变大；合适的初始化、残差连接和归一化层有助于把它们保持在合适范围。"}}},
       }},
  };
  return t;
}

std::string key(int t, int r, int c) {
  return "cheat.t" + std::to_string(t) + (r < 0 ? ".h" : ".r" + std::to_string(r)) + ".c" + std::to_string(c);
}

}  // namespace

const std::vector<TextEntry>& CheatSheetLesson::strings() {
  // Keys are generated from the tables once; their storage lives as long as the program.
  static std::vector<std::string> keys;
  static std::vector<TextEntry> t;
  if (!t.empty()) return t;
  t = {
      {"cheat.title", "Cheat sheet", "速查表"},
      {"cheat.heading", "Normalization and regularization at a glance", "归一化与正则化一览"},
      {"cheat.what",
       "The methods side by side, in the same columns, so their differences line up, and a glossary of the terms "
       "in English and Chinese. Each row opens the lesson that shows the method at work.",
       "把各种方法放在同样的列里并排比较，差别一目了然；另有中英对照的术语表。每一行都可以打开演示该方法的课程。"},
      {"cheat.try",
       "1. Compare the 'Statistics over' column with the cube in the Normalization axes lesson.\n"
       "2. Find the three rows whose penalty gives exact zeros, then check them against L2 in the Penalty geometry "
       "lesson (its third panel shows the elastic net, Lp and L0).\n"
       "3. Read the weight decay row, then watch Adam+L2 and AdamW part ways in the Weight decay vs L2 lesson.",
       "1. 把“统计量的范围”一列和“归一化的轴”一课的立方体对照着看。\n"
       "2. 找出惩罚项会产生恰好为 0 的系数的三行，再到惩罚项几何一课中把它们与 L2 对照验证（它的第三个面板可以显示弹性网络、Lp 和 L0）。\n"
       "3. 读“权重衰减与 L2”一行，再到权重衰减一课看 Adam+L2 与 AdamW 如何分道扬镳。"},
      {"cheat.table", "Table", "表格"},
      {"cheat.open", "Open", "打开"},
      {"cheat.open.tip", "Open the lesson that shows this method.", "打开演示该方法的课程。"},
      {"cheat.soon", "(lesson coming)", "（课程待加入）"},
      {"cheat.formula",
       "Normalization: y = γ·(x − μ)/√(σ² + ε) + β, with μ and σ² over the axes of the table.\n"
       "Penalized fit: minimize loss(w) + λ·penalty(w); for linear regression (glmnet's scaling) the loss is "
       "(1/2n)‖y − Xw‖².",
       "归一化：y = γ·(x − μ)/√(σ² + ε) + β，μ 与 σ² 按表中的轴计算。\n"
       "正则化拟合：最小化 损失(w) + λ·惩罚(w)；线性回归（glmnet 的缩放）中损失为 (1/2n)‖y − Xw‖²。"},
  };
  const auto& all = tables();
  keys.reserve(4096);  // never reallocated after this: the entries point into it
  for (size_t ti = 0; ti < all.size(); ++ti) {
    keys.push_back("cheat.t" + std::to_string(ti) + ".title");
    t.push_back({keys.back().c_str(), all[ti].title.en, all[ti].title.zh});
    for (size_t c = 0; c < all[ti].header.size(); ++c) {
      keys.push_back(key(int(ti), -1, int(c)));
      t.push_back({keys.back().c_str(), all[ti].header[c].en, all[ti].header[c].zh});
    }
    for (size_t r = 0; r < all[ti].rows.size(); ++r)
      for (size_t c = 0; c < all[ti].rows[r].cells.size(); ++c) {
        keys.push_back(key(int(ti), int(r), int(c)));
        t.push_back({keys.back().c_str(), all[ti].rows[r].cells[c].en, all[ti].rows[r].cells[c].zh});
      }
  }
  return t;
}

const char* CheatSheetLesson::rowLesson(int table, int row) {
  if (table < 0 || table >= static_cast<int>(tables().size())) return nullptr;
  const auto& rows = tables()[table].rows;
  return row >= 0 && row < static_cast<int>(rows.size()) ? rows[row].lesson : nullptr;
}

namespace {

void openButton(LessonContext& ctx, const Table& table, std::size_t r) {
  if (findLesson(table.rows[r].lesson) >= 0) {
    if (button(ctx.tr("cheat.open")) && ctx.navigate) *ctx.navigate = table.rows[r].lesson;
    itemTooltip(ctx.tr("cheat.open.tip"));
  } else {
    ImGui::TextDisabled("·");
    itemTooltip(ctx.tr("cheat.soon"));
  }
}

}  // namespace

void CheatSheetLesson::drawControls(LessonContext& ctx) {
  wrappedTextDisabled(ctx.tr("cheat.table"));
  for (int i = 0; i < static_cast<int>(tables().size()); ++i) {
    const std::string k = "cheat.t" + std::to_string(i) + ".title";
    radioButton(ctx.tr(k.c_str()), &m_table, i);
  }
}

void CheatSheetLesson::drawCanvas(LessonContext& ctx) {
  const Table& table = tables()[m_table];
  const std::string titleKey = "cheat.t" + std::to_string(m_table) + ".title";
  wrappedText(ctx.tr(titleKey.c_str()));
  const bool glossary = m_table == 3;  // two short term columns and a wide meaning
  TextTableSpec spec;
  spec.id = "##cheat";
  spec.columns = static_cast<int>(table.header.size());
  spec.rows = static_cast<int>(table.rows.size());
  for (int c = 0; c < spec.columns; ++c) spec.weights.push_back(glossary ? (c == 2 ? 3.2f : 1.1f) : (c == 0 ? 1.3f : 1.5f));
  spec.cell = [&](int r, int c) { return ctx.tr(key(m_table, r, c).c_str()); };
  const ImGuiStyle& st = ImGui::GetStyle();
  spec.extraWidth = std::ceil(ImGui::CalcTextSize(ctx.tr("cheat.open")).x + 2 * st.FramePadding.x) + 2.0f;
  spec.extra = [&](int r) { openButton(ctx, table, static_cast<std::size_t>(r)); };
  drawTextTable(spec);
}



std::string CheatSheetLesson::formulaLatex() const {
  return R"(\begin{aligned})" "\n"
         R"(y &= \gamma\,\frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta\\)" "\n"
         R"(\hat w &= \arg\min_w\ \tfrac{1}{2n}\|y - Xw\|_2^2 + \lambda\left(\alpha\|w\|_1 + \tfrac{1-\alpha}{2}\|w\|_2^2\right))" "\n"
         R"(\end{aligned})";
}

void CheatSheetLesson::drawFormula(LessonContext& ctx) { wrappedText(ctx.tr("cheat.formula")); }

nlohmann::json CheatSheetLesson::params() const {
  static const char* names[] = {"normalization", "regularization", "weightnorm-vs-decay", "glossary"};
  return {{"table", names[m_table]}};
}

void CheatSheetLesson::setParams(const nlohmann::json& j, std::vector<std::string>& warnings,
                                 std::vector<std::string>& errors) {
  int table = m_table;
  ParamReader r(j, warnings, errors);
  r.readChoice("table", table, {"normalization", "regularization", "weightnorm-vs-decay", "glossary"});
  if (r.finish()) m_table = table;
}

}  // namespace nr::app
