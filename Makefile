# lora-spec: the two Quick start commands and their set-up.
# `make specs` runs the Specs suite (reports in Reports/), `make test` runs the tests.
# Both install the Debian packages the build needs first (once; apt is skipped when present).

SWIFT ?= swift
APT_PACKAGES := libxml2-dev libxml2-utils libcmark-gfm-dev libcmark-gfm-extensions-dev libopenblas-dev pkg-config

.PHONY: specs test test-release bench docs deps format lint binary fuzz

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

# A release binary with the Swift runtime and Foundation linked in: it needs only libxml2,
# cmark-gfm (and their ICU, zlib, lzma) from the system, no Swift toolchain.
binary: deps
	$(SWIFT) build -c release --static-swift-stdlib --product lora-spec --scratch-path .build-static
	mkdir -p dist
	cp .build-static/release/lora-spec dist/lora-spec

# Coverage-guided fuzzing of every input parser (libFuzzer + AddressSanitizer), FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
fuzz: deps
	Scripts/fuzz/run.sh $(FUZZ_SECONDS)

deps:
	@Scripts/install-deps.sh $(APT_PACKAGES)

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --recursive Sources Tests Package.swift
