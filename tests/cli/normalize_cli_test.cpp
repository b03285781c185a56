// `nrlab normalize` run as a process: a round trip through files, and every error case (exit status 2, one line on
// stderr, nothing written, an existing output file untouched).
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <fstream>
#include <random>

#include "nr/file_io.h"
#include "nr/normalization.h"
#include "nr/npy.h"
#include "support/run_nrlab.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using namespace nr::core;

namespace {

using Outcome = nr::test::RunResult;

class NormalizeCli : public ::testing::Test {
 protected:
  nr::test::TempDir tmp{"nr_cli"};
  const fs::path dir = tmp.path;
  std::string path(const std::string& name) const { return tmp.file(name); }

  Outcome run(const std::string& args) const { return nr::test::runNrlab(args, dir); }

  Tensor writeInput(const std::string& name, std::vector<int64_t> shape, bool asDouble = false) const {
    Tensor x(shape);
    std::mt19937 rng(9);
    std::normal_distribution<float> d(3.0f, 2.0f);
    for (float& v : x.values()) v = d(rng);
    if (asDouble) {
      std::vector<double> v(x.values().begin(), x.values().end());
      writeFileAtomic(path(name), encodeNpyFloat64(shape, v.data(), v.size()));
    } else {
      writeFileAtomic(path(name), encodeNpyFloat32(shape, x.data(), x.values().size()));
    }
    return x;
  }

  // Runs a command expected to fail; checks status 2, exactly one line on stderr containing `expect`, and that a
  // pre-existing output file is untouched.
  void expectFailure(const std::string& args, const std::string& expect) {
    writeFileAtomic(path("out.npy"), "previous output");
    Outcome r = run(args + " --out " + path("out.npy"));
    EXPECT_EQ(r.status, 2) << args << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(expect), std::string::npos) << "stderr: " << r.err << "\nexpected: " << expect;
    EXPECT_EQ(readFile(path("out.npy")), "previous output");
    for (const auto& e : fs::directory_iterator(dir))
      EXPECT_EQ(e.path().filename().string().find(".nrlab-"), std::string::npos) << "temporary left: " << e.path();
  }
};

TEST_F(NormalizeCli, RoundTripMatchesCore) {
  Tensor x = writeInput("x.npy", {3, 4, 5, 6});
  std::vector<float> gamma = {1.5f, -1, 0.5f, 2}, beta = {0, 1, -1, 0.25f};
  writeFileAtomic(path("g.npy"), encodeNpyFloat32({4}, gamma.data(), 4));
  writeFileAtomic(path("b.npy"), encodeNpyFloat32({4}, beta.data(), 4));
  Outcome r = run("normalize --in " + path("x.npy") + " --out " + path("y.npy") + " --kind group --groups 2 --eps 1e-3" +
              " --gamma " + path("g.npy") + " --beta " + path("b.npy") + " --stats " + path("s.json"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  NormSpec spec = NormSpec::preset(NormKind::Group, 2, 1e-3);
  spec.gamma = gamma;
  spec.beta = beta;
  NormResult expect = normalize(x, spec);
  NpyArray y = readNpy(path("y.npy"));
  EXPECT_FALSE(y.wasFloat64);
  EXPECT_EQ(y.shape, x.shape());
  for (size_t i = 0; i < y.values.size(); ++i) ASSERT_EQ(float(y.values[i]), expect.output.values()[i]) << i;
  nlohmann::json s = nlohmann::json::parse(readFile(path("s.json")));
  EXPECT_EQ(s["axes"], "C,H,W");
  EXPECT_EQ(s["group_count"], 6);
  EXPECT_EQ(s["group_size"], 60);
  EXPECT_EQ(s["mean"].get<std::vector<double>>(), expect.mean);
  EXPECT_EQ(s["var"].get<std::vector<double>>(), expect.var);
}

TEST_F(NormalizeCli, AxesAndFloat64AndRank3) {
  Tensor x = writeInput("x.npy", {4, 3, 7}, true);
  Outcome r = run("normalize --in " + path("x.npy") + " --out " + path("y.npy") + " --axes N,L");
  ASSERT_EQ(r.status, 0) << r.err;
  NormSpec spec;
  spec.axes = {true, false, true, false};
  NormResult expect = normalize(x, spec);
  NpyArray y = readNpy(path("y.npy"));
  EXPECT_EQ(y.shape, (std::vector<int64_t>{4, 3, 7}));
  for (size_t i = 0; i < y.values.size(); ++i) ASSERT_EQ(float(y.values[i]), expect.output.values()[i]);
  // The same as --kind batch.
  Outcome b = run("normalize --in " + path("x.npy") + " --out " + path("z.npy") + " --kind batch");
  ASSERT_EQ(b.status, 0) << b.err;
  EXPECT_EQ(readFile(path("y.npy")), readFile(path("z.npy")));
}

TEST_F(NormalizeCli, HelpAndVersion) {
  Outcome h = run("--help");
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("normalize"), std::string::npos);
  Outcome nh = run("normalize --help");
  EXPECT_EQ(nh.status, 0);
  EXPECT_NE(nh.out.find("--groups"), std::string::npos);
  Outcome v = run("--version");
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.out.rfind("nrlab ", 0), 0u) << v.out;
}

TEST_F(NormalizeCli, EveryErrorExitsTwoAndWritesNothing) {
  writeInput("x.npy", {2, 6, 3, 3});
  const std::string in = " --in " + path("x.npy");
  expectFailure("normalize --in " + path("missing.npy") + " --kind batch", "no such file");
  writeFileAtomic(path("junk.npy"), "this is not numpy");
  expectFailure("normalize --in " + path("junk.npy") + " --kind batch", "not a .npy file");
  std::string good = readFile(path("x.npy"));
  writeFileAtomic(path("cut.npy"), good.substr(0, good.size() - 5));
  expectFailure("normalize --in " + path("cut.npy") + " --kind batch", "truncated");
  std::vector<float> flat = {1, 2, 3};
  writeFileAtomic(path("rank1.npy"), encodeNpyFloat32({3}, flat.data(), 3));
  expectFailure("normalize --in " + path("rank1.npy") + " --kind batch", "rank 2 (N,C), 3 (N,C,L) or 4 (N,C,H,W)");
  std::vector<float> nan = {1, std::nanf(""), 3, 4};
  writeFileAtomic(path("nan.npy"), encodeNpyFloat32({2, 2}, nan.data(), 4));
  expectFailure("normalize --in " + path("nan.npy") + " --kind batch", "NaN at element 1");
  expectFailure("normalize" + in + " --kind group --groups 4", "groups (4) must divide channels (6); try 1, 2, 3 or 6");
  expectFailure("normalize" + in + " --kind group", "--kind group needs --groups");
  expectFailure("normalize" + in + " --kind batch --groups 2", "--groups applies only");
  expectFailure("normalize" + in + " --kind weird", "--kind 'weird' is not known");
  expectFailure("normalize" + in + " --kind batch --axes N", "excludes");
  expectFailure("normalize" + in, "give either --kind");
  expectFailure("normalize" + in + " --axes N,Q", "name each reduced axis once");
  expectFailure("normalize" + in + " --kind layer --eps -1", "--eps must be a positive");
  expectFailure("normalize" + in + " --kind layer --eps abc", "--eps");
  expectFailure("normalize" + in + " --kind layer --bogus 1", "bogus");
  std::vector<float> g3 = {1, 1, 1};
  writeFileAtomic(path("g3.npy"), encodeNpyFloat32({3}, g3.data(), 3));
  expectFailure("normalize" + in + " --kind layer --gamma " + path("g3.npy"), "must be a 1-D array of 6 values");
  expectFailure("normalize" + in + " --kind layer --stats " + path("nofolder/s.json"), "does not exist");
  // The output itself into a missing folder.
  Outcome r = run("normalize" + in + " --kind layer --out " + path("nofolder/y.npy"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
  Outcome full = run("normalize" + in + " --kind layer --out /dev/full");
  EXPECT_EQ(full.status, 2);
  EXPECT_NE(full.err.find("disk is full"), std::string::npos) << full.err;
}

}  // namespace

TEST_F(NormalizeCli, ListLessonsNeedsNoDisplay) {
  const std::string cmd = "env -u DISPLAY " + std::string(NRLAB_EXE) + " --list-lessons >" + path("l.txt");
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::string out = readFile(path("l.txt"));
  EXPECT_NE(out.find("norm-axes\n"), std::string::npos) << out;
}

// A 64 MB array is normalized in about twice its size: the file's bytes go straight into the float tensor, and
// each buffer is released once the next exists (it peaked at 5.1× before). Peak memory, not time.
TEST_F(NormalizeCli, PeakMemoryStaysNearTwiceTheInput) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer's shadow memory makes the peak meaningless";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  GTEST_SKIP() << "AddressSanitizer's shadow memory makes the peak meaningless";
#endif
#endif
  // 16 M float32 values (64 MiB), written in 1 MiB pieces: this process's own peak must stay small, because a
  // spawned child starts in its address space and the kernel counts that peak as the child's.
  {
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (16, 64, 128, 128), }";
    header.append(64 - (10 + header.size() + 1) % 64, ' ');
    header += '\n';
    std::ofstream out(path("big.npy"), std::ios::binary);
    out.write("\x93NUMPY\x01\x00", 8);
    out.put(static_cast<char>(header.size() & 0xff)).put(static_cast<char>(header.size() >> 8));
    out << header;
    std::vector<float> piece(1 << 18);
    std::mt19937 rng(9);
    std::normal_distribution<float> d(3.0f, 2.0f);
    for (int k = 0; k < 64; ++k) {
      for (float& v : piece) v = d(rng);
      out.write(reinterpret_cast<const char*>(piece.data()), static_cast<std::streamsize>(piece.size() * 4));
    }
  }
  const double fileMb = static_cast<double>(fs::file_size(path("big.npy"))) / (1 << 20);
  // Spawned directly (no shell, no fork of this process's pages) and waited for with wait4: its own peak.
  std::vector<std::string> args = {NRLAB_EXE, "normalize", "--in", path("big.npy"), "--out", path("y.npy"), "--kind", "layer"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, NRLAB_EXE, nullptr, nullptr, argv.data(), environ), 0);
  int status = 0;
  rusage use{};
  ASSERT_EQ(wait4(pid, &status, 0, &use), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const double peakMb = static_cast<double>(use.ru_maxrss) / 1024;  // KiB on Linux
  EXPECT_LT(peakMb, 2.0 * fileMb + 40) << "peak " << peakMb << " MiB for a " << fileMb << " MiB input";
}

TEST_F(NormalizeCli, OutputThatCannotBeWrittenOrEmptyValuesExitTwo) {
  // --list-lessons into a full disk: not exit 0.
  const std::string cmd = std::string(NRLAB_EXE) + " --list-lessons >/dev/full 2>" + path("e.txt");
  const int raw = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(raw), 2);
  EXPECT_NE(readFile(path("e.txt")).find("cannot write to standard output"), std::string::npos);
  // --screenshot '' is a mistake, not a request for the GUI (which would need a display).
  for (const char* opt : {"--screenshot", "--export-note", "--scene", "--link"}) {
    const Outcome r = run(std::string(opt) + " ''");
    EXPECT_EQ(r.status, 2) << opt;
    EXPECT_NE(r.err.find(std::string(opt) + " needs a value"), std::string::npos) << r.err;
  }
  // --seed -1 would wrap to 2⁶⁴ − 1; a float64 too large for float32 is printed in a few digits.
  const Outcome s = run("fit --data d.csv --target y --penalty lasso --lambda 1 --out o.csv --seed -1");
  EXPECT_EQ(s.status, 2);
  EXPECT_NE(s.err.find("--seed: must be a whole number"), std::string::npos) << s.err;
  EXPECT_LT(s.err.size(), 200u) << s.err;
}

TEST_F(NormalizeCli, BadGuiOptionsExitTwo) {
  Outcome a = run("--lesson no-such-lesson");
  EXPECT_EQ(a.status, 2);
  EXPECT_NE(a.err.find("unknown lesson 'no-such-lesson'"), std::string::npos) << a.err;
  Outcome b = run("--lesson norm-axes --lang fr");
  EXPECT_EQ(b.status, 2);
  EXPECT_NE(b.err.find("--lang must be en or zh"), std::string::npos) << b.err;
  Outcome c = run("--scale 5");
  EXPECT_EQ(c.status, 2);
  Outcome d = run("--size 100");
  EXPECT_EQ(d.status, 2);
  EXPECT_NE(d.err.find("--size must look like 1600x900"), std::string::npos) << d.err;
}

TEST_F(NormalizeCli, NoDisplayGivesOneClearLine) {
  const std::string cmd = "env -u DISPLAY -u WAYLAND_DISPLAY " + std::string(NRLAB_EXE) +
                          " --lesson norm-axes --screenshot " + path("x.png") + " 2>" + path("e.txt");
  const int raw = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(raw), 1);
  const std::string err = readFile(path("e.txt"));
  EXPECT_NE(err.find("xvfb-run"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(path("x.png")));
}
