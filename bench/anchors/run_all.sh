#!/bin/sh
# Runs nr_bench and every anchor once, in one session, and writes their outputs to OUT (default /tmp/nr-bench-run):
# the stream probe, PyTorch normalization (shared script + torch_norm_extra.py), glmnet paths (shared script +
# glmnet_paths.R), then ROUNDS (default 5) pairs of the probe and the 32x64x56x56 kernels. bench/anchors/table.py
# OUT then prints the table of bench/README.md. Run it from the repository root on an otherwise idle machine (other
# processes share the memory bandwidth), after building nr_bench:
#   sh bench/anchors/run_all.sh && /usr/bin/python3 bench/anchors/table.py
set -eu
OUT=${OUT:-/tmp/nr-bench-run}
SHARED=${SHARED:-../shared/tools/anchors}
REPS=${REPS:-5}
mkdir -p "$OUT"
gcc -O3 -march=native -fopenmp -o "$OUT/stream" "$SHARED/stream.c" -lm
OMP_NUM_THREADS=1 "$OUT/stream" 6422528 20 > "$OUT/stream.txt"
./build/bench/nr_bench --benchmark_filter='BM_Normalize/.*/(32x64x56x56|8x256x28x28)|BM_LassoPath|BM_ElasticNetPath' \
  --benchmark_min_time=0.2 --benchmark_repetitions="$REPS" --benchmark_report_aggregates_only=true \
  --benchmark_format=json > "$OUT/nr_bench.json"
/usr/bin/python3 "$SHARED/torch_norm_times.py" > "$OUT/torch.json"
/usr/bin/python3 bench/anchors/torch_norm_extra.py > "$OUT/torch_extra.json"
DIAB_X=assets/data/diabetes_X.csv DIAB_Y=assets/data/diabetes_y.csv Rscript "$SHARED/glmnet_times.R" > "$OUT/glmnet.txt"
DIAB_X=assets/data/diabetes_X.csv DIAB_Y=assets/data/diabetes_y.csv Rscript bench/anchors/glmnet_paths.R \
  > "$OUT/glmnet_paths.txt"
# Paired rounds for the bound column: the probe and the 32x64x56x56 kernels back to back, ROUNDS times, so that
# each ratio to the bound compares two measurements taken seconds apart (on a shared machine the memory bandwidth
# left to one thread moves from minute to minute by more than the margins measured here).
ROUNDS=${ROUNDS:-5}
i=1
while [ "$i" -le "$ROUNDS" ]; do
  OMP_NUM_THREADS=1 "$OUT/stream" 6422528 20 > "$OUT/pair-$i-stream.txt"
  ./build/bench/nr_bench --benchmark_filter='BM_Normalize/(batch|layer|instance|group)/32x64x56x56(/float64)?/real' \
    --benchmark_min_time=0.2 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
    --benchmark_format=json > "$OUT/pair-$i-nr.json"
  i=$((i + 1))
done
echo "outputs in $OUT"
