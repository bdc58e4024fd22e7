#!/usr/bin/env bash
# Makes sure this machine has every program the Berth test host needs.
# Idempotent and fast when nothing is missing (it only looks at PATH and a few files).
# Missing pieces are installed with apt-get when we are root; otherwise we say exactly
# what is missing and how to install it, and exit 2.
set -euo pipefail

# command-to-check : Debian package that provides it
required=(
  "dockerd:docker.io"
  "docker:docker.io"
  "containerd:containerd"
  "runc:runc"
  "podman:podman"
  "unshare:util-linux"
  "docker-registry:docker-registry"
  "htpasswd:apache2-utils"
  "sshd:openssh-server"
  "ssh:openssh-client"
  "ssh-keygen:openssh-client"
  "chromium:chromium"
  "ip:iproute2"
  "tar:tar"
  "curl:curl"
  "flock:util-linux"
  "setsid:util-linux"
  "setpriv:util-linux"
  # The Berth VM: its image is built with debootstrap and booted with QEMU (issue 8).
  "qemu-system-x86_64:qemu-system-x86"
  "qemu-img:qemu-utils"
  "debootstrap:debootstrap"
  "mke2fs:e2fsprogs"
)
# Xvfb is only for headed browser runs; its absence is reported but never fatal.
optional=("Xvfb:xvfb")

have_command() {
  # sbin directories are not always on a non-root PATH; look there too.
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]
}

missing_packages=()
missing_descriptions=()
add_missing() { # package description
  local pkg
  for pkg in "${missing_packages[@]:-}"; do [ "$pkg" = "$1" ] && return 0; done
  missing_packages+=("$1")
  missing_descriptions+=("$2 (package $1)")
}

for entry in "${required[@]}"; do
  have_command "${entry%%:*}" || add_missing "${entry#*:}" "command ${entry%%:*}"
done

# The test image's rootfs is built from Debian's STATIC busybox: a dynamically linked one
# would not run inside an image that has no libc.
if [ ! -x /bin/busybox ] || [ "$(dpkg-query -W -f='${Status}' busybox-static 2>/dev/null || true)" != "install ok installed" ]; then
  add_missing busybox-static "static /bin/busybox"
fi

# Chromium without fonts renders boxes instead of text: screenshots would be unreadable.
if have_command fc-list && [ -z "$(fc-list 2>/dev/null | head -n 1)" ]; then
  add_missing fonts-liberation "a font for chromium"
fi

optional_missing=()
for entry in "${optional[@]}"; do
  have_command "${entry%%:*}" || optional_missing+=("${entry#*:}")
done

if [ "${#missing_packages[@]}" -eq 0 ]; then
  if [ "${#optional_missing[@]}" -gt 0 ]; then
    echo "provision: optional, not installed: ${optional_missing[*]} (headed browser runs need it)"
  fi
  echo "provision: everything the test host needs is installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "${BERTH_PROVISION_RETRIED:-}" ]; then
  to_install=("${missing_packages[@]}" "${optional_missing[@]}")
  echo "provision: installing ${to_install[*]}"
  apt-get update -qq
  # Chromium is installed with its recommends so that it gets fonts; the rest stay minimal.
  for pkg in "${to_install[@]}"; do
    if [ "$pkg" = chromium ]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
    else
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg"
    fi
  done
  BERTH_PROVISION_RETRIED=1 exec bash "$0" "$@" # check again: a package that did not provide what we need must still fail loudly
fi

{
  echo "provision: the Berth test host cannot run; missing:"
  for description in "${missing_descriptions[@]}"; do echo "  - $description"; done
  echo "Install them as root on Debian/Ubuntu with:"
  echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing_packages[*]}"
} >&2
exit 2
