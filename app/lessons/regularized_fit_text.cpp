// regularized-fit — its English and Chinese text (kept apart from the logic, which is long enough on its own).

#include "lessons/regularized_fit.h"

namespace nr::app {

const std::vector<TextEntry>& RegularizedFitLesson::strings() {
  static const std::vector<TextEntry> t = {
      {"rf.title", "Regularized fit", "正则化拟合"},
      {"rf.heading", "Ridge, lasso and elastic net on a curve that overfits", "在会过拟合的曲线上使用岭回归、lasso 和弹性网络"},
      {"rf.what",
       "A polynomial of degree d is fitted to a few noisy points (blue) of a true curve (dashed); orange points are a "
       "fresh test set from the same curve. With no penalty a high degree threads every training point and swings "
       "wildly between them: the training error is small, the test error large (overfitting). A penalty λ on the "
       "coefficients trades a little training error for a smoother curve. Ridge (L2) shrinks every coefficient but "
       "keeps all of them; the lasso (L1) sets some exactly to 0 (hollow bars) and so picks powers; the elastic net "
       "mixes both. The path shows every coefficient as λ moves from large (all 0 for the lasso and the elastic net; ridge "
       "only comes near 0) to small (least squares), the "
       "cross-validation curve estimates the test error from the training points alone: λ_min has the smallest CV "
       "error, λ_1se is the largest λ within one standard error of it (a simpler model whose CV error is not clearly "
       "worse: a rule of thumb). The intercept b is not penalized. The same views work on the diabetes data and on any CSV dropped on "
       "the window; with many features the curve becomes a plot of predicted against actual values.",
       "用 d 次多项式拟合真实曲线（虚线）上的几个带噪声的点（蓝色）；橙色点是从同一条曲线新抽取的测试集。"
       "不加惩罚时，高次多项式会穿过每个训练点，并在点与点之间剧烈摆动：训练误差很小，测试误差很大（过拟合）。"
       "对系数加上惩罚 λ，就用一点训练误差换来一条更平滑的曲线。岭回归（L2）收缩所有系数但一个也不去掉；"
       "lasso（L1）会把一些系数恰好变成 0（空心柱），从而挑选出幂次；弹性网络把两者混合。"
       "路径图画出 λ 从大（lasso 与弹性网络全为 0；岭回归只是接近 0）到小（最小二乘）时每个系数的变化；交叉验证曲线只用训练点来估计测试误差："
       "λ_min 的交叉验证误差最小，λ_1se 是误差不超过最小值加一个标准误的最大 λ（一个更简单、交叉验证误差并不明显更差的模型：一条经验法则）。"
       "截距 b 不受惩罚。同样的视图也适用于糖尿病数据和拖到窗口上的任意 CSV；特征很多时，曲线图改为预测值对实际值的散点图。"},
      {"rf.heading.diabetes", "Ridge, lasso and elastic net on the diabetes data (442 patients, 10 features)",
       "在糖尿病数据（442 名病人，10 个特征）上使用岭回归、lasso 和弹性网络"},
      {"rf.heading.csv", "Ridge, lasso and elastic net on your table", "在你的表格上使用岭回归、lasso 和弹性网络"},
      {"rf.what.table",
       "A linear model predicts the target column from the other columns of the table. Each feature is standardized "
       "on the training rows, so one λ weighs every coefficient alike; a share of the rows is held out as a test set. "
       "The first picture plots predicted against actual values (a perfect fit lies on the diagonal); the bars are "
       "the coefficients, one per feature, hollow where exactly 0. Ridge (L2) shrinks every coefficient and keeps "
       "them all; the lasso (L1) sets some exactly to 0 and so selects features; the elastic net mixes both. The "
       "path shows every coefficient as λ moves from large to small, and the cross-validation curve estimates the "
       "test error from the training rows alone: λ_min has the smallest CV error, λ_1se is the largest λ within one "
       "standard error of it. The intercept b is not penalized.",
       "线性模型用表格中其余各列预测目标列。每个特征都用训练行标准化，所以同一个 λ 对每个系数一视同仁；"
       "一部分行被留作测试集。第一幅图画出预测值对实际值（完美拟合落在对角线上）；柱子是系数，每个特征一根，"
       "恰好为 0 时为空心。岭回归（L2）收缩所有系数但全部保留；lasso（L1）把一些系数恰好变成 0，从而挑选特征；"
       "弹性网络把两者混合。路径图显示 λ 从大到小时每个系数的变化，交叉验证曲线只用训练行估计测试误差："
       "λ_min 的交叉验证误差最小，λ_1se 是在它一个标准误之内的最大 λ。截距 b 不受惩罚。"},
      {"rf.try",
       "1. Set the penalty to none and raise the degree to 15: the curve chases the training points and "
       "explodes past the last of them; the test error is about five times the training error. Then choose ridge and "
       "press λ_1se: the curve calms down and the test error drops.\n"
       "2. Choose the lasso and slide λ from right to left: coefficients leave 0 one at a time, and some return to it "
       "(watch the path and the hollow bars). At λ_1se only a few powers remain.\n"
       "3. Switch the source to diabetes with the lasso: at λ_1se only a few of the 10 variables (bmi, s5, bp, …) "
       "keep a non-zero coefficient. Or drop your own CSV on the window and pick the target column.",
       "1. 把惩罚设为无，次数调到 15：曲线拼命追着训练点走，过了最后一个训练点就暴涨；测试误差约为训练误差的五倍。"
       "再选岭回归并按 λ_1se：曲线平静下来，测试误差下降。\n"
       "2. 选 lasso，把 λ 从右往左拖：系数一个接一个离开 0，有的又回到 0（看路径图和空心柱）。在 λ_1se 处只剩下几个幂次。\n"
       "3. 把数据源换成糖尿病数据并用 lasso：在 λ_1se 处，10 个变量中只有几个（bmi、s5、bp……）保留非零系数。"
       "也可以把自己的 CSV 拖到窗口上，再选择目标列。"},
      // Data
      {"rf.data", "Data", "数据"},
      {"rf.source", "Source", "数据源"},
      {"rf.source.tip",
       "Polynomial: seeded points of a known curve (1 input, a curve to draw). Diabetes: 442 patients, 10 "
       "standardized variables (Efron et al. 2004). CSV: a table you dropped on the window.",
       "多项式：已知曲线上按种子生成的点（一个输入，可以画出曲线）。糖尿病：442 名患者、10 个标准化变量"
       "（Efron 等，2004）。CSV：你拖到窗口上的表格。"},
      {"rf.src.poly", "Polynomial", "多项式"},
      {"rf.src.diabetes", "Diabetes", "糖尿病"},
      {"rf.src.csv", "CSV", "CSV"},
      {"rf.src.csv.none", "CSV (drop a file)", "CSV（拖入文件）"},
      {"rf.drop.hint", "Drop a .csv file (a header row, then numbers) on the window to fit your own data.",
       "把 .csv 文件（第一行是列名，其余是数字）拖到窗口上，就能拟合你自己的数据。"},
      {"rf.function", "True curve", "真实曲线"},
      {"rf.function.tip",
       "The curve the points are drawn from: 1 + sin 2πx (smooth), Runge's 1/(1 + 25(2x−1)²) (hard for "
       "polynomials at the edges), or a step (no polynomial fits it well).",
       "生成数据点的曲线：1 + sin 2πx（平滑）、Runge 函数 1/(1 + 25(2x−1)²)（多项式在两端很难拟合）、或阶跃（没有多项式能拟合好）。"},
      {"rf.fn.sine", "1 + sin 2πx", "1 + sin 2πx"},
      {"rf.fn.runge", "Runge", "Runge 函数"},
      {"rf.fn.step", "step", "阶跃"},
      {"rf.degree", "Degree d", "次数 d"},
      {"rf.degree.tip", "Features x, x², …, x^d (each standardized): d coefficients plus the intercept.",
       "特征 x, x², …, x^d（各自标准化）：d 个系数加一个截距。"},
      {"rf.samples", "Training points n", "训练点数 n"},
      {"rf.samples.tip", "Number of noisy training points. The test set always has 200 points.",
       "带噪声的训练点个数。测试集始终有 200 个点。"},
      {"rf.noise", "Noise σ", "噪声 σ"},
      {"rf.noise.tip", "Standard deviation of the Gaussian noise added to y. The best possible test MSE is about σ².",
       "加到 y 上的高斯噪声的标准差。测试 MSE 最好也只能到 σ² 左右。"},
      {"rf.seed", "Seed", "随机种子"},
      {"rf.seed.tip", "Seeds the points (or the train/test split of a table) and the cross-validation folds.",
       "决定数据点（或表格的训练/测试划分）以及交叉验证的折。"},
      {"rf.target", "Target column", "目标列"},
      {"rf.target.tip", "The column to predict; every other column is a feature.", "要预测的列；其余各列都是特征。"},
      {"rf.test", "Test share", "测试比例"},
      {"rf.test.tip", "Share of the rows held out (seeded) as the test set; the rest is used for fitting and CV.",
       "按种子随机留作测试集的行的比例；其余行用于拟合和交叉验证。"},
      {"rf.standardized", "Features are standardized on the training rows.", "特征用训练行的均值和标准差标准化。"},
      // Penalty
      {"rf.penalty", "Penalty", "惩罚"},
      {"rf.pen.none", "none", "无"},
      {"rf.pen.ridge", "ridge", "岭回归"},
      {"rf.pen.lasso", "lasso", "lasso"},
      {"rf.pen.enet", "elastic net", "弹性网络"},
      {"rf.pen.none.tip", "Ordinary least squares (λ = 0).", "普通最小二乘（λ = 0）。"},
      {"rf.pen.ridge.tip", "L2: λ/2·‖w‖² shrinks all coefficients smoothly, none exactly to 0.",
       "L2：λ/2·‖w‖² 平滑地收缩所有系数，没有一个恰好变成 0。"},
      {"rf.pen.lasso.tip", "L1: λ‖w‖₁ sets coefficients exactly to 0: it selects features.",
       "L1：λ‖w‖₁ 会把系数恰好变成 0：它在挑选特征。"},
      {"rf.pen.enet.tip", "λ(α‖w‖₁ + (1−α)/2‖w‖²): zeros like the lasso, but correlated features are kept together.",
       "λ(α‖w‖₁ + (1−α)/2‖w‖²)：像 lasso 一样产生 0，但相关的特征会被一起保留。"},
      {"rf.alpha", "α (L1 share)", "α（L1 占比）"},
      {"rf.alpha.tip", "Elastic-net mixing: 1 is the lasso, 0 is ridge.", "弹性网络的混合比例：1 即 lasso，0 即岭回归。"},
      {"rf.lambda", "λ", "λ"},
      {"rf.lambda.tip",
       "Strength of the penalty on a log scale, from where the fit is nearly least squares (left) to where every "
       "coefficient is 0 (right). Snaps to quarter decades; the buttons below set λ_min or λ_1se exactly.",
       "惩罚强度（对数刻度）：左端几乎是最小二乘，右端所有系数都为 0。拖动时按四分之一个数量级取值；下面的按钮可把 λ 精确设为 λ_min 或 λ_1se。"},
      {"rf.lambda.off", "λ = 0 (no penalty)", "λ = 0（无惩罚）"},
      {"rf.intercept", "Unpenalized intercept b", "不受惩罚的截距 b"},
      {"rf.intercept.tip",
       "On: b is fitted and never penalized, so a large λ shrinks the fit to the mean of y. Off: no intercept (b = 0): "
       "a large λ pulls every prediction to 0, and data whose mean is not 0 cannot be fitted well.",
       "开：拟合截距 b 且不对它惩罚，λ 很大时拟合收缩到 y 的均值。关：没有截距（b = 0）：λ 很大时所有预测都被拉向 0，"
       "均值不为 0 的数据就拟合不好。"},
      // CV
      {"rf.cv", "Cross-validation", "交叉验证"},
      {"rf.folds", "Folds k", "折数 k"},
      {"rf.folds.tip",
       "The training rows are split (seeded) into k folds; each fold is predicted by the path fitted on the others.",
       "训练行按种子分成 k 折；每一折都由在其余各折上拟合的路径来预测。"},
      {"rf.folds.reduced", "k reduced to %d (at least one row per fold)", "k 减为 %d（每折至少一行）"},
      {"rf.go.min", "λ_min = %.4g", "λ_min = %.4g"},
      {"rf.go.1se", "λ_1se = %.4g", "λ_1se = %.4g"},
      {"rf.go.min.tip", "Set λ exactly to the λ with the smallest mean CV error.", "把 λ 精确设为交叉验证平均误差最小的 λ。"},
      {"rf.go.1se.tip", "Set λ exactly to the largest λ whose CV error is within one standard error of the minimum.",
       "把 λ 精确设为交叉验证误差不超过最小值加一个标准误的最大 λ。"},
      {"rf.nocv", "No path for λ = 0: choose ridge, lasso or elastic net.", "λ = 0 时没有路径：请选岭回归、lasso 或弹性网络。"},
      {"rf.errors", "Errors (mean squared)", "误差（均方）"},
      {"rf.err.train", "train MSE  %.4g", "训练 MSE  %.4g"},
      {"rf.err.test", "test MSE   %.4g", "测试 MSE  %.4g"},
      {"rf.err.nz", "non-zero coefficients  %d of %d", "非零系数  %d / %d"},
      {"rf.notconverged", "The solver hit its epoch limit at this λ: the numbers are approximate.",
       "求解器在这个 λ 处达到了迭代上限：数值只是近似。"},
      // Canvas
      {"rf.fit.title", "MSE train %.3g, test %.3g", "MSE：训练 %.3g，测试 %.3g"},
      {"rf.pva.title", "MSE train %.3g, test %.3g", "MSE：训练 %.3g，测试 %.3g"},
      {"rf.train", "train", "训练"},
      {"rf.testpts", "test", "测试"},
      {"rf.truth", "true curve", "真实曲线"},
      {"rf.fitted", "fit", "拟合"},
      {"rf.ideal", "predicted = actual", "预测 = 实际"},
      {"rf.actual", "actual %s", "实际 %s"},
      {"rf.pva.note", "Predicted vs actual: %d features, no curve to draw", "预测值对实际值：%d 个特征，无法画成曲线"},
      {"rf.busy.read", "Reading %s… %.1f s", "正在读取 %s… %.1f 秒"},
      {"rf.busy.check", "Checking the table in %s… %.1f s", "正在检查 %s 中的表格… %.1f 秒"},
      {"rf.busy.fit", "Fitting the λ path and the cross-validation on %d rows × %d features… %.1f s (the picture "
                      "shows the previous fit until then)",
       "正在对 %d 行 × %d 个特征拟合 λ 路径并做交叉验证… %.1f 秒（完成前显示上一次的拟合）"},
      {"rf.pva.sampled", "; %d of %d rows drawn as dots", "；圆点画出 %d/%d 行"},
      {"rf.predicted", "predicted", "预测值"},
      {"rf.coef.title", "Coefficients: %d/%d non-zero (hollow = 0)", "系数：%d/%d 个非零（空心 = 0）"},
      {"rf.power", "power of x", "x 的幂次"},
      {"rf.coef.grouped", "feature number; one bar per %d features, from their smallest to their largest w",
       "特征编号；每 %d 个特征画一根柱，从其中最小的 w 到最大的 w"},
      {"rf.path.some", "Coefficient path: the %d largest of %d w_j against λ", "系数路径：%d/%d 个最大的 w_j 随 λ 的变化"},
      {"rf.path.title", "Coefficient path: each w_j against λ", "系数路径：每个 w_j 随 λ 的变化"},
      {"rf.cv.title", "%d-fold CV error (mean ± 1 se)", "%d 折交叉验证误差（均值 ± 1 个标准误）"},
      {"rf.cvmse", "CV MSE", "交叉验证 MSE"},
      {"rf.now", "current λ", "当前 λ"},
      {"rf.tab.fit", "Fit", "拟合"},
      {"rf.tab.coef", "Coefficients", "系数"},
      {"rf.tab.path", "λ path", "λ 路径"},
      {"rf.tab.cv", "Cross-validation", "交叉验证"},
      {"rf.empty", "No data", "没有数据"},
      // Formula
      {"rf.f.obj", "min(b, w)  1/(2n)‖y − b − Xw‖² + λ(α‖w‖₁ + (1−α)/2‖w‖²)",
       "min(b, w)  1/(2n)‖y − b − Xw‖² + λ(α‖w‖₁ + (1−α)/2‖w‖²)"},
      {"rf.f.now", "n = %d,  p = %d,  λ = %.4g,  α = %.2g,  b = %.4g", "n = %d，p = %d，λ = %.4g，α = %.2g，b = %.4g"},
      {"rf.f.mse", "train MSE = (1/n)·Σ(yᵢ − b − xᵢᵀw)² = %.4g", "训练 MSE = (1/n)·Σ(yᵢ − b − xᵢᵀw)² = %.4g"},
      {"rf.f.test", "test MSE (m = %d held-out points) = %.4g", "测试 MSE（m = %d 个留出点）= %.4g"},
      {"rf.f.cv", "%d-fold CV:  λ_min = %.4g (CV MSE %.4g)", "%d 折交叉验证：λ_min = %.4g（CV MSE %.4g）"},
      {"rf.f.cv2", "λ_1se = %.4g (CV MSE %.4g, within 1 se)", "λ_1se = %.4g（CV MSE %.4g，在 1 个标准误内）"},
      {"rf.f.nz", "non-zero: %d of %d coefficients", "非零：%d / %d 个系数"},
      {"rf.f.nob", "no intercept: b = 0", "无截距：b = 0"},
      // Messages
      {"rf.msg.diabetes", "Could not read the bundled diabetes data: %s", "无法读取内置的糖尿病数据：%s"},
      {"rf.msg.loaded", "Loaded %s: %d rows, %d columns", "已载入 %s：%d 行，%d 列"},
  };
  return t;
}

}  // namespace nr::app
