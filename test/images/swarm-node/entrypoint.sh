#!/bin/sh
# A Docker engine as a container: one machine of the multi-node swarm test.
# Started without --privileged where the kernel withholds a capability Docker's privileged mode
# asks for (this machine's has no CAP_SYS_RESOURCE): the cgroup hierarchies are then mounted
# read-only, so they are mounted afresh, inside the container's own cgroup namespace.
set -eu
if ! touch /sys/fs/cgroup/memory/.rw-probe 2>/dev/null; then
  for dir in /sys/fs/cgroup/*; do
    sub=$(basename "$dir")
    umount "$dir"
    if [ "$sub" = systemd ]; then mount -t cgroup -o none,name=systemd cgroup "$dir"; else mount -t cgroup -o "$sub" cgroup "$dir"; fi
  done
fi
rm -f /sys/fs/cgroup/memory/.rw-probe
exec dockerd --host=unix:///var/run/docker.sock --host=tcp://0.0.0.0:2375 "$@"
