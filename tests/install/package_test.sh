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

# Every library a tool links directly comes from a package the control file declares.
dpkg-deb -x "$deb" "$work/root"
for bin in "$work"/root/usr/bin/clef*; do
  for soname in $(readelf -d "$bin" | awk '/NEEDED/{gsub(/[\[\]]/,"",$5); print $5}'); do
    # The dynamic loader (NEEDED when a static archive uses its TLS helpers) is listed by its
    # path, not as `soname => path`.
    lib="$(ldd "$bin" | awk -v s="$soname" '$1==s{print $3} $1 ~ ("/" s "$"){print $1}')"
    [[ -n "$lib" ]] || fail "$(basename "$bin") needs $soname, which does not resolve"
    pkg="$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || true)"
    pkg="${pkg%%:*}"
    case "$pkg" in
      libc6|libstdc++6|libgcc-s1) ;;
      *) grep -qE "(^|, )$pkg( |,|$)" <<<"$depends" ||
           fail "$(basename "$bin") links $soname from '$pkg', which Depends does not name: $depends";;
    esac
  done
done

# The extracted tools run on their own: clef finds its sub-commands beside itself.
version="$(env -u CLEF_TOOLS_DIR PATH=/usr/bin:/bin "$work/root/usr/bin/clef" --version)"
[[ "$version" == "clef $(field Version)" ]] || fail "clef --version says '$version', package $(field Version)"
env -u CLEF_TOOLS_DIR PATH=/usr/bin:/bin "$work/root/usr/bin/clef" help | grep -q "install" ||
  fail "clef help does not list install"
env -u CLEF_TOOLS_DIR PATH=/usr/bin:/bin "$work/root/usr/bin/clef" install --version | grep -q "^clef-install " ||
  fail "clef install --version did not run the packaged clef-install"
echo "ok: $(basename "$deb")"
