#!/usr/bin/env bash
# Berth's one dependency script, shared by `make up`, `make test` and .ci/run:
#  - installs what is missing from Debian (docker.io, busybox-static, etcd-server, awscli, iproute2 for
#    the tests that build network namespaces, haproxy for berth-lb: its packaged service is stopped and
#    disabled, so no system haproxy listens; berth-lb runs its own),
#  - starts dockerd and etcd (loopback only) when nothing answers yet,
#  - makes the local test image berth-test/busybox:latest from busybox-static (no registry is needed).
# Usage: deploy/deps.sh [all|etcd|docker]...   (default: all). Idempotent: a second run only checks.
set -euo pipefail

STATE_DIR=${BERTH_DEPS_DIR:-/var/lib/berth-deps}
ETCD_ENDPOINT=127.0.0.1:2379
TEST_IMAGE=berth-test/busybox:latest
want=${*:-all}

log() { printf 'deps: %s\n' "$*" >&2; }
SUDO=''
if [ "$(id -u)" -ne 0 ]; then SUDO='sudo'; fi

wants() { [[ " $want " == *" all "* || " $want " == *" $1 "* ]]; }

install_missing() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  [ -x /bin/busybox ] || missing+=(busybox-static)
  command -v etcd >/dev/null || missing+=(etcd-server)
  [ -x /usr/bin/aws ] || missing+=(awscli)
  command -v ip >/dev/null || [ -x /sbin/ip ] || missing+=(iproute2)
  [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if [[ " ${missing[*]} " == *" haproxy "* ]]; then disable_system_haproxy; fi
}

# Debian's package starts a system haproxy: berth-lb runs its own, so the packaged service is stopped and
# kept from starting at boot (systemd where it runs, else the init script).
disable_system_haproxy() {
  if [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now haproxy >/dev/null 2>&1 || true
  else
    $SUDO service haproxy stop >/dev/null 2>&1 || true
    $SUDO update-rc.d haproxy disable >/dev/null 2>&1 || true
  fi
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for() { # name, seconds, command...
  local name=$1 secs=$2; shift 2
  for _ in $(seq $((secs * 5))); do "$@" && return 0; sleep 0.2; done
  log "$name did not come up in ${secs}s"; return 1
}

start_etcd() {
  if port_open 127.0.0.1 2379; then return 0; fi
  log "starting etcd on $ETCD_ENDPOINT (data in $STATE_DIR/etcd, log $STATE_DIR/etcd.log)"
  $SUDO mkdir -p "$STATE_DIR"
  # Loopback only. History is compacted to the last 10 minutes (a revision window let a few benchmark
  # runs of large task records grow the database toward etcd's 2 GiB quota); raft entries are snapshotted
  # every 10,000 (etcd 3.6's default; 3.4 keeps 100,000 in memory); the quota is 8 GiB.
  $SUDO setsid etcd --name berth-test --data-dir "$STATE_DIR/etcd" \
    --listen-client-urls "http://$ETCD_ENDPOINT" --advertise-client-urls "http://$ETCD_ENDPOINT" \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster berth-test=http://127.0.0.1:2380 \
    --auto-compaction-mode periodic --auto-compaction-retention 10m \
    --snapshot-count 10000 --quota-backend-bytes $((8 * 1024 * 1024 * 1024)) \
    >"$STATE_DIR/etcd.log" 2>&1 </dev/null &
  wait_for etcd 30 port_open 127.0.0.1 2379
}

docker_ok() { docker info >/dev/null 2>&1; }

start_docker() {
  if docker_ok; then return 0; fi
  log "starting dockerd (log $STATE_DIR/dockerd.log)"
  $SUDO mkdir -p "$STATE_DIR"
  $SUDO setsid dockerd >"$STATE_DIR/dockerd.log" 2>&1 </dev/null &
  wait_for dockerd 60 docker_ok
}

make_test_image() {
  if docker image inspect "$TEST_IMAGE" >/dev/null 2>&1; then return 0; fi
  log "importing $TEST_IMAGE from /bin/busybox"
  local root; root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/tmp" "$root/etc"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"; done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  echo 'nobody:x:65534:65534:nobody:/:/bin/false' >>"$root/etc/passwd"
  tar -C "$root" -c . | docker import - "$TEST_IMAGE" >/dev/null
  rm -rf "$root"
}

install_missing
if wants etcd; then start_etcd; fi
if wants docker; then start_docker; make_test_image; fi
log "ready"
