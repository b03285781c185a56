// nrlab: the NR Lab executable. All argument handling lives in cli/cli_main.cpp.
#include "cli/cli_main.h"

int main(int argc, char** argv) { return nr::app::runMain(argc, argv); }
