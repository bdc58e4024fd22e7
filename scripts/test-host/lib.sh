# Shared by start.sh and stop.sh: where the Berth test host keeps things, and small helpers.
# Everything lives under /run/berth-test (runtime: sockets, pids, logs) and /var/lib/berth-test
# (state that should survive a restart: images, registry data, keys, the registry password).

RUN_DIR=/run/berth-test
STATE_DIR=/var/lib/berth-test

BRIDGE=berth0
BRIDGE_CIDR=172.29.0.1/24
# User-defined networks on the test engine come from here, away from the system engine's 172.17+ pools.
ADDRESS_POOL=172.30.0.0/16

CONTAINERD_SOCK=$RUN_DIR/containerd/containerd.sock
CONTAINERD_PID=$RUN_DIR/containerd.pid
DOCKER_SOCK=$RUN_DIR/docker.sock
DOCKER_PID=$RUN_DIR/docker.pid
TEST_IMAGE=berth-test/busybox:latest

REGISTRY_DIR=$STATE_DIR/registry
REGISTRY_ADDR=127.0.0.1:5000
REGISTRY_USER=berth
REGISTRY_PID=$RUN_DIR/registry.pid

SSH_DIR=$STATE_DIR/ssh
SSH_PORT=2222
SSH_PID=$RUN_DIR/sshd.pid

ENV_JSON=$RUN_DIR/env.json

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# pid_alive PIDFILE: the pid in the file names a running process.
pid_alive() {
  local pid
  [ -s "$1" ] || return 1
  pid=$(cat "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# wait_until SECONDS DESCRIPTION LOGFILE COMMAND...: poll every 50 ms; on timeout show the log's tail.
wait_until() {
  local deadline=$(($(now_ms) + $1 * 1000)) what=$2 log=$3
  shift 3
  until "$@" >/dev/null 2>&1; do
    if [ "$(now_ms)" -ge "$deadline" ]; then
      echo "test host: $what did not become ready; last lines of $log:" >&2
      tail -n 25 "$log" >&2 || true
      return 1
    fi
    sleep 0.05
  done
}

engine_ping() { curl -sf --max-time 2 --unix-socket "$DOCKER_SOCK" http://engine/_ping | grep -qx OK; }
containerd_ready() { [ -S "$CONTAINERD_SOCK" ]; }
registry_ping() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$REGISTRY_ADDR/v2/")" = 401 ]; }
ssh_ping() {
  ssh -F /dev/null -i "$SSH_DIR/client_ed25519" -o UserKnownHostsFile="$SSH_DIR/known_hosts" \
    -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o BatchMode=yes \
    -o ConnectTimeout=3 -p "$SSH_PORT" root@127.0.0.1 true
}

# The CLI talks to the test engine only, with its own config dir (no contexts, no credentials of others).
test_docker() { DOCKER_HOST="unix://$DOCKER_SOCK" DOCKER_CONFIG="$STATE_DIR/docker-cli" DOCKER_CONTEXT='' docker "$@"; }

# stop_pidfile PIDFILE NAME: SIGTERM, wait up to 20 s, then SIGKILL. Only the process we recorded.
stop_pidfile() {
  local pidfile=$1 name=$2 pid i
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    return 0
  fi
  pid=$(cat "$pidfile")
  kill -TERM "$pid"
  for i in $(seq 1 400); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "test host: $name (pid $pid) ignored SIGTERM for 20 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  echo "$name: stopped"
}

# The test Podman (podman.sh). Overridable so it can be developed beside a running test host.
PODMAN_RUN_DIR=${BERTH_PODMAN_RUN_DIR:-$RUN_DIR}
PODMAN_STATE_DIR=${BERTH_PODMAN_STATE_DIR:-$STATE_DIR/podman}
PODMAN_SOCK=$PODMAN_RUN_DIR/podman.sock
PODMAN_PID=$PODMAN_RUN_DIR/podman.pid
PODMAN_LOG=$PODMAN_RUN_DIR/podman.log
# Inside the service's own network namespace, so it can't clash with the host's routes.
PODMAN_SUBNET=172.31.0.0/24
PODMAN_GATEWAY=172.31.0.1
PODMAN_GLOBAL_FLAGS=(--root "$PODMAN_STATE_DIR/storage" --runroot "$PODMAN_RUN_DIR/podman-runroot" --storage-driver overlay)

# Every podman invocation reads our config files only, never /etc/containers.
PODMAN_ENV=(
  "CONTAINERS_CONF=$PODMAN_STATE_DIR/containers.conf"
  "CONTAINERS_STORAGE_CONF=$PODMAN_STATE_DIR/storage.conf"
  "CONTAINERS_REGISTRIES_CONF=$PODMAN_STATE_DIR/registries.conf"
)
podman_ping() { curl -sf --max-time 2 --unix-socket "$PODMAN_SOCK" http://podman/_ping | grep -qx OK; }
# The test registry as seen from inside the Podman service's network namespace (registry-relay.mjs).
RELAY_SOCK=$PODMAN_RUN_DIR/registry-relay.sock
RELAY_PID=$PODMAN_RUN_DIR/registry-relay.pid
RELAY_LOG=$PODMAN_RUN_DIR/registry-relay.log
# What Podman's pulls meet at the registry's address: the registry's 401 means the relay is through.
relay_ping() {
  [ "$(nsenter --target "$(cat "$PODMAN_PID")" --net -- \
    curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$REGISTRY_ADDR/v2/")" = 401 ]
}
# The podman CLI as a client of the test service (remote mode), so every container it makes lives in
# the service's network namespace and storage.
test_podman() { env "${PODMAN_ENV[@]}" podman --url "unix://$PODMAN_SOCK" "$@"; }
