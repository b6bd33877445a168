#!/usr/bin/env bash
# Every built clef tool answers --help and --version with exit 0, and --version names the
# tool and the project version.
set -uo pipefail
version="$(grep -m1 -oE 'project\(clef-git VERSION [0-9.]+' "$CLEF_SOURCE_DIR/CMakeLists.txt" | awk '{print $3}')"
status=0
for tool in "$CLEF_TOOLS_DIR"/clef*; do
  name="$(basename "$tool")"
  if ! "$tool" --help >/dev/null 2>&1; then
    echo "FAIL: $name --help exits non-zero" >&2; status=1
  fi
  out="$("$tool" --version 2>&1)"
  if [[ $? -ne 0 || "$out" != *"$version"* || "$out" != *"${name}"* ]]; then
    echo "FAIL: $name --version printed '$out' (wanted its name and $version)" >&2; status=1
  fi
done
exit $status
