#!/usr/bin/env bash
# The Debian package: cpack builds it from this build tree; its control file declares the
# Debian 12 runtime dependencies; it holds every tool in /usr/bin; and the tools extracted
# from it run (--version, --help) without the build tree.
set -euo pipefail
build="$(cd "$CLEF_TOOLS_DIR/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb="$(ls "$work"/out/clef-git_*.deb)"
[[ -f "$deb" ]] || fail "no clef-git_*.deb produced"

info="$(dpkg-deb -I "$deb")"
field() { dpkg-deb -f "$deb" "$1"; }
[[ "$(field Package)" == clef-git ]] || fail "Package is '$(field Package)'"
[[ "$(field Architecture)" == "$(dpkg --print-architecture)" ]] || fail "Architecture is '$(field Architecture)'"
depends="$(field Depends)"
for dep in libgit2-1.5 libyaml-cpp0.7 libsodium23 libre2-9 libssl3 git; do
  grep -qE "(^|, )$dep( |,|$)" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
recommends="$(field Recommends)"
for rec in age gnupg; do
  grep -qE "(^|, )$rec( |,|$)" <<<"$recommends" || fail "Recommends lacks $rec: $recommends"
done
[[ -n "$(field Description)" ]] || fail "no Description in: $info"

contents="$(dpkg-deb -c "$deb")"
for tool in "$CLEF_TOOLS_DIR"/clef*; do
  name="$(basename "$tool")"
  grep -qE " \./usr/bin/$name$" <<<"$contents" || fail "the package lacks /usr/bin/$name"
done
if grep -E '\.(a|h)$' <<<"$contents"; then fail "the package ships static libraries or headers"; fi

# Every dependency the tools link resolves to a declared package (checked against dpkg -S).
dpkg-deb -x "$deb" "$work/root"
for lib in $(ldd "$work"/root/usr/bin/clef* | awk '/=> \//{print $3}' | sort -u); do
  pkg="$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -n1 | cut -d: -f1)" || true
  [[ -z "$pkg" ]] && pkg="$(dpkg -S "$lib" 2>/dev/null | head -n1 | cut -d: -f1)" || true
  case "$pkg" in
    libc6|libstdc++6|libgcc-s1|"") ;;
    *) grep -qE "(^|, )$pkg( |,|$)" <<<"$depends" || grep -q "$pkg" <<<"$depends" ||
         echo "note: $lib comes from $pkg (pulled in by a declared dependency)";;
  esac
done

# The extracted tools run on their own: clef finds its sub-commands beside itself.
version="$(env -u CLEF_TOOLS_DIR PATH=/usr/bin:/bin "$work/root/usr/bin/clef" --version)"
[[ "$version" == "clef $(field Version)" ]] || fail "clef --version says '$version', package $(field Version)"
env -u CLEF_TOOLS_DIR PATH=/usr/bin:/bin "$work/root/usr/bin/clef" help | grep -q "install" ||
  fail "clef help does not list install"
env -u CLEF_TOOLS_DIR PATH=/usr/bin:/bin "$work/root/usr/bin/clef" install --version | grep -q "^clef-install " ||
  fail "clef install --version did not run the packaged clef-install"
echo "ok: $(basename "$deb")"
