#!/usr/bin/env bash
# Prints a directory to put first on PATH so that `node` (and npm, which runs on it) is Node 22 or
# later, the project's floor (Node 20 is past its end of life): the machine's own node when it is
# recent enough, else the official binary from the npm package node-linux-<arch>, installed once
# into ~/.cache/mcp-orchestrator-node/<version>. Used by .ci/run and npm run bench:
#   export PATH="$(scripts/node-floor.sh):$PATH"
set -euo pipefail
FLOOR=22
VERSION=22.23.5

major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -ge "$FLOOR" ]; then
  dirname "$(command -v node)"
  exit 0
fi
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node-floor: no Node $FLOOR package for $(uname -m): install Node $FLOOR or later" >&2; exit 1 ;;
esac
dir="${XDG_CACHE_HOME:-$HOME/.cache}/mcp-orchestrator-node/$VERSION"
bin="$dir/node_modules/node-linux-$arch/bin"
if [ ! -x "$bin/node" ]; then
  echo "node-floor: this machine has Node $major; installing Node $VERSION (node-linux-$arch) into $dir" >&2
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error "node-linux-$arch@$VERSION" >&2
fi
echo "$bin"
