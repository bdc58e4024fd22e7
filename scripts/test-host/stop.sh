#!/usr/bin/env bash
# Stops what start.sh started, each by the pid it recorded. State under /var/lib/berth-test is kept
# (images, registry data, keys); pass --purge to remove it too.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

bash "$HERE/podman.sh" stop "${1:-}"
stop_pidfile "$SSH_PID" sshd
stop_pidfile "$REGISTRY_PID" registry
# dockerd stops its containers on SIGTERM; containerd goes after it so it can clean up the shims.
stop_pidfile "$DOCKER_PID" dockerd
stop_pidfile "$CONTAINERD_PID" containerd
if ip link show "$BRIDGE" >/dev/null 2>&1; then
  ip link delete "$BRIDGE"
fi
rm -f "$ENV_JSON" "$RUN_DIR/engine-verified" "$DOCKER_SOCK"
if [ "${1:-}" = --purge ]; then
  rm -rf "$STATE_DIR"
  echo "state under $STATE_DIR removed"
fi
