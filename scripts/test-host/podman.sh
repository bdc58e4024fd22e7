#!/usr/bin/env bash
# The test host's Podman: `podman.sh start|stop`. Called by start.sh and stop.sh; runnable alone.
#
# A PRIVATE Podman service that never touches the machine's own Podman:
#   - its own storage (--root/--runroot and its own storage.conf), its own containers.conf through
#     CONTAINERS_CONF (so /etc/containers is never read, let alone edited) with `default_ulimits = []`
#     (on this kind of machine containers fail with "error setting rlimit type 7" without it),
#     its own registries.conf, file locks under its own tmp dir (not the shared /dev/shm/libpod_lock);
#   - its own network namespace (`unshare --net`): the CNI bridge, its iptables rules and IP leases
#     live there, so the host's interfaces and firewall stay exactly as they were. The price:
#     ports a container publishes are reachable inside that namespace only.
#   - the API on unix://$PODMAN_SOCK (default /run/berth-test/podman.sock), with the busybox test
#     image copied over from the test dockerd (`docker save | podman load`).
#   - the test registry reachable from inside that namespace at its usual address (127.0.0.1:5000)
#     through registry-relay.mjs, which crosses the namespace by a unix socket (no new interfaces).
#
# Where things go can be overridden, so the script can be developed beside a running test host:
#   BERTH_PODMAN_RUN_DIR   (default /run/berth-test)        socket, pid, log, runroot, tmp
#   BERTH_PODMAN_STATE_DIR (default /var/lib/berth-test/podman)  storage, config files
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
  echo "test host: podman.sh must run as root (rootful podman with its own storage)" >&2
  exit 2
fi

start_podman() {
  local t0
  t0=$(now_ms)
  if pid_alive "$PODMAN_PID" && podman_ping; then
    report podman "already running on $PODMAN_SOCK" "$t0"
    return
  fi
  mkdir -p "$PODMAN_RUN_DIR" "$PODMAN_STATE_DIR/storage" "$PODMAN_STATE_DIR/cni" "$PODMAN_STATE_DIR/cni-leases" \
    "$PODMAN_RUN_DIR/podman-runroot" "$PODMAN_RUN_DIR/podman-tmp"
  write_podman_config
  rm -f "$PODMAN_SOCK"
  # `ip link set lo up` first: a fresh namespace's loopback is down, and containers' DNS and
  # published ports (inside the namespace) want it. The mount namespace is for image pulls and
  # loads, which keep a blob cache at the fixed path /var/lib/containers/cache (no setting moves it):
  # ours is bound over it, and the containers' overlay mounts stay out of the host's mount table.
  mkdir -p "$PODMAN_STATE_DIR/var-lib-containers"
  [ -d /var/lib/containers ] || install -d -m 700 /var/lib/containers
  # env, setsid, unshare and sh each exec the next: $! is the service's own pid.
  env "${PODMAN_ENV[@]}" setsid unshare --net --mount --propagation private -- \
    sh -c 'ip link set lo up && mount --bind "$1" /var/lib/containers && shift && exec "$@"' sh \
    "$PODMAN_STATE_DIR/var-lib-containers" podman "${PODMAN_GLOBAL_FLAGS[@]}" system service --time=0 "unix://$PODMAN_SOCK" \
    >"$PODMAN_LOG" 2>&1 </dev/null 9>&- &
  echo $! >"$PODMAN_PID"
  wait_until 30 podman "$PODMAN_LOG" podman_ping
  report podman "started on $PODMAN_SOCK" "$t0"
}

write_podman_config() {
  cat >"$PODMAN_STATE_DIR/containers.conf" <<EOF
# Written by scripts/test-host/podman.sh; read through CONTAINERS_CONF, in place of /etc/containers.
[containers]
default_ulimits = []
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$PODMAN_RUN_DIR/podman-events.log"
lock_type = "file"
tmp_dir = "$PODMAN_RUN_DIR/podman-tmp"
volume_path = "$PODMAN_STATE_DIR/storage/volumes"
[network]
network_backend = "cni"
network_config_dir = "$PODMAN_STATE_DIR/cni"
EOF
  cat >"$PODMAN_STATE_DIR/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$PODMAN_STATE_DIR/storage"
runroot = "$PODMAN_RUN_DIR/podman-runroot"
EOF
  # The test registry is plain HTTP on loopback; Docker allows 127.0.0.0/8 by default, Podman must be told.
  cat >"$PODMAN_STATE_DIR/registries.conf" <<EOF
unqualified-search-registries = []
short-name-mode = "permissive"
[[registry]]
location = "$REGISTRY_ADDR"
insecure = true
EOF
  # The default network, named as Podman names it so the compatible API's defaults find it. It lives
  # in the service's own network namespace; its leases go under our state, not /var/lib/cni.
  cat >"$PODMAN_STATE_DIR/cni/podman.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "podman",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "berthpod0",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$PODMAN_STATE_DIR/cni-leases",
        "routes": [{ "dst": "0.0.0.0/0" }],
        "ranges": [[{ "subnet": "$PODMAN_SUBNET", "gateway": "$PODMAN_GATEWAY" }]]
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } },
    { "type": "tuning" }
  ]
}
EOF
}

# The test image, moved over from the test dockerd so both engines run the very same bytes.
ensure_podman_test_image() {
  local t0
  t0=$(now_ms)
  if test_podman image exists "$TEST_IMAGE" 2>/dev/null; then
    report "podman test image" "$TEST_IMAGE present" "$t0"
    return
  fi
  if ! engine_ping; then
    echo "test host: the test dockerd ($DOCKER_SOCK) must run first: the Podman test image is copied from it" >&2
    return 1
  fi
  test_docker save "$TEST_IMAGE" | test_podman load >/dev/null
  report "podman test image" "$TEST_IMAGE loaded" "$t0"
}

# Proves what the tests rely on: a container with limits starts and runs (the rlimit setting took).
verify_podman() {
  local t0 output
  t0=$(now_ms)
  if ! output=$(test_podman run --rm --label berth.test=1 --memory 64m --pids-limit 50 --cpus 0.5 \
    "$TEST_IMAGE" echo podman-ok 2>&1) || [ "$output" != podman-ok ]; then
    echo "test host: a container on the test Podman does not run: $output" >&2
    return 1
  fi
  report "podman check" "a container with cpus/memory/pids limits ran" "$t0"
}

# Started also when Podman already runs (a test host started before the relay existed gets it on
# the next start.sh), and again when the one recorded no longer reaches the registry from the
# service's current namespace (a Podman restarted without it leaves it in the old one).
ensure_registry_relay() {
  local t0
  t0=$(now_ms)
  if pid_alive "$RELAY_PID" && relay_ping; then
    report "registry relay" "already running" "$t0"
    return
  fi
  stop_pidfile "$RELAY_PID" "registry relay" >/dev/null
  setsid "$(command -v node)" "$HERE/registry-relay.mjs" "$RELAY_SOCK" "$REGISTRY_ADDR" "$(cat "$PODMAN_PID")" \
    >"$RELAY_LOG" 2>&1 </dev/null 9>&- &
  echo $! >"$RELAY_PID"
  wait_until 10 "registry relay" "$RELAY_LOG" relay_ping
  report "registry relay" "$REGISTRY_ADDR reachable from Podman's namespace" "$t0"
}

stop_podman() {
  # A running container belongs to its conmon, not to the service, and would outlive it (and keep
  # the network namespace alive): stop them first. Every container in this private storage is ours.
  if pid_alive "$PODMAN_PID" && podman_ping; then
    test_podman stop --all --time 2 >/dev/null 2>&1 || echo "test host: stopping the test Podman's containers failed" >&2
  fi
  stop_pidfile "$RELAY_PID" "registry relay"
  stop_pidfile "$PODMAN_PID" podman
  rm -f "$PODMAN_SOCK"
}

script_started=$(now_ms)
report() { echo "$1: $2 ($(($(now_ms) - $3)) ms)"; }

case "${1:-}" in
  start)
    start_podman
    ensure_podman_test_image
    verify_podman
    ensure_registry_relay
    echo "test podman ready in $(($(now_ms) - script_started)) ms on unix://$PODMAN_SOCK"
    ;;
  stop)
    stop_podman
    if [ "${2:-}" = --purge ]; then
      rm -rf "$PODMAN_STATE_DIR"
      echo "podman state under $PODMAN_STATE_DIR removed"
    fi
    ;;
  *)
    echo "usage: podman.sh start | stop [--purge]" >&2
    exit 2
    ;;
esac
