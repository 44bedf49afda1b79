#!/usr/bin/env bash
# A Debian 12 root filesystem for ARCH (arm64 | armhf), as a fresh Raspberry Pi OS (bookworm) machine has it:
# debootstrap --variant=minbase plus what install.sh expects of one (curl, the distribution's nodejs).
# Built once and cached, keyed by a hash of everything that goes into it (the suite, architecture, variant,
# mirror, package list and FORMAT, raised when this script builds differently), under $BERTH_ROOTS_CACHE
# (default /var/cache/berth-test/roots); prints its path. The cached root is never changed: tests mount an
# overlay on it. Concurrent builds of one architecture wait for each other (flock).
set -euo pipefail
ARCH=${1:?usage: rootfs.sh arm64|armhf}
SUITE=bookworm
MIRROR=${BERTH_DEBIAN_MIRROR:-http://deb.debian.org/debian}
INCLUDE=curl,ca-certificates,nodejs
FORMAT=1
CACHE=${BERTH_ROOTS_CACHE:-/var/cache/berth-test/roots}
key=$(echo "$FORMAT $SUITE $ARCH minbase $MIRROR $INCLUDE" | sha256sum | cut -c1-16)
root="$CACHE/$SUITE-$ARCH-$key"
bash "$(dirname "$0")/binfmt.sh"
if [ -f "$root/.complete" ]; then echo "$root"; exit 0; fi
mkdir -p "$CACHE"
exec 9>"$CACHE/$SUITE-$ARCH.lock"
flock 9
if [ -f "$root/.complete" ]; then echo "$root"; exit 0; fi
rm -rf "$root.tmp"
echo "rootfs: debootstrap $SUITE $ARCH into $root (a few minutes, once)" >&2
# Second stage runs the root's own binaries: QEMU through the handlers binfmt.sh enabled.
debootstrap --variant=minbase --arch="$ARCH" --include="$INCLUDE" "$SUITE" "$root.tmp" "$MIRROR" >"$CACHE/$SUITE-$ARCH.log" 2>&1 ||
  { tail -n 20 "$CACHE/$SUITE-$ARCH.log" >&2; exit 1; }
rm -rf "$root.tmp/var/cache/apt/archives/"*.deb
touch "$root.tmp/.complete"
mv "$root.tmp" "$root"
# Older roots of this architecture (another key) are no longer wanted.
for old in "$CACHE/$SUITE-$ARCH-"*; do [ "$old" = "$root" ] || rm -rf "$old"; done
echo "$root"
