// Running a program to read what it prints (a version line): argv without a shell, stdout and
// stderr captured together, with the exit status. Never used for anything that prints
// secrets (that is core/crypto/key_process.h's job).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace clef::install {

struct ProgramOutput {
  int exit_code = 0;  // 128 + signal when killed; 127 when it could not be executed
  std::string text;   // stdout and stderr, interleaved
};

// Runs argv[0] (a path, or a name looked up on PATH). Error only when it cannot be started.
Result<ProgramOutput> RunProgram(const std::vector<std::string>& argv);

}  // namespace clef::install
