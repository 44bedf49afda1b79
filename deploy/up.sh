#!/usr/bin/env bash
# `make up`: the control plane on the embedded store plus a local agent in cluster `default`,
# berth-exporter on 127.0.0.1:9420 (the cluster and the load balancers as Prometheus metrics) and
# berth-lb serving the load-balancer group `local` on this machine (listeners bound on 127.0.0.1; LB_BIND
# changes it), in the foreground with their logs on the terminal. Ctrl-C stops them; containers keep
# running, as they do when an amazon-ecs-agent stops, and the next `make up` adopts them; HAProxy keeps
# serving, and the next berth-lb adopts it.
# Nothing to configure: the server's first start writes the admin's access key, its address and the
# cluster CA to BERTH_CONFIG (default ~/.berth/config.yaml), which the berth CLI reads; the agent joins
# with a one-use token made with that config, and keeps its certificate in its ECS_DATADIR.
# Addresses, for a second copy beside another (packages/cli/test/make-up.test.ts runs one on free ports):
# LISTEN (gRPC, 127.0.0.1:7420), ECS_LISTEN (the AWS listener, 127.0.0.1:7421), CONSOLE_LISTEN
# (127.0.0.1:7422), METRICS_LISTEN (the server's /metrics, 127.0.0.1:7423), EXPORTER_LISTEN
# (127.0.0.1:9420); the agent's own listeners take its settings from the environment (BERTH_*_ADDR).
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=${BERTH_STATE:-$HOME/.berth}
LISTEN=${LISTEN:-127.0.0.1:7420}
ECS_LISTEN=${ECS_LISTEN:-127.0.0.1:7421}
CONSOLE_LISTEN=${CONSOLE_LISTEN:-127.0.0.1:7422}
METRICS_LISTEN=${METRICS_LISTEN:-127.0.0.1:7423}
export BERTH_CONFIG=${BERTH_CONFIG:-$HOME/.berth/config.yaml}
AGENT_DIR="$STATE/agent"
EXPORTER_DIR="$STATE/exporter"
EXPORTER_LISTEN=${EXPORTER_LISTEN:-127.0.0.1:9420}
LB_DIR="$STATE/lb"
LB_GROUP=${LB_GROUP:-local}
LB_BIND=${LB_BIND:-127.0.0.1}
mkdir -p "$STATE"
chmod 700 "$STATE"

# Run as its own executable, so it gets the Node options on its first line.
packages/server/bin/berth-server.js --listen "$LISTEN" --ecs-listen "$ECS_LISTEN" --console-listen "$CONSOLE_LISTEN" \
  --metrics-listen "$METRICS_LISTEN" --store "file:$STATE/berth.db" --bootstrap-config "$BERTH_CONFIG" &
server=$!
agent=''
exporter=''
lb=''
stop() {
  trap - INT TERM EXIT
  for p in $agent $exporter $lb; do kill -TERM "$p" 2>/dev/null || true; done
  for p in $agent $exporter $lb; do wait "$p" 2>/dev/null || true; done
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
trap stop INT TERM EXIT

berth() { node packages/cli/bin/berth.js --server "$LISTEN" "$@"; }
# The server answers once it listens (its first start also writes BERTH_CONFIG before that).
for _ in $(seq 1 60); do
  kill -0 "$server" 2>/dev/null || { wait "$server"; exit 1; }
  berth get clusters >/dev/null 2>&1 && break
  sleep 0.5
done

echo "make up: the web console is at http://$CONSOLE_LISTEN (sign in with the access key in $BERTH_CONFIG)" >&2

token=''
if [ ! -d "$AGENT_DIR/tls" ]; then
  # An agent registered by an earlier, plaintext Berth cannot join with a token: it starts afresh.
  if [ -n "$(ls -A "$AGENT_DIR" 2>/dev/null)" ]; then
    echo "make up: $AGENT_DIR holds an agent registered without a certificate; moving it to $AGENT_DIR.before-tls" >&2
    rm -rf "$AGENT_DIR.before-tls"
    mv "$AGENT_DIR" "$AGENT_DIR.before-tls"
  fi
  token=$(berth create join-token --uses 1 --ttl 10m --description "make up: the local agent" -o json |
    node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).token))')
fi

# No registry may be reachable: use a local image when there is one, as the tests do. The machine also
# serves the load-balancer group $LB_GROUP (its listener ports are kept off tasks' host ports), and
# berth-lb reaches its tasks' host ports on loopback. The one agent of this machine owns the credentials
# endpoint's address translation (169.254.170.2, ecs-init's rules; needs root, else it logs why bridge-mode
# containers cannot reach it).
ECS_DATADIR="$AGENT_DIR" BERTH_SERVER="$LISTEN" BERTH_JOIN_TOKEN="$token" ECS_IMAGE_PULL_BEHAVIOR="${ECS_IMAGE_PULL_BEHAVIOR:-prefer-cached}" \
  BERTH_LB_GROUP="$LB_GROUP" BERTH_HOST_ADDRESS="${BERTH_HOST_ADDRESS:-127.0.0.1}" \
  BERTH_CREDENTIALS_ENDPOINT="${BERTH_CREDENTIALS_ENDPOINT:-on}" node packages/agent/bin/berth-agent.js &
agent=$!

exporter_token=''
if [ ! -d "$EXPORTER_DIR/tls" ]; then
  exporter_token=$(berth create join-token --kind exporter --uses 1 --ttl 10m --description "make up: berth-exporter" -o json |
    node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).token))')
fi
BERTH_JOIN_TOKEN="$exporter_token" node packages/exporter/bin/berth-exporter.js --server "$LISTEN" --data-dir "$EXPORTER_DIR" --listen "$EXPORTER_LISTEN" --load-balancers &
exporter=$!

lb_token=''
if [ ! -d "$LB_DIR/tls" ]; then
  lb_token=$(berth create join-token --kind lb --uses 1 --ttl 10m --description "make up: berth-lb for group $LB_GROUP" -o json |
    node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).token))')
fi
mkdir -p "$LB_DIR"
chmod 700 "$LB_DIR"
BERTH_JOIN_TOKEN="$lb_token" node packages/lb/bin/berth-lb.js --group "$LB_GROUP" --server "$LISTEN" --dir "$LB_DIR" --bind "$LB_BIND" &
lb=$!
wait -n "$server" "$agent" "$exporter" "$lb" || true
