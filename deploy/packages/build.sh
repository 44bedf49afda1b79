#!/usr/bin/env bash
# `make dist`: Berth's Debian packages, built offline from this checkout (after `make build`) with dpkg-deb.
#   berth-agent     amd64 arm64 armhf   Depends: the distribution's nodejs (>= 18): Debian 12 and Raspberry Pi OS
#   berth-server    amd64 arm64         Depends: nodejs 20 (better-sqlite3 is built for its ABI)
#   berth-cli, berth-exporter, berth-lb amd64 arm64   Depends: nodejs (>= 20)
# Each holds built JavaScript and production dependencies only (deploy/packages/stage.mjs), a systemd unit
# (deploy/systemd), its settings in /etc/berth (deploy/debian/env) and maintainer scripts (deploy/debian).
# berth-server also carries the agent packages and install.sh, which it serves (/install.sh).
# better-sqlite3 for arm64 is cross-compiled here with Debian's g++-aarch64-linux-gnu against this Node's
# headers (/usr/include/node): no prebuilt binary is fetched. The result is cached by its version and ABI.
# Output: $DIST_DIR (default dist/) with the .deb files and SHA256SUMS.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=${DIST_DIR:-$ROOT/dist}
VERSION=${BERTH_VERSION:-$(node -p "require('./packages/agent/package.json').version")}
CACHE=${BERTH_DIST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/berth-dist}
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
NODE_ABI=$(node -p process.versions.modules)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
log() { printf 'dist: %s\n' "$*" >&2; }

[ -f packages/agent/dist/src/main.js ] || { log "nothing built: run make build first"; exit 1; }
command -v dpkg-deb >/dev/null || { log "needs dpkg-deb"; exit 1; }

# better_sqlite3.node cross-compiled for ARCH (the host's own is the one npm built).
sqlite_addon_for() {
  local arch=$1
  [ "$arch" = arm64 ] || { log "no cross build of better-sqlite3 for $arch"; exit 1; }
  local ver; ver=$(node -p "require('./node_modules/better-sqlite3/package.json').version")
  local cached="$CACHE/better-sqlite3-$ver-abi$NODE_ABI-arm64.node"
  if [ ! -f "$cached" ]; then
    command -v aarch64-linux-gnu-g++ >/dev/null || { log "berth-server arm64 needs g++-aarch64-linux-gnu (bash deploy/deps.sh dist)"; exit 1; }
    [ -f /usr/include/node/node.h ] || { log "berth-server arm64 needs Node's headers in /usr/include/node"; exit 1; }
    log "cross-compiling better-sqlite3 $ver for arm64 (a few minutes, once; cached in $CACHE)"
    local src="$WORK/better-sqlite3-arm64" gyp
    gyp=$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js
    cp -r node_modules/better-sqlite3 "$src"
    rm -rf "$src/build"
    (cd "$src" && CC=aarch64-linux-gnu-gcc CXX=aarch64-linux-gnu-g++ LINK=aarch64-linux-gnu-g++ AR=aarch64-linux-gnu-ar \
      node "$gyp" rebuild --arch=arm64 --nodedir=/usr --release >"$WORK/gyp.log" 2>&1) || { tail -n 30 "$WORK/gyp.log" >&2; exit 1; }
    file -L "$src/build/Release/better_sqlite3.node" | grep -q 'ARM aarch64' || { log "the arm64 build is not an arm64 object"; exit 1; }
    mkdir -p "$CACHE"
    cp "$src/build/Release/better_sqlite3.node" "$cached.tmp" && mv "$cached.tmp" "$cached"
  fi
  echo "$cached"
}

# deb NAME PART ARCH DEPENDS SYSTEM_USER(yes|no) DESCRIPTION: one package from the staged PART.
deb() {
  local name=$1 part=$2 arch=$3 depends=$4 user=$5 desc=$6
  local d="$WORK/deb/$name-$arch" unit=''
  mkdir -p "$d/DEBIAN" "$d/usr/lib/berth" "$d/usr/bin" "$d/usr/share/doc/$name"
  cp -a "$WORK/stage/$part" "$d/usr/lib/berth/$part"
  local pkgdir="usr/lib/berth/$part/node_modules/@berth/$part"
  for bin in "$d/$pkgdir/bin/"*.js; do
    ln -s "../lib/berth/$part/node_modules/@berth/$part/bin/$(basename "$bin")" "$d/usr/bin/$(basename "$bin" .js)"
  done
  if [ "$part" = server ]; then
    if [ "$arch" != "$(dpkg --print-architecture)" ]; then
      local addon; addon=$(sqlite_addon_for "$arch")
      cp "$addon" "$d/usr/lib/berth/server/node_modules/better-sqlite3/build/Release/better_sqlite3.node"
    fi
    mkdir -p "$d/usr/share/berth"
    cp -r "$WORK/install" "$d/usr/share/berth/install"
  fi
  if [ -f "deploy/systemd/$name.service" ]; then
    unit="$name.service"
    install -D -m 0644 "deploy/systemd/$unit" "$d/lib/systemd/system/$unit"
    install -D -m 0600 "deploy/debian/env/$part.env" "$d/etc/berth/$part.env"
    echo "/etc/berth/$part.env" >"$d/DEBIAN/conffiles"
  fi
  cp docs/install.md "$d/usr/share/doc/$name/install.md"
  for script in postinst prerm postrm; do
    sed -e "s/@PACKAGE@/$name/g" -e "s/@PART@/$part/g" -e "s/@UNIT@/$unit/g" -e "s/@SYSTEM_USER@/$user/g" \
      "deploy/debian/$script.in" >"$d/DEBIAN/$script"
    chmod 0755 "$d/DEBIAN/$script"
  done
  local size; size=$(du -sk --exclude=DEBIAN "$d" | cut -f1)
  cat >"$d/DEBIAN/control" <<CONTROL
Package: $name
Version: $VERSION
Architecture: $arch
Maintainer: Berth <berth@localhost>
Installed-Size: $size
Depends: $depends
Section: admin
Priority: optional
Homepage: https://github.com/berth
Description: $desc
 Berth is Amazon ECS for machines you own: the same concepts and JSON as ECS,
 a control plane you run yourself. See /usr/share/doc/$name/install.md.
CONTROL
  dpkg-deb --root-owner-group -Zgzip --build "$d" "$OUT/${name}_${VERSION}_${arch}.deb" >/dev/null
  log "$(basename "$OUT/${name}_${VERSION}_${arch}.deb")"
}

rm -rf "$OUT"
mkdir -p "$OUT" "$WORK/stage"
for part in agent server cli exporter lb; do node deploy/packages/stage.mjs "@berth/$part" "$WORK/stage/$part" >&2; done

NODE20="nodejs (>= 20)"
for arch in amd64 arm64 armhf; do
  deb berth-agent agent "$arch" "nodejs (>= 18)" no "Berth agent: runs a machine's ECS tasks on Docker"
done
# The server serves the agent packages and install.sh to new machines (GET /install.sh).
mkdir -p "$WORK/install"
cp "$OUT"/berth-agent_*.deb deploy/install.sh "$WORK/install/"
for arch in amd64 arm64; do
  deb berth-cli cli "$arch" "$NODE20" no "Berth command line (berth)"
  deb berth-exporter exporter "$arch" "$NODE20" yes "Berth Prometheus exporter"
  deb berth-lb lb "$arch" "$NODE20, haproxy" no "Berth load balancer on HAProxy"
done
for arch in amd64 arm64; do
  # better-sqlite3 is built for one Node ABI: the package names that major version.
  deb berth-server server "$arch" "nodejs (>= $NODE_MAJOR), nodejs (<< $((NODE_MAJOR + 1)))" yes "Berth control plane"
done
(cd "$OUT" && sha256sum ./*.deb | sed 's| \./| |' >SHA256SUMS)
log "$(ls "$OUT"/*.deb | wc -l) packages and SHA256SUMS in $OUT"
