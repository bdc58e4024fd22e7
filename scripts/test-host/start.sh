#!/usr/bin/env bash
# Starts the Berth test host and waits until every service answers:
#   containerd + a PRIVATE dockerd on unix:///run/berth-test/docker.sock (never the system engine),
#   the busybox test image, a private registry on 127.0.0.1:5000 (htpasswd auth), sshd on 127.0.0.1:2222,
#   and a private Podman service on unix:///run/berth-test/podman.sock (podman.sh).
# Idempotent: a service whose pidfile names a live process that answers is left alone.
# Writes /run/berth-test/env.json (see test/support/testHost.ts). Must run as root.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
  echo "test host: start.sh must run as root (it starts dockerd and sshd)" >&2
  exit 2
fi

mkdir -p "$RUN_DIR" "$STATE_DIR"
chmod 755 "$RUN_DIR" "$STATE_DIR"
# Several `npm test` runs may start at once: one starts the services, the others wait and reuse them.
# (Every service is launched with fd 9 closed, or it would hold this lock for its whole life.)
exec 9>"$RUN_DIR/start.lock"
flock 9

script_started=$(now_ms)
report() { echo "$1: $2 ($(($(now_ms) - $3)) ms)"; }

start_containerd() {
  local t0
  t0=$(now_ms)
  if pid_alive "$CONTAINERD_PID" && containerd_ready; then
    report containerd "already running" "$t0"
    return
  fi
  mkdir -p "$RUN_DIR/containerd" "$STATE_DIR/containerd"
  # Our own containerd: a dockerd without --containerd would share the system's one if it runs.
  cat >"$STATE_DIR/containerd.toml" <<EOF
version = 2
root = "$STATE_DIR/containerd"
state = "$RUN_DIR/containerd"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$CONTAINERD_SOCK"
[ttrpc]
  address = "$CONTAINERD_SOCK.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$STATE_DIR/containerd/opt"
EOF
  rm -f "$CONTAINERD_SOCK"
  setsid containerd --config "$STATE_DIR/containerd.toml" >"$RUN_DIR/containerd.log" 2>&1 </dev/null 9>&- &
  echo $! >"$CONTAINERD_PID"
  wait_until 20 containerd "$RUN_DIR/containerd.log" containerd_ready
  report containerd "started" "$t0"
}

ensure_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
  fi
  if ! ip -4 addr show dev "$BRIDGE" | grep -q "inet $BRIDGE_CIDR"; then
    ip addr add "$BRIDGE_CIDR" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
}

engine_started_now=0
start_engine() {
  local t0
  t0=$(now_ms)
  if pid_alive "$DOCKER_PID" && engine_ping; then
    report dockerd "already running" "$t0"
    return
  fi
  ensure_bridge
  mkdir -p "$RUN_DIR/exec" "$STATE_DIR/docker"
  # An empty daemon.json of our own, so edits to /etc/docker/daemon.json never reach the test engine.
  [ -f "$STATE_DIR/daemon.json" ] || echo '{}' >"$STATE_DIR/daemon.json"
  rm -f "$DOCKER_SOCK"
  # --ip-forward=false: published ports go through the userland proxy on loopback, so the host's
  # forwarding setting need not change. --cgroup-parent keeps our containers apart from the system engine's.
  setsid dockerd \
    --config-file "$STATE_DIR/daemon.json" \
    --containerd "$CONTAINERD_SOCK" --containerd-namespace berth-test --containerd-plugins-namespace berth-test-plugins \
    -H "unix://$DOCKER_SOCK" --data-root "$STATE_DIR/docker" --exec-root "$RUN_DIR/exec" --pidfile "$DOCKER_PID" \
    --bridge "$BRIDGE" --iptables=false --ip-masq=false --ip-forward=false --userland-proxy=true \
    --default-address-pool "base=$ADDRESS_POOL,size=24" --cgroup-parent /berth-test \
    >"$RUN_DIR/dockerd.log" 2>&1 </dev/null 9>&- &
  wait_until 30 dockerd "$RUN_DIR/dockerd.log" engine_ping
  engine_started_now=1
  report dockerd "started" "$t0"
}

ensure_test_image() {
  local t0 rootfs applet
  t0=$(now_ms)
  if test_docker image inspect "$TEST_IMAGE" >/dev/null 2>&1; then
    report "test image" "$TEST_IMAGE present" "$t0"
    return
  fi
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,home,var/tmp,proc,sys,dev}
  install -d -m 1777 "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  # --list-full gives each applet's conventional path (bin/ls, usr/bin/awk, sbin/ip...).
  while read -r applet; do
    [ "$applet" = bin/busybox ] || ln -sf /bin/busybox "$rootfs/$applet"
  done < <(/bin/busybox --list-full)
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\nnobody:x:65534:\n' >"$rootfs/etc/group"
  tar --numeric-owner --owner=0 --group=0 -C "$rootfs" -c . |
    test_docker import -c 'CMD ["/bin/sh"]' -c 'LABEL berth.test=1' - "$TEST_IMAGE" >/dev/null
  rm -rf "$rootfs"
  report "test image" "$TEST_IMAGE imported" "$t0"
}

# Proves what the tests rely on: -p publishing through the userland proxy and enforced limits.
verify_engine() {
  local t0 id outcome
  t0=$(now_ms)
  id=$(test_docker run -d --label berth.test=1 -p 127.0.0.1::80 --cpus 0.5 --memory 64m --pids-limit 50 \
    "$TEST_IMAGE" httpd -f -p 80 -h /etc 2>"$RUN_DIR/probe.err") || { cat "$RUN_DIR/probe.err" >&2; return 1; }
  outcome=$(check_probe_container "$id" 2>&1) || {
    test_docker rm -f "$id" >/dev/null 2>&1 || true
    echo "test host: $outcome" >&2
    return 1
  }
  test_docker rm -f "$id" >/dev/null
  cat "$DOCKER_PID" >"$RUN_DIR/engine-verified"
  report "engine check" "$outcome" "$t0"
}

check_probe_container() {
  local id=$1 port body memory pids nano_cpus
  port=$(test_docker port "$id" 80/tcp | head -n 1 | sed 's/.*://')
  body=$(curl -sf --retry 20 --retry-delay 0 --retry-all-errors --max-time 5 "http://127.0.0.1:$port/passwd" || true)
  if ! grep -q '^root:' <<<"$body"; then
    echo "publishing -p 127.0.0.1:$port:80 on the test engine does not work"
    return 1
  fi
  memory=$(cat "/sys/fs/cgroup/memory/berth-test/$id/memory.limit_in_bytes" 2>/dev/null || echo missing)
  pids=$(cat "/sys/fs/cgroup/pids/berth-test/$id/pids.max" 2>/dev/null || echo missing)
  nano_cpus=$(cat "/sys/fs/cgroup/cpu/berth-test/$id/cpu.cfs_quota_us" 2>/dev/null || echo missing)
  if [ "$memory" != 67108864 ] || [ "$pids" != 50 ] || [ "$nano_cpus" != 50000 ]; then
    echo "limits not enforced in the cgroups (memory=$memory pids=$pids cfs_quota=$nano_cpus)"
    return 1
  fi
  echo "published 127.0.0.1:$port->80; cpus/memory/pids limits enforced"
}

start_registry() {
  local t0 password
  t0=$(now_ms)
  mkdir -p "$REGISTRY_DIR/data"
  chmod 700 "$REGISTRY_DIR"
  if [ ! -s "$REGISTRY_DIR/password" ]; then
    (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$REGISTRY_DIR/password")
    rm -f "$REGISTRY_DIR/htpasswd"
  fi
  password=$(cat "$REGISTRY_DIR/password")
  [ -s "$REGISTRY_DIR/htpasswd" ] || htpasswd -Bbn "$REGISTRY_USER" "$password" >"$REGISTRY_DIR/htpasswd"
  if pid_alive "$REGISTRY_PID" && registry_ping; then
    report registry "already running on $REGISTRY_ADDR" "$t0"
    return
  fi
  if registry_ping; then
    echo "test host: something else answers on $REGISTRY_ADDR; stop it or free the port" >&2
    return 1
  fi
  cat >"$REGISTRY_DIR/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/data
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
  secret: $(head -c 24 /dev/urandom | base64)
auth:
  htpasswd:
    realm: berth-test
    path: $REGISTRY_DIR/htpasswd
EOF
  setsid docker-registry serve "$REGISTRY_DIR/config.yml" >"$RUN_DIR/registry.log" 2>&1 </dev/null 9>&- &
  echo $! >"$REGISTRY_PID"
  wait_until 20 registry "$RUN_DIR/registry.log" registry_ping
  report registry "started on $REGISTRY_ADDR" "$t0"
}

start_sshd() {
  local t0
  t0=$(now_ms)
  mkdir -p "$SSH_DIR" /run/sshd
  chmod 700 "$SSH_DIR"
  [ -s "$SSH_DIR/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C berth-test-host -f "$SSH_DIR/ssh_host_ed25519_key"
  [ -s "$SSH_DIR/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C berth-test-client -f "$SSH_DIR/client_ed25519"
  cp "$SSH_DIR/client_ed25519.pub" "$SSH_DIR/authorized_keys"
  echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$SSH_DIR/ssh_host_ed25519_key.pub")" >"$SSH_DIR/known_hosts"
  if pid_alive "$SSH_PID" && ssh_ping; then
    report sshd "already running on 127.0.0.1:$SSH_PORT" "$t0"
    return
  fi
  cat >"$SSH_DIR/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $SSH_DIR/ssh_host_ed25519_key
PidFile $SSH_PID
UsePAM no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile $SSH_DIR/authorized_keys
AllowStreamLocalForwarding yes
AllowTcpForwarding yes
Subsystem sftp internal-sftp
EOF
  # sshd daemonizes itself and writes PidFile; setsid keeps it out of our caller's process group.
  setsid /usr/sbin/sshd -f "$SSH_DIR/sshd_config" -E "$RUN_DIR/sshd.log" </dev/null 9>&-
  wait_until 20 sshd "$RUN_DIR/sshd.log" ssh_ping
  report sshd "started on 127.0.0.1:$SSH_PORT" "$t0"
}

write_env() {
  (
    umask 077
    cat >"$ENV_JSON.tmp" <<EOF
{
  "dockerSocket": "$DOCKER_SOCK",
  "dockerHost": "unix://$DOCKER_SOCK",
  "podmanSocket": "$PODMAN_SOCK",
  "podmanHost": "unix://$PODMAN_SOCK",
  "testImage": "$TEST_IMAGE",
  "registry": {
    "url": "http://$REGISTRY_ADDR",
    "host": "$REGISTRY_ADDR",
    "user": "$REGISTRY_USER",
    "password": "$(cat "$REGISTRY_DIR/password")"
  },
  "ssh": {
    "host": "127.0.0.1",
    "port": $SSH_PORT,
    "user": "root",
    "privateKeyPath": "$SSH_DIR/client_ed25519",
    "knownHostsPath": "$SSH_DIR/known_hosts"
  }
}
EOF
  )
  chmod 600 "$ENV_JSON.tmp"
  mv "$ENV_JSON.tmp" "$ENV_JSON"
}

start_containerd
start_engine
ensure_test_image
if [ "$engine_started_now" = 1 ] || [ "$(cat "$RUN_DIR/engine-verified" 2>/dev/null)" != "$(cat "$DOCKER_PID")" ]; then
  verify_engine
fi
start_registry
start_sshd
bash "$HERE/podman.sh" start 9>&-
write_env
echo "test host ready in $(($(now_ms) - script_started)) ms; details in $ENV_JSON"
