#!/usr/bin/env bash
# `make images`: OCI images of Berth's parts, built on a machine that reaches no registry. Each image is a root
# file system made here and loaded with `docker import`: this machine's own Node (/usr/bin/node and the
# shared libraries it and any native module need, found with ldd), and the part staged as the Debian packages
# stage it (deploy/packages/stage.mjs: built JavaScript and production dependencies only). The layout is the
# one deploy/docker/*.Dockerfile give an image built FROM an official Node image for a real registry:
#   /usr/lib/berth/PART/node_modules/...   the part and its dependencies
#   /usr/bin/berth-PART                    its bin, the image's entrypoint
# Images: berth/agent, berth/server, berth/exporter, berth/log-router, tagged $IMAGE_TAG (default: the version).
# PARTS="agent server" builds only those. Run the agent's as amazon-ecs-agent's is run (docs/install.md):
# the host's network, Docker's socket and ECS_DATADIR mounted.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
VERSION=${BERTH_VERSION:-$(node -p "require('./packages/agent/package.json').version")}
TAG=${IMAGE_TAG:-$VERSION}
PARTS=${PARTS:-agent server exporter log-router}
NODE=$(readlink -f "$(command -v node)")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
log() { printf 'images: %s\n' "$*" >&2; }

[ -f packages/agent/dist/src/main.js ] || { log "nothing built: run make build first"; exit 1; }
command -v docker >/dev/null || { log "needs docker"; exit 1; }

# Copies ELF file $1 into root $2 at the same path, with every shared library ldd names (and the loader).
with_libraries() {
  local file=$1 root=$2 lib
  install -D -m 0755 "$file" "$root$file"
  for lib in $(ldd "$file" | grep -o '/[^ ]*'); do
    [ -e "$root$lib" ] || install -D -m 0755 "$(readlink -f "$lib")" "$root$lib"
  done
}

# The settings each image starts with: amazon-ecs-agent's data directory, the server's store and listeners
# as the berth-server package sets them (deploy/debian/env/server.env), the others' data directories.
changes_for() {
  case $1 in
    agent) printf '%s\n' 'ENV ECS_DATADIR=/var/lib/berth-agent' ;;
    server) printf '%s\n' 'CMD ["--listen","0.0.0.0:7420","--ecs-listen","0.0.0.0:7421","--store","file:/var/lib/berth/berth.db","--bootstrap-config","/var/lib/berth/admin-config.yaml"]' 'EXPOSE 7420 7421' ;;
    exporter) printf '%s\n' 'CMD ["--data-dir","/var/lib/berth-exporter"]' ;;
    log-router) ;;
  esac
}

for part in $PARTS; do
  root="$WORK/$part"
  mkdir -p "$root/usr/bin" "$root/tmp" "$root/etc"
  chmod 1777 "$root/tmp"
  node deploy/packages/stage.mjs "@berth/$part" "$root/usr/lib/berth/$part" >&2
  with_libraries "$NODE" "$root"
  [ "$NODE" = /usr/bin/node ] || ln -s "$NODE" "$root/usr/bin/node"
  while IFS= read -r addon; do with_libraries "$addon" "$root"; done < <(find "$root/usr/lib/berth/$part" -name '*.node' -type f)
  bin=$(basename "$(ls "$root/usr/lib/berth/$part/node_modules/@berth/$part/bin/"*.js)")
  ln -s "../lib/berth/$part/node_modules/@berth/$part/bin/$bin" "$root/usr/bin/${bin%.js}"
  # Root's entry (Node asks for a home directory) and the hosts file Docker fills in.
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\n' >"$root/etc/group"
  mkdir -p "$root/root"
  image="berth/$part:$TAG"
  # The Node options on the bin's first line (`#!/usr/bin/env -S node OPTIONS`): this image has no env.
  opts=$(sed -nE '1s|^#!/usr/bin/env -S node +||p' "$root/usr/lib/berth/$part/node_modules/@berth/$part/bin/$bin")
  entry="\"/usr/bin/node\","
  for o in $opts; do entry+="\"$o\","; done
  args=(--change "ENTRYPOINT [$entry\"/usr/lib/berth/$part/node_modules/@berth/$part/bin/$bin\"]"
        --change "LABEL org.opencontainers.image.title=berth-$part org.opencontainers.image.version=$VERSION")
  while IFS= read -r c; do [ -n "$c" ] && args+=(--change "$c"); done < <(changes_for "$part")
  tar -C "$root" --numeric-owner --owner=0 --group=0 -c . | docker import "${args[@]}" - "$image" >/dev/null
  log "$image ($(du -sh "$root" | cut -f1))"
  rm -rf "$root"
done
