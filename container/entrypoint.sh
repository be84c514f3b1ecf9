#!/bin/sh
# Runs mcp-orchestrator as the unprivileged "node" user with the group that owns the Docker socket,
# whatever GID the host's docker group has: no chmod 666 on the host, no --privileged.
set -eu

APP="node /app/dist/cli/mcp-orchestrator.js"
RUN_AS=${MCP_ORCHESTRATOR_USER:-node}

# The socket the orchestrator will use: DOCKER_HOST's unix path, or the default.
case "${DOCKER_HOST:-}" in
  unix://*) sock=${DOCKER_HOST#unix://} ;;
  "") sock=/var/run/docker.sock ;;
  *) sock="" ;; # tcp:// or ssh://: no socket to take care of
esac

advise() {
  cat >&2 <<MSG
mcp-orchestrator: $1
  Mount the host's engine socket:   docker run -v /var/run/docker.sock:/var/run/docker.sock ...
  or reach the engine over TCP:      docker run -e DOCKER_HOST=tcp://host.docker.internal:2375 ...
                                     (Docker Desktop / WSL2: "Expose daemon on tcp://localhost:2375")
MSG
}

if [ -n "$sock" ] && [ ! -S "$sock" ]; then
  advise "no Docker socket at $sock"
fi

if [ "$(id -u)" = 0 ]; then
  uid=$(id -u "$RUN_AS")
  gid=$(id -g "$RUN_AS")
  groups=$gid
  if [ -n "$sock" ] && [ -S "$sock" ]; then
    groups="$gid,$(stat -c %g "$sock")"
  fi
  # shellcheck disable=SC2086
  exec setpriv --reuid="$uid" --regid="$gid" --groups="$groups" --inh-caps=-all --no-new-privs env HOME="$(getent passwd "$RUN_AS" | cut -d: -f6)" $APP "$@"
fi

# Started as a non-root user (docker run --user): the socket's group must have been added.
if [ -n "$sock" ] && [ -S "$sock" ] && ! { [ -r "$sock" ] && [ -w "$sock" ]; }; then
  advise "user $(id -u) may not use $sock (owned by group $(stat -c %g "$sock")); add that group: docker run --group-add $(stat -c %g "$sock") ..."
fi
# shellcheck disable=SC2086
exec $APP "$@"
