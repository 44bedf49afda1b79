#!/bin/sh
# Installs berth-agent on this machine from a Berth control plane and joins the machine to its cluster:
#
#   curl -fsSL http://SERVER:7421/install.sh | sudo sh -s -- --token-file FILE
#
# FILE holds a join token (berth create join-token); `--token-file -` reads it from standard input. The token
# is never taken on the command line, where ps and shell history would show it.
# What it downloads is checked against the token: the token names the cluster CA by its SHA-256, the CA signs
# the server's list of packages and their SHA-256 sums, and the package must match its sum. It installs Docker
# and the distribution's nodejs when missing, the agent package, /etc/berth/agent.env and the token (0600),
# then starts berth-agent with systemd. It warns when the kernel's memory cgroup is disabled.
# Options: --cluster NAME (ECS_CLUSTER), --setting KEY=VALUE (another line of agent.env, repeatable),
# --no-start (install and configure only), --url URL and --server HOST:PORT (other than the ones below).
set -eu

# Filled in by berth-server as it serves this file: where it was fetched from, and the agents' gRPC address.
BERTH_URL='@BERTH_URL@'
BERTH_SERVER='@BERTH_SERVER@'

say() { printf 'install.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

token_file='' cluster='' start=yes settings=''
while [ $# -gt 0 ]; do
  case $1 in
    --token-file) [ $# -ge 2 ] || die "--token-file needs a file (or - for standard input)"; token_file=$2; shift 2 ;;
    --cluster) [ $# -ge 2 ] || die "--cluster needs a name"; cluster=$2; shift 2 ;;
    --setting) [ $# -ge 2 ] || die "--setting needs KEY=VALUE"
      case $2 in [A-Z]*=*) ;; *) die "--setting takes KEY=VALUE (got $2)" ;; esac
      settings="$settings$2
"; shift 2 ;;
    --no-start) start=no; shift ;;
    --url) [ $# -ge 2 ] || die "--url needs a URL"; BERTH_URL=$2; shift 2 ;;
    --server) [ $# -ge 2 ] || die "--server needs HOST:PORT"; BERTH_SERVER=$2; shift 2 ;;
    --token|--join-token) die "$1: the token is read from a file (--token-file FILE, or - for standard input), never from the command line" ;;
    *) die "unknown option $1 (see the comment at the top of this script)" ;;
  esac
done
[ -n "$token_file" ] || die "--token-file FILE is required (- reads the token from standard input)"
[ "$(id -u)" -eq 0 ] || die "run it as root (sudo sh -s -- ...)"

if [ "$token_file" = - ]; then token=$(cat); else token=$(cat "$token_file"); fi
token=$(printf '%s' "$token" | tr -d ' \t\r\n')
ca_hash=$(printf '%s' "$token" | sed -n 's/^K10\([0-9a-f]\{64\}\)::[a-z0-9]\{6,32\}\.[A-Za-z0-9]\{16,128\}$/\1/p')
[ -n "$ca_hash" ] || die "the token is malformed: expected K10<CA hash>::<id>.<secret>, as berth create join-token prints it"

arch=$(dpkg --print-architecture)
case $arch in amd64|arm64|armhf) ;; *) die "no berth-agent package for $arch (amd64, arm64 and armhf are built)" ;; esac

# Docker limits a task's memory through the memory cgroup; Raspberry Pi OS boots with it disabled.
memory_cgroup_enabled() {
  if [ -f /sys/fs/cgroup/cgroup.controllers ]; then grep -qw memory /sys/fs/cgroup/cgroup.controllers
  else awk '$1 == "memory" { found = 1; exit ($4 == 1 ? 0 : 1) } END { if (!found) exit 1 }' /proc/cgroups; fi
}
if ! memory_cgroup_enabled; then
  say "WARNING: the kernel's memory cgroup is disabled: Docker cannot limit a task's memory, and tasks with"
  say "  memory limits fail to start. Add 'cgroup_enable=memory cgroup_memory=1' to the kernel's command line"
  say "  (Raspberry Pi OS: the one line of /boot/firmware/cmdline.txt, /boot/cmdline.txt before bookworm;"
  say "  elsewhere GRUB_CMDLINE_LINUX in /etc/default/grub, then update-grub) and reboot."
fi

apt_install() {
  say "installing $* from the distribution"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
if ! command -v docker >/dev/null 2>&1 && ! [ -S /var/run/docker.sock ]; then apt_install docker.io; fi
# The agent runs on the distribution's Node (18 or later); it also checks the signature below.
command -v node >/dev/null 2>&1 || apt_install nodejs

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fetch() { curl -fsS --retry 3 -o "$tmp/$1" "$BERTH_URL/install/$1" || die "cannot fetch $BERTH_URL/install/$1"; }
fetch ca.pem
# The CA is the token's: the SHA-256 of its DER bytes is the hash the token carries.
got=$(sed -e '/-----/d' "$tmp/ca.pem" | base64 -d | sha256sum | cut -d' ' -f1)
[ "$got" = "$ca_hash" ] || die "$BERTH_URL is not the control plane this token is for: its CA's fingerprint is $got"
fetch SHA256SUMS
fetch SHA256SUMS.sig
node -e '
  const { readFileSync } = require("node:fs");
  const { verify } = require("node:crypto");
  const [ca, sums, sig] = process.argv.slice(1).map((f) => readFileSync(f));
  process.exit(verify("sha256", sums, ca, Buffer.from(sig.toString(), "base64")) ? 0 : 1);
' "$tmp/ca.pem" "$tmp/SHA256SUMS" "$tmp/SHA256SUMS.sig" || die "the package list is not signed by the cluster CA"
pkg=$(awk -v suffix="_$arch.deb" '$2 ~ /^berth-agent_/ && substr($2, length($2) - length(suffix) + 1) == suffix { print $2 }' "$tmp/SHA256SUMS" | tail -n 1)
[ -n "$pkg" ] || die "the control plane serves no berth-agent package for $arch"
fetch "$pkg"
(cd "$tmp" && grep " $pkg\$" SHA256SUMS | sha256sum -c --quiet) || die "$pkg does not match its signed SHA-256"

say "installing $pkg"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$tmp/$pkg" >/dev/null

install -d -m 0755 /etc/berth
(umask 077 && printf '%s\n' "$token" >/etc/berth/agent.token)
(umask 077 && {
  echo "# Written by install.sh from $BERTH_URL. berth-agent's settings: amazon-ecs-agent's names (docs/agent.md)."
  echo "BERTH_SERVER=$BERTH_SERVER"
  echo "BERTH_JOIN_TOKEN_FILE=/etc/berth/agent.token"
  if [ -n "$cluster" ]; then echo "ECS_CLUSTER=$cluster"; fi
  printf '%s' "$settings"
} >/etc/berth/agent.env)

if [ "$start" = no ]; then
  say "installed and configured; not started (--no-start): systemctl enable --now berth-agent"
elif [ -d /run/systemd/system ]; then
  systemctl enable berth-agent >/dev/null 2>&1
  systemctl restart berth-agent
  say "berth-agent started: 'berth get instances' on the control plane lists this machine once it joined"
else
  say "installed and configured, but systemd is not running here: start /usr/bin/berth-agent with /etc/berth/agent.env's settings"
fi
