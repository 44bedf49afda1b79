# Berth: `make up` runs it, `make test` passes the tests. Both install what they need first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Build native modules (better-sqlite3) against the machine's Node headers when present: no download.
ifneq ($(wildcard /usr/include/node/node.h),)
export npm_config_nodedir := /usr
endif

BERTH_STATE ?= $(HOME)/.berth
LISTEN ?= 127.0.0.1:7420

.PHONY: help deps install build rebuild test up bench gen dist images clean

help:
	@echo "make up      run Berth: the control plane on the embedded store ($(BERTH_STATE)) and a local agent, in the foreground"
	@echo "make test    install dependencies, build, run every test"
	@echo "make build   npm ci (when needed) and compile"
	@echo "make bench   run the benchmarks in test/bench but churn and startup-arch (~8 min; QUICK=1 a tenth of the size, ~3 min); results go to docs/benchmarks.md"
	@echo "             SCENARIO=NAME runs only NAME (e.g. api-latency); SCENARIO=churn: memory and store size under churn (~11 min, QUICK ~1)"
	@echo "make dist    Debian packages of every part in dist/ (offline; docs/install.md)"
	@echo "make images  images berth/agent, server, exporter, log-router from this machine's Node (offline; docker import)"
	@echo "make gen     regenerate protos, model data and types from every botocore model in protos/aws-models"

deps:
	bash deploy/deps.sh

# npm ci only when the lock file or a manifest changed since the last install.
node_modules/.package-lock.json: package-lock.json package.json $(wildcard packages/*/package.json)
	npm ci --no-audit --no-fund
	@touch $@

install: node_modules/.package-lock.json

# tsc type-checks the console's browser app too; esbuild then bundles it into the server's package.
build: install
	npx tsc -b
	node packages/console/build.mjs

# From scratch: tsc -b never deletes outputs of removed sources, and tap would still run stale tests.
rebuild: install
	rm -rf packages/*/dist packages/*/tsconfig.tsbuildinfo
	npx tsc -b
	node packages/console/build.mjs

test: deps build
	npx tap

up: install build
	bash deploy/deps.sh docker
	BERTH_STATE=$(BERTH_STATE) LISTEN=$(LISTEN) bash deploy/up.sh

# Benchmarks (test/bench): the full size on a 2-core machine, or QUICK=1 for a tenth of it; SCENARIO=NAME
# runs that scenario alone, or if none has that name, those whose file name starts with it; a name that
# matches none is refused with the list (churn and startup-arch run only when named: test/bench/run.mjs).
bench: deps build
	QUICK=$(QUICK) node test/bench/run.mjs $(SCENARIO)

gen: install
	npm run gen

# Debian packages (deploy/packages/build.sh): the cross compiler for the arm64 server first.
dist: build
	bash deploy/deps.sh dist
	bash deploy/packages/build.sh

# OCI images with no registry: root file systems from the host's Node and the staged parts, loaded with
# docker import (deploy/docker/build-images.sh; deploy/docker/Dockerfile builds the same for a registry).
images: build
	bash deploy/docker/build-images.sh

clean:
	rm -rf packages/*/dist packages/*/tsconfig.tsbuildinfo .tap
