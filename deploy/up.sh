#!/usr/bin/env bash
# `make up`: the control plane on the embedded store plus a local agent in cluster `default`, in the
# foreground with both logs on the terminal. Ctrl-C stops both; containers keep running, as they do
# when an amazon-ecs-agent stops, and the next `make up` adopts them.
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=${BERTH_STATE:-$HOME/.berth}
LISTEN=${LISTEN:-127.0.0.1:7420}
mkdir -p "$STATE"

node packages/server/bin/berth-server.js --listen "$LISTEN" --store "file:$STATE/berth.db" &
server=$!
agent=''
stop() {
  trap - INT TERM EXIT
  [ -n "$agent" ] && kill -TERM "$agent" 2>/dev/null || true
  [ -n "$agent" ] && wait "$agent" 2>/dev/null || true
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
trap stop INT TERM EXIT

# No registry may be reachable: use a local image when there is one, as the tests do.
ECS_DATADIR="$STATE/agent" BERTH_SERVER="$LISTEN" ECS_IMAGE_PULL_BEHAVIOR="${ECS_IMAGE_PULL_BEHAVIOR:-prefer-cached}" \
  node packages/agent/bin/berth-agent.js &
agent=$!
wait -n "$server" "$agent" || true
