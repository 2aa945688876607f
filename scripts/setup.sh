#!/usr/bin/env bash
# Prepares a fresh developer machine (Debian) for kubelab: the two servers `kubelab up` starts,
# the npm dependencies, and a build into dist/. Safe to run again: installs only what is missing.
#
#   bash scripts/setup.sh
#
# kubectl is not installed here: the tests use /usr/bin/kubectl (v1.32), which Debian does not ship.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '==> %s\n' "$*"; }

as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "error: need root (or sudo) to run: $*" >&2; exit 1
  fi
}

# Debian puts nats-server in /usr/sbin, which is not on every user's PATH.
have() { command -v "$1" >/dev/null || [[ -x /usr/sbin/$1 || -x /usr/bin/$1 ]]; }

missing=()
have redis-server || missing+=(redis-server)
have nats-server || missing+=(nats-server)
if ((${#missing[@]})); then
  say "installing ${missing[*]} (apt-get)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
nats_bin="$(command -v nats-server || echo /usr/sbin/nats-server)"
say "using $(redis-server --version | cut -d' ' -f1-3) and $("$nats_bin" --version)"

if [[ ! -x /usr/bin/kubectl ]]; then
  echo "warning: /usr/bin/kubectl is missing; the end-to-end tests drive the real kubectl v1.32" >&2
fi

say "npm ci"
npm ci --no-audit --no-fund --loglevel=error

say "build (tsc -b)"
npm run build --silent
say "ready: node dist/cli/main.js up   (or npm link, then kubelab up)"
