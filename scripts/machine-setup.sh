#!/usr/bin/env bash
# Makes a fresh Debian machine (root) ready to test or benchmark: a Docker engine answering
# (docker.io installed and dockerd started when none answers) and the packages the local images
# are built from. Used by .ci/run and npm run bench; does nothing that is already done.
# Usage: scripts/machine-setup.sh [tests] [bench]
#   always  docker.io + a running dockerd (log: /tmp/dockerd.log), busybox-static
#   tests   debootstrap (the Debian base the project's own Dockerfile is built on in the tests),
#           docker-registry (a local registry the Swarm tests push to)
#   bench   docker-compose (Debian's v1.29, the benchmark's point of comparison)
set -euo pipefail

apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null 2>&1 || { echo "setup: installing docker.io"; apt_install docker.io; }
  echo "setup: starting dockerd (log: /tmp/dockerd.log)"
  nohup dockerd >/tmp/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "setup: dockerd did not come up"; tail -n 50 /tmp/dockerd.log; exit 1; }
fi
echo "setup: engine $(docker version -f '{{.Server.Version}} (API {{.Server.APIVersion}})')"

# A static busybox goes into the locally built images (test/images/build.sh).
if ! command -v busybox >/dev/null 2>&1 || ldd "$(command -v busybox)" >/dev/null 2>&1; then
  apt_install busybox-static
fi
for purpose in "$@"; do
  case "$purpose" in
    tests)
      command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
      # The local image registry the Swarm tests push built images to.
      command -v docker-registry >/dev/null 2>&1 || apt_install docker-registry
      ;;
    bench) command -v docker-compose >/dev/null 2>&1 || { echo "setup: installing docker-compose"; apt_install docker-compose; } ;;
    *) echo "setup: unknown purpose $purpose (tests, bench)" >&2; exit 64 ;;
  esac
done
