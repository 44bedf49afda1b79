#!/usr/bin/env bash
# Lets this machine run arm64 and armhf binaries (the Raspberry Pi proof): mounts binfmt_misc and enables
# qemu-user-static's handlers itself, since no systemd (systemd-binfmt) does it here. The handlers carry the
# F flag: the interpreter is opened now, so it also runs inside a root filesystem that lacks it.
# Idempotent; the handlers stay enabled afterwards (they are global to the kernel and other runs share them).
set -euo pipefail
MISC=/proc/sys/fs/binfmt_misc
mountpoint -q "$MISC" || mount -t binfmt_misc binfmt_misc "$MISC"
for name in qemu-aarch64 qemu-arm; do
  [ -e "$MISC/$name" ] && continue
  conf=/usr/lib/binfmt.d/$name.conf
  [ -r "$conf" ] || { echo "binfmt: $conf missing (Debian's qemu-user-static)" >&2; exit 1; }
  cat "$conf" >"$MISC/register"
done
for name in qemu-aarch64 qemu-arm; do grep -qx enabled "$MISC/$name" || { echo "binfmt: $name not enabled" >&2; exit 1; }; done
