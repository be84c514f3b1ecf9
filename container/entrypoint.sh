#!/bin/sh
# Runs mcp-orchestrator as the owner of the mounted working directory (the project), so it can read
# a private checkout and the files it writes belong to that owner; with the group that owns the
# Docker socket, whatever GID the host's docker group has: no chmod 666 on the host, no --privileged.
# A root-owned directory is no reason to run as root: then it runs as the unprivileged "node" user.
# MCP_ORCHESTRATOR_USER (a user name or uid[:gid]) chooses the user explicitly.
set -eu

APP="node /app/dist/cli/mcp-orchestrator.js"

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

# uid:gid to run as: MCP_ORCHESTRATOR_USER, else the working directory's owner, else node.
run_as() {
  if [ -n "${MCP_ORCHESTRATOR_USER:-}" ]; then
    case "$MCP_ORCHESTRATOR_USER" in
      *:*) echo "$MCP_ORCHESTRATOR_USER" ;;
      *[!0-9]*) echo "$(id -u "$MCP_ORCHESTRATOR_USER"):$(id -g "$MCP_ORCHESTRATOR_USER")" ;;
      *) echo "$MCP_ORCHESTRATOR_USER:$MCP_ORCHESTRATOR_USER" ;;
    esac
    return
  fi
  owner=$(stat -c %u:%g .)
  if [ "${owner%%:*}" != 0 ]; then echo "$owner"; else echo "$(id -u node):$(id -g node)"; fi
}

if [ "$(id -u)" = 0 ]; then
  ids=$(run_as)
  uid=${ids%%:*}
  gid=${ids#*:}
  groups=$gid
  if [ -n "$sock" ] && [ -S "$sock" ]; then
    groups="$gid,$(stat -c %g "$sock")"
  fi
  home=$(getent passwd "$uid" | cut -d: -f6 || true)
  if [ -z "$home" ] || [ "$home" = / ]; then
    # A uid with no account here (the host's user): a home of its own for npm's and the code cache's files.
    home=/tmp/mcp-orchestrator-home-$uid
    mkdir -p "$home" && chown "$uid:$gid" "$home" && chmod 0700 "$home"
  fi
  # The directory must be usable by that uid; say so now, in terms of uids, rather than fail later with "permission denied".
  if ! setpriv --reuid="$uid" --regid="$gid" --groups="$groups" test -r . -a -x .; then
    echo "mcp-orchestrator: runs as uid $uid (gid $gid), which cannot read $(pwd) (owned by $(stat -c %u:%g .), mode $(stat -c %a .))." >&2
    echo "  Run it as a user that can: docker run -e MCP_ORCHESTRATOR_USER=UID:GID ... (the directory's owner), or let that uid read the directory." >&2
  fi
  # shellcheck disable=SC2086
  exec setpriv --reuid="$uid" --regid="$gid" --groups="$groups" --inh-caps=-all --no-new-privs env HOME="$home" $APP "$@"
fi

# Started as a non-root user (docker run --user): the socket's group must have been added.
if [ -n "$sock" ] && [ -S "$sock" ] && ! { [ -r "$sock" ] && [ -w "$sock" ]; }; then
  advise "user $(id -u) may not use $sock (owned by group $(stat -c %g "$sock")); add that group: docker run --group-add $(stat -c %g "$sock") ..."
fi
# shellcheck disable=SC2086
exec $APP "$@"
