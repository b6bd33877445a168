// The one error model of clef-git's core.
//
// A fallible function returns `Result<T>` (or `Status` when there is no value). An `Error`
// says what is wrong in words a user can act on and, where it concerns a file, which file and
// where in it. Messages never contain secret values: they name key paths, recipients, files.
//
//   Result<Document> doc = ParseYaml(text, "secrets/api/dev.enc.yaml");
//   if (!doc.ok()) { std::cerr << doc.error().Describe() << "\n"; return ExitCode::kError; }
//   UseDocument(*doc);
//
// Exceptions are only for the truly unexpected (allocation failure, logic errors); each
// executable catches them once in main().
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace clef {

struct Error {
  std::string message;  // what is wrong; may end with what to do about it
  std::string file;     // the file it concerns, empty if none
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown
  std::string hint;     // the fix, when there is a clear one ("run `sops updatekeys FILE`")

  // "file:line:column: message (hint)"; the parts that are unknown are left out.
  std::string Describe() const;

  // Returns a copy whose `file` is set when it was empty (for errors raised below the layer
  // that knows the file name).
  Error InFile(const std::string& path) const;
};

inline Error MakeError(std::string message, std::string file = {}, int line = 0, int column = 0) {
  return Error{std::move(message), std::move(file), line, column, {}};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// A Result without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  static Status Ok() { return Status(); }

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { assert(!ok()); return *error_; }

 private:
  std::optional<Error> error_;
};

// Process exit codes shared by every tool (see design.md, "Exit codes and output").
enum ExitCode : int {
  kExitOk = 0,        // success / clean
  kExitNegative = 1,  // the tool's negative answer: conflict, findings, violations
  kExitError = 2,     // usage or operational error
};

}  // namespace clef
