#!/bin/bash
# Builds the Berth VM guest image (Debian bookworm amd64: dockerd, containerd, runc, sshd)
# into <out>/images/<key16>/ — see docs/vm-image.md for the guest contract.
# Usage: resources/vm/build.sh [--out DIR]      (as root; needs debootstrap, mke2fs, curl)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=${BERTH_VM_CACHE:-$HOME/.cache/berth/vm}
while [ $# -gt 0 ]; do
  case $1 in
    --out) OUT=$2; shift 2 ;;
    *) echo "usage: $0 [--out DIR]" >&2; exit 2 ;;
  esac
done
SUITE=bookworm ARCH=amd64
MIRROR=${BERTH_VM_MIRROR:-http://deb.debian.org/debian}
# dockerd/containerd/runc/tini come with docker.io; busybox-static gives the initramfs its
# shell and the guest its acpid; curl answers the engine's /_ping from the init script.
PACKAGES=docker.io,openssh-server,busybox-static,curl,kmod,e2fsprogs,ca-certificates
CMDLINE="console=ttyS0 root=/dev/vda ro apparmor=0 mitigations=off quiet"

# Recipe key: every file under resources/vm (sorted; path and content) plus suite/arch.
# The mirror is not part of it: any mirror serves the same suite.
KEY=$(cd "$HERE" && { find . -type f -print0 | LC_ALL=C sort -z |
  while IFS= read -r -d '' f; do printf '%s\n' "$f"; sha256sum <"$f"; done
  echo "$SUITE $ARCH"; } | sha256sum | cut -c1-64)
OUT=$(mkdir -p "$OUT" && cd "$OUT" && pwd)
IMG=$OUT/images/${KEY:0:16}
if [ -f "$IMG/manifest.json" ]; then echo "berth-vm-build: cached $IMG/manifest.json"; echo "$IMG"; exit 0; fi

[ "$(id -u)" = 0 ] || { echo "berth-vm-build: must run as root (debootstrap, chroot)" >&2; exit 1; }
exec 9>"$OUT/build.lock"
flock 9
# Another build may have finished this key while we waited for the lock.
if [ -f "$IMG/manifest.json" ]; then echo "berth-vm-build: cached $IMG/manifest.json"; echo "$IMG"; exit 0; fi

T0=$(date +%s.%N)
elapsed() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }
phase() { echo "berth-vm-build: $1 ($(elapsed)s)"; }
mkdir -p "$OUT/images" "$OUT/cache/debootstrap" "$OUT/cache/debs"
WORK=$(mktemp -d "$OUT/images/.build-XXXXXX")
cleanup() {
  for m in proc sys dev; do umount -l "$WORK/rootfs/$m" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
R=$WORK/rootfs

# 1. Base system. --cache-dir keeps every .deb, so a rebuild after a recipe change downloads nothing new.
phase "debootstrap $SUITE"
debootstrap --variant=minbase --arch=$ARCH --include=$PACKAGES \
  --cache-dir="$OUT/cache/debootstrap" $SUITE "$R" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
  { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }

# Dates in the image come from the suite's Release file (not the clock) unless given.
LISTS=$R/var/lib/apt/lists
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date -d "$(sed -n 's/^Date: //p' "$LISTS"/*_Release | head -1)" +%s)}

# 2. Kernel: the .deb of linux-image-cloud-amd64's dependency, found in the (signature-checked)
# Packages file debootstrap left, fetched once into cache/debs and checked by sha256.
phase "kernel"
PKGS=$(ls "$LISTS"/*_main_binary-${ARCH}_Packages)
field() { awk -v p="$1" -v f="$2" 'BEGIN{RS="";FS="\n"} $1=="Package: "p {
  for(i=1;i<=NF;i++) if(index($i,f": ")==1){print substr($i,length(f)+3); exit} }' "$PKGS"; }
KPKG=$(field linux-image-cloud-amd64 Depends | sed 's/[ ,(].*//')
KFILE=$(field "$KPKG" Filename) KSHA=$(field "$KPKG" SHA256)
KDEB=$OUT/cache/debs/$(basename "$KFILE")
if ! echo "$KSHA  $KDEB" | sha256sum -c --status 2>/dev/null; then
  curl -fsSL -o "$KDEB.part" "$MIRROR/$KFILE"
  echo "$KSHA  $KDEB.part" | sha256sum -c --quiet
  mv "$KDEB.part" "$KDEB"
fi
KS=$R/tmp/kernel                       # extracted inside the rootfs so its depmod can index it
dpkg-deb -x "$KDEB" "$KS"
KVER=$(ls "$KS/lib/modules")
chroot "$R" depmod -b /tmp/kernel "$KVER"
cp "$KS/boot/vmlinuz-$KVER" "$WORK/vmlinuz"

# 3. Prune modules: keep what modules.list names plus everything those depend on.
phase "modules"
MD=$KS/lib/modules/$KVER
pick() { (cd "$MD" && for g in $(grep -v '^[#-]' "$HERE/modules.list" | sed "$1"); do ls -d kernel/$g; done) |
  awk 'NR==FNR{want[$1]=1;next} {k=$1; sub(":$","",k); if(want[k]){print k; for(i=2;i<=NF;i++) print $i}}' - "$MD/modules.dep" |
  sort -u | grep -vxF -f <(sed -n 's|^-|kernel/|p' "$HERE/modules.list"); }
KEEP=$(pick 's/^initrd //')
INITRD_MODS=$(pick '/^initrd /!d; s/^initrd //')
GD=$R/lib/modules/$KVER
mkdir -p "$GD"
(cd "$MD" && cp --parents $KEEP modules.order modules.builtin modules.builtin.modinfo "$GD/")
chroot "$R" depmod "$KVER"

# 4. Initramfs: static busybox + the modules to reach the root disk, insmod'ed in modules.dep order.
phase "initramfs"
I=$WORK/initramfs
mkdir -p "$I"/{bin,dev,proc,sys,ro,rw,newroot,lib/modules}
cp "$R/bin/busybox" "$I/bin/busybox"
ln -s busybox "$I/bin/sh"
install -m 755 "$HERE/guest/initramfs-init" "$I/init"
for m in $INITRD_MODS; do
  deps=$(awk -v k="$m:" '$1==k{for(i=NF;i>=2;i--) print $i}' "$MD/modules.dep")
  for d in $deps $m; do
    grep -qx "$d" "$I/lib/modules/order" 2>/dev/null && continue
    cp "$MD/$d" "$I/lib/modules/"; echo "$d" >>"$I/lib/modules/order"
  done
done
sed -i 's|.*/||' "$I/lib/modules/order"
find "$I" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
(cd "$I" && find . | LC_ALL=C sort | "$R/bin/busybox" cpio -o -H newc -R 0:0 2>/dev/null | gzip -n -9) >"$WORK/initrd.img"

# 5. Guest configuration: our init, sshd/docker/containerd config, power-button handler.
phase "configure"
rm -rf "$KS"
install -m 755 "$HERE/guest/berth-init" "$R/sbin/berth-init"
install -m 755 "$HERE/guest/berth-shutdown" "$R/sbin/berth-shutdown"
install -D -m 755 "$HERE/guest/berth-shutdown" "$R/etc/acpi/PWRF/00000080"
mkdir -p "$R/usr/local/sbin" && ln -sf /sbin/berth-shutdown "$R/usr/local/sbin/poweroff"
install -D -m 644 "$HERE/guest/sshd_config" "$R/etc/ssh/sshd_config"
install -D -m 644 "$HERE/guest/daemon.json" "$R/etc/docker/daemon.json"
install -D -m 644 "$HERE/guest/containerd.toml" "$R/etc/containerd/config.toml"
echo berth-vm >"$R/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 berth-vm\n::1 localhost ip6-localhost ip6-loopback\n' >"$R/etc/hosts"
ln -sf /run/resolv.conf "$R/etc/resolv.conf"        # written at boot (root is read-only underneath)
mkdir -p "$R/mnt/data" "$R/mnt/berth-ro" "$R/mnt/berth-rw"
# Debian's policy/alternatives already point iptables at iptables-nft.

# Package versions for the manifest, then drop what a headless engine never reads.
PKGLIST=$(chroot "$R" dpkg-query -W -f '${Package}\t${Version}\n' | LC_ALL=C sort)
rm -rf "$R"/usr/share/{doc,man,info,locale,lintian,linda,bug} "$R"/var/cache/apt/* "$LISTS"/* \
  "$R"/var/cache/debconf/*-old "$R"/var/lib/dpkg/*-old "$R"/var/log/* "$R"/etc/ssh/ssh_host_* \
  "$R"/etc/machine-id "$R"/var/lib/dbus/machine-id "$R"/var/cache/ldconfig/aux-cache "$R"/tmp/* \
  "$R"/usr/bin/containerd-stress
: >"$R/etc/machine-id"

# 6. Root disk: ext4 straight from the directory (no loop device), fixed UUID/hash seed/times.
phase "root.img"
find "$R" -newermt "@$SOURCE_DATE_EPOCH" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
UUID=$(echo "$KEY" | sed -E 's/^(.{8})(.{4}).(.{3}).(.{3})(.{12}).*/\1-\2-4\3-8\4-\5/')
KB=$(du -sk --apparent-size "$R" | cut -f1)
INODES=$(find "$R" | wc -l)
SIZE_MB=$(( (KB * 115 / 100 + INODES / 4) / 1024 + 64 ))   # content + 15% + inode tables + 64 MiB
E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH mke2fs -q -t ext4 -d "$R" -L berth-root -U "$UUID" \
  -E hash_seed="$UUID",root_owner=0:0 -m 0 -N $((INODES + 2000)) "$WORK/root.img" "${SIZE_MB}M" >/dev/null

# 7. Manifest, then publish atomically.
phase "manifest"
BUILD_SECONDS=$(elapsed)
size() { stat -c %s "$1"; }
{
  printf '{\n  "key": "%s",\n  "suite": "%s",\n  "arch": "%s",\n' "$KEY" $SUITE $ARCH
  printf '  "builtAt": "%s",\n  "buildSeconds": %s,\n  "kernelVersion": "%s",\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$BUILD_SECONDS" "$KVER"
  printf '  "sizes": { "vmlinuz": %s, "initrd": %s, "rootImageBytes": %s, "rootImageAllocatedBytes": %s },\n' \
    "$(size "$WORK/vmlinuz")" "$(size "$WORK/initrd.img")" "$(size "$WORK/root.img")" \
    "$(( $(stat -c '%b*%B' "$WORK/root.img") ))"
  printf '  "packages": {\n'
  echo "$PKGLIST" | awk -F'\t' '{printf "%s    \"%s\": \"%s\"", (NR>1?",\n":""), $1, $2} END{print ""}'
  printf '  },\n  "cmdline": "%s"\n}\n' "$CMDLINE"
} >"$WORK/manifest.json"
mkdir -p "$WORK/out"
mv "$WORK/vmlinuz" "$WORK/initrd.img" "$WORK/root.img" "$WORK/manifest.json" "$WORK/out/"
rm -rf "$IMG"
mv "$WORK/out" "$IMG"
phase "done"
echo "berth-vm-build: sizes: vmlinuz $(du -h --apparent-size "$IMG/vmlinuz" | cut -f1)," \
  "initrd $(du -h --apparent-size "$IMG/initrd.img" | cut -f1)," \
  "root.img $(du -h --apparent-size "$IMG/root.img" | cut -f1) ($(du -h "$IMG/root.img" | cut -f1) allocated)," \
  "modules kept $(echo "$KEEP" | wc -w), packages $(echo "$PKGLIST" | wc -l)"
echo "$IMG"
