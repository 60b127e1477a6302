# The two commands of the README: `make start` and `make test`. Both run the
# set-up first (scripts/setup.sh), which skips finished work.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
ROOT := $(CURDIR)
export PATH := $(ROOT)/.tools/bin:$(PATH)
# Local stand-in for the techdocs-core MkDocs plugin when the real one is
# missing (see docs/development.md).
export PYTHONPATH := $(shell bash scripts/techdocs/pythonpath.sh)

.PHONY: setup start techdocs-prebuild test typecheck lint config-check unit packages conformance docs docs-diagram clean

setup:
	@bash scripts/setup.sh

start: setup techdocs-prebuild
	yarn start

# The product docs and the demo stack's (System demo-analytics of
# examples/demo-stack/catalog-info.yaml), published where the portal's local
# TechDocs publisher reads them, so the first search index already holds them.
techdocs-prebuild:
	/usr/bin/mkdocs build --quiet --site-dir $(ROOT)/.cache/techdocs/default/system/big-data-stack
	/usr/bin/mkdocs build --quiet --config-file examples/demo-stack/mkdocs.yml \
	  --site-dir $(ROOT)/.cache/techdocs/default/system/demo-analytics

test: setup typecheck lint config-check unit packages conformance

typecheck: setup
	yarn tsc

lint: setup
	yarn lint:all
	yarn prettier:check

config-check: setup
	yarn backstage-cli config:check --config app-config.yaml
	yarn backstage-cli config:check --config app-config.yaml --config app-config.production.yaml --lax

unit: setup
	CI=$${CI:-true} yarn test:all

# The datastack CLI and the packages it needs as a registry would serve them:
# built, packed, installed with npm in a temporary folder, rendering a stack
# there (scripts/pack/checkPackages.ts; docs/development.md).
packages: setup
	node -r @backstage/cli/config/nodeTransform.cjs scripts/pack/checkPackages.ts

# The rendered stack run as native servers (docs/conformance.md);
# CONFORMANCE_STACK=<stack.yaml> runs it on another stack.
conformance: setup
	bash scripts/conformance/run.sh

docs:
	/usr/bin/mkdocs build --strict --site-dir site

docs-diagram:
	bash scripts/render-diagram.sh docs/images/architecture.mmd docs/images/architecture.svg
	bash scripts/render-diagram.sh docs/images/status-flow.mmd docs/images/status-flow.svg

clean:
	rm -rf .tools node_modules site
