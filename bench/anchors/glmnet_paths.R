# Median ms of glmnet paths (100 lambdas, ratio 1e-3, standardize=FALSE) as shared/tools/anchors/glmnet_times.R
# measures them, same data generator and seed, plus the p >> n case of BM_LassoPath/100x5000, and with a finer clock:
# each sample times `inner` calls together (proc.time counts whole milliseconds; the diabetes paths take about one).
# Run: DIAB_X=assets/data/diabetes_X.csv DIAB_Y=assets/data/diabetes_y.csv Rscript bench/anchors/glmnet_paths.R
suppressMessages(library(glmnet))
set.seed(1)
tm <- function(f, reps, inner) {
  ts <- numeric(reps)
  for (i in 1:reps) {
    t0 <- proc.time()[["elapsed"]]
    for (k in 1:inner) f()
    ts[i] <- (proc.time()[["elapsed"]] - t0) / inner
  }
  median(ts) * 1000
}
mk <- function(n, p) {
  X <- matrix(rnorm(n * p), n, p)
  b <- numeric(p)
  b[sample(p, 10)] <- rnorm(10, 0, 2)
  list(X = X, y = drop(X %*% b + rnorm(n)))
}
path <- function(d, alpha) {
  function() glmnet(d$X, d$y, alpha = alpha, nlambda = 100, lambda.min.ratio = 1e-3, standardize = FALSE)
}
diab <- list(X = as.matrix(read.csv(Sys.getenv("DIAB_X"))), y = read.csv(Sys.getenv("DIAB_Y"))$y)
out <- c(diabetes_lasso = tm(path(diab, 1), 21, 50), diabetes_enet = tm(path(diab, 0.5), 21, 50))
a <- mk(1000, 200); out["1000x200"] <- tm(path(a, 1), 21, 5)
b <- mk(200, 1000); out["200x1000"] <- tm(path(b, 1), 21, 5)
w <- mk(100, 5000); out["100x5000"] <- tm(path(w, 1), 21, 5)
cat(paste(names(out), format(out, digits = 4), sep = "=", collapse = " "), "\n")
