# lora-spec: the two Quick start commands and their set-up.
# `make specs` runs the Specs suite (reports in Reports/), `make test` runs the tests.
# Both install the Debian packages the build needs first (once; apt is skipped when present).

SWIFT ?= swift
APT_PACKAGES := libxml2-dev libxml2-utils libcmark-gfm-dev libcmark-gfm-extensions-dev libopenblas-dev pkg-config

.PHONY: specs test test-release bench docs deps format lint

specs: deps
	$(SWIFT) build -c release --product lora-spec
	mkdir -p Reports
	$(SWIFT) run -c release --skip-build lora-spec run Specs --junit Reports/junit.xml

test: deps
	$(SWIFT) test --disable-xctest

test-release: deps
	$(SWIFT) test -c release --disable-xctest

bench: deps
	$(SWIFT) run -c release lora-spec bench

docs: deps
	$(SWIFT) run -c release lora-spec docs Specs --out Reports/site

deps:
	@Scripts/install-deps.sh $(APT_PACKAGES)

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --recursive Sources Tests Package.swift
