#!/bin/bash
# Boots a built Berth VM image exactly per docs/vm-image.md (-smp 2 -m 2048, TCG) and times it:
# first serial line, BERTH-PHASE sshd, BERTH-PHASE engine; then over ssh: docker info, a
# busybox image imported from the host's busybox-static, a container run, a published port
# reached through a QMP hostfwd_add, outbound network from a container, and the clean
# shutdown after QMP system_powerdown.
# Usage: resources/vm/boot-test.sh [IMAGE_DIR] [DATA_IMG]
#   DATA_IMG: reuse this data disk (a second boot); default a fresh empty 20G sparse file.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
IMG=${1:-$("$HERE/build.sh" | tail -1)}
T=$(mktemp -d /tmp/berth-boot.XXXXXX)
DATA=${2:-$T/data.img}
[ -e "$DATA" ] || truncate -s 20G "$DATA"
PORT=$((20000 + RANDOM % 10000)) HPORT=$((30000 + RANDOM % 10000))
ssh-keygen -q -t ed25519 -N '' -C berth-boot-test -f "$T/key"
KEY=$(tr -d '\n' <"$T/key.pub" | base64 -w0 | tr '+/' '-_' | tr -d '=')
CMDLINE=$(sed -n 's/^  "cmdline": "\(.*\)"$/\1/p' "$IMG/manifest.json")

echo "boot-test: host load $(cut -d' ' -f1-3 /proc/loadavg) (other work on these 2 cores skews every figure)"
start=$EPOCHREALTIME
el() { awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.1f", b-a}'; }
# Serial console to stdout of qemu, each line stamped with seconds since qemu started.
qemu-system-x86_64 -machine q35 -accel tcg -cpu max -smp 2 -m 2048 \
  -nodefaults -no-user-config -display none \
  -kernel "$IMG/vmlinuz" -initrd "$IMG/initrd.img" \
  -append "$CMDLINE berth.key=$KEY berth.swap=${SWAP:-0}" \
  -drive file="$IMG/root.img",if=virtio,format=raw,readonly=on \
  -drive file="$DATA",if=virtio,format=raw \
  -netdev user,id=n0,hostfwd=tcp:127.0.0.1:$PORT-:22 -device virtio-net-pci,netdev=n0 \
  -device virtio-rng-pci -serial stdio -qmp unix:"$T/qmp.sock",server=on,wait=off </dev/null 2>"$T/qemu.err" |
  while IFS= read -r l; do printf '%s %s\n' "$(el)" "${l%$'\r'}"; done >"$T/serial.log" &
sleep 0.5
QPID=$(pgrep -n -f "qmp unix:$T/qmp.sock")
trap 'kill $QPID 2>/dev/null || true' EXIT

qmp() {  # qmp '{"execute":...}' -> prints the reply
  python3 - "$T/qmp.sock" "$1" <<'EOF'
import json, socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rw')
f.readline(); f.write('{"execute":"qmp_capabilities"}\n'); f.flush(); f.readline()
f.write(sys.argv[2] + '\n'); f.flush()
while True:
    r = json.loads(f.readline())
    if 'return' in r or 'error' in r: print(json.dumps(r)); break
EOF
}
waitfor() {  # waitfor PATTERN TIMEOUT -> stamp of the first serial line matching
  local n=0
  until grep -q -- "$1" "$T/serial.log"; do
    sleep 0.1; n=$((n + 1))
    if [ $n -gt $(($2 * 10)) ] || ! kill -0 "$QPID" 2>/dev/null; then
      { echo "boot-test: timeout waiting for $1"; cat "$T/serial.log"; } >&2; exit 1
    fi
  done
  grep -m1 -- "$1" "$T/serial.log" | cut -d' ' -f1
}
t_first=$(waitfor . 60)
t_sshd=$(waitfor "BERTH-PHASE sshd" 120)
t_engine=$(waitfor "BERTH-PHASE engine" 180)
grep -q "BERTH-PHASE failed" "$T/serial.log" && { cat "$T/serial.log"; exit 1; }
echo "boot-test: first serial line ${t_first}s, sshd ${t_sshd}s, engine ${t_engine}s"

# Pin the host key the guest announced.
echo "[127.0.0.1]:$PORT $(sed -n 's/.*BERTH-HOSTKEY //p' "$T/serial.log")" >"$T/known_hosts"
SSH=(ssh -i "$T/key" -p "$PORT" -o UserKnownHostsFile="$T/known_hosts" -o StrictHostKeyChecking=yes
  -o BatchMode=yes root@127.0.0.1)
t() { local a=$EPOCHREALTIME; "$@"; awk -v a="$a" -v b="$EPOCHREALTIME" 'BEGIN{printf "  (%.2fs)\n", b-a}'; }
echo -n "docker info: "; t "${SSH[@]}" "docker info --format '{{.NCPU}} {{.MemTotal}} {{.Driver}} {{.CgroupVersion}}'"
P=$T/probe; mkdir -p "$P/bin" "$P/www"
cp /bin/busybox "$P/bin/busybox"
for a in sh echo httpd nc printf sleep head; do ln -s busybox "$P/bin/$a"; done
echo berth-probe-ok >"$P/www/index.html"
echo -n "import: "; t "${SSH[@]}" "docker import - berth-probe" < <(tar -C "$P" -c .)
echo -n "run: "; t "${SSH[@]}" "docker run --rm berth-probe /bin/busybox echo ok"
echo -n "run -p: "; t "${SSH[@]}" "docker run -d -p 8080:8080 berth-probe /bin/busybox httpd -f -p 8080 -h /www"
qmp "{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"hostfwd_add tcp:127.0.0.1:$HPORT-:8080\"}}" >/dev/null
echo -n "published port via hostfwd: "; t curl -fsS --retry 5 --retry-all-errors --retry-delay 1 "http://127.0.0.1:$HPORT/"
# (busybox wget cannot talk to this network's mirror; a raw HTTP/1.1 request through nc can)
echo -n "container outbound (NAT + slirp DNS): "
t "${SSH[@]}" "docker run --rm berth-probe sh -c '(printf \"HEAD /debian/ HTTP/1.1\\r\\nHost: deb.debian.org\\r\\nConnection: close\\r\\n\\r\\n\"; sleep 3) | nc deb.debian.org 80 | head -1'"

echo "guest init log (uptime seconds):"; "${SSH[@]}" cat /run/berth/init.log | sed 's/^/  /'
a=$EPOCHREALTIME
qmp '{"execute":"system_powerdown"}' >/dev/null
n=0; while kill -0 "$QPID" 2>/dev/null; do sleep 0.1; n=$((n + 1)); [ $n -gt 300 ] && break; done
if kill -0 "$QPID" 2>/dev/null; then echo "boot-test: no poweroff within 30 s"; tail -5 "$T/serial.log"; exit 1; fi
awk -v a="$a" -v b="$EPOCHREALTIME" 'BEGIN{printf "shutdown after system_powerdown: %.1fs\n", b-a}'
grep -q "berth: poweroff" "$T/serial.log" && echo "clean shutdown: yes" || echo "clean shutdown: NO"
echo "serial log: $T/serial.log; data disk: $DATA ($(du -h "$DATA" | cut -f1) allocated)"
echo "RESULT first=$t_first sshd=$t_sshd engine=$t_engine"
