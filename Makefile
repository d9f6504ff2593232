# postcheck: `make` builds everything and shows a sample check; `make test` runs every test.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := all

VERSION        := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
WASM_BINDGEN_V := $(shell sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
CARGO_BIN      := $(HOME)/.cargo/bin
WASM_BINDGEN   := $(CARGO_BIN)/wasm-bindgen
# The shipped module is built in its own target dir with the standard library rebuilt for size
# (docs/performance.md, "Size"): panics abort at once instead of formatting a message nobody
# sees (wasm32-unknown-unknown has no stderr), and core's size-optimised algorithms (sorts).
# These are unstable cargo/rustc flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain take
# them (as for `make fuzz`), and `make tools` installs the library's source (rust-src).
# LLVM's inlining threshold: at opt-level "z" it is 5, so even an iterator's `next` stays a call;
# 60 makes the checks 7-9% faster than 25 for +4.9 KB gzipped (75: 8-12%, +9.2 KB; 100: 6-17%,
# +12.2 KB; docs/performance.md, "Inlining").
WASM_INLINE    := 60
WASM_DIR       := target/bstd
WASM_TARGET    := $(WASM_DIR)/wasm32-unknown-unknown/release/postcheck.wasm
# `--cfg postcheck_fast`: the few functions that visit every character of a post are compiled for
# speed (`#[optimize(speed)]`, an unstable attribute the same RUSTC_BOOTSTRAP allows; src/lib.rs),
# the rest for size.
WASM_STD_FLAGS := -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size \
                  --config 'target.wasm32-unknown-unknown.rustflags=["-Zunstable-options","-Cpanic=immediate-abort","-Cllvm-args=-inline-threshold=$(WASM_INLINE)","--cfg","postcheck_fast"]'
PKG            := extension/pkg
UNPACKED       := dist/postcheck
FIREFOX_DIR    := dist/postcheck-firefox
CHROME_DIR     := dist/postcheck-chrome
ZIP            := dist/postcheck-chrome-$(VERSION).zip
XPI            := dist/postcheck-firefox-$(VERSION).xpi
CLI            := target/release-native/postcheck
# Flags the npm binaryen needs for what rustc emits (DESIGN.md: Debian's wasm-opt breaks init).
WASM_OPT_FLAGS := -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
                  --enable-mutable-globals --enable-reference-types --enable-multivalue

.PHONY: all tools cli wasm extension zip package lint-ext size size-budget sample docs test test-rust test-wasm test-e2e bench fuzz fuzz-tools clean

all: tools cli extension zip size sample

## ---- tools: installs what is missing (idempotent) -------------------------------------
tools: node_modules/.stamp
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
	@if ! $(WASM_BINDGEN) --version 2>/dev/null | grep -q " $(WASM_BINDGEN_V)$$"; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_V) (about 3 minutes, once)"; \
	  cargo install --quiet wasm-bindgen-cli --version $(WASM_BINDGEN_V); fi

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## ---- build ------------------------------------------------------------------------------
cli:
	cargo build --profile release-native --bin postcheck

wasm: tools
	RUSTC_BOOTSTRAP=1 cargo build --lib --release --target wasm32-unknown-unknown --target-dir $(WASM_DIR) $(WASM_STD_FLAGS)
	$(WASM_BINDGEN) --target web --no-typescript --out-dir $(PKG) $(WASM_TARGET)
	node_modules/.bin/wasm-opt $(WASM_OPT_FLAGS) $(PKG)/postcheck_bg.wasm -o $(PKG)/postcheck_bg.wasm
	cp src/dict/places.bin $(PKG)/places.bin

# dist/postcheck: the ONE manifest as it is (loads unpacked in Chrome, Edge and Firefox; the
# Chromium tests use it); dist/postcheck-firefox: the Firefox build (the Firefox tests and
# web-ext lint use it). scripts/manifest.mjs documents what each browser's manifest drops.
extension: wasm
	node_modules/.bin/esbuild extension/content/main.js --bundle --format=iife --target=chrome120,firefox140 \
	  --log-level=warning --outfile=extension/build/content.js
	$(call stage,dev,$(UNPACKED))
	$(call stage,firefox,$(FIREFOX_DIR))
	@echo "extension: $(UNPACKED)/ (load unpacked), $(FIREFOX_DIR)/ (Firefox build)"

# $(call stage,TARGET,DIR): the extension's files with TARGET's manifest (version from Cargo.toml).
define stage
	rm -rf $(2) && mkdir -p $(2)/extension
	node scripts/manifest.mjs $(1) $(VERSION) > $(2)/manifest.json
	cp -r extension/_locales $(2)/_locales
	tar -C extension --exclude=_locales --exclude=managed_schema.json.in -cf - . | tar -C $(2)/extension -xf -
endef

# The Chrome/Edge zip (no "key": the stores assign the id), version from Cargo.toml. Written by
# Node (scripts/zip.mjs: reproducible, no `zip` command needed on a fresh machine).
zip: extension
	$(call stage,chrome,$(CHROME_DIR))
	node scripts/zip.mjs $(ZIP) $(CHROME_DIR)
	@echo "zip: $(ZIP) ($$(stat -c %s $(ZIP)) bytes; Chrome and Edge)"

# The packages for admins and stores: the Chrome/Edge zip and Firefox's unsigned .xpi (a zip
# with the manifest at its root), both after Mozilla's linter on the Firefox build.
package: zip lint-ext
	node scripts/zip.mjs $(XPI) $(FIREFOX_DIR)
	@ls -l $(ZIP) $(XPI) | awk '{print "package: " $$NF " (" $$5 " bytes)"}'

# Part of `make test`: builds the packages and checks them without a browser (version from
# Cargo.toml, each browser's manifest, every file it names and the WASM; scripts/check_package.mjs).
.PHONY: package-check
package-check: package
	node scripts/check_package.mjs

# Mozilla's linter on the Firefox build: no errors, no warnings, no notices.
lint-ext: extension
	node_modules/.bin/web-ext lint --source-dir $(FIREFOX_DIR) --output json --no-input \
	  | node scripts/lint_report.mjs

size: wasm
	@raw=$$(stat -c %s $(PKG)/postcheck_bg.wasm); gz=$$(gzip -9 -c $(PKG)/postcheck_bg.wasm | wc -c); \
	  awk -v raw=$$raw -v gz=$$gz 'BEGIN { printf "WASM size: %d bytes raw, %d bytes gzipped (%.1f KB; budget 400 KB)\n", raw, gz, gz / 1000 }'
	@node scripts/wasm_size.mjs $(PKG)/postcheck_bg.wasm $(WASM_TARGET)

sample: cli
	@echo "---- postcheck check tests/sample/post.txt --account personal ----"
	@$(CLI) check --account personal tests/sample/post.txt || [ $$? -eq 1 ]

docs:
	cargo run -q --bin postcheck -- rules --format md > docs/rules.md

## ---- tests --------------------------------------------------------------------------------
test: test-rust test-wasm size-budget lint-ext test-e2e package-check

test-rust:
	cargo test --all-targets
	cargo test --doc

# wasm-bindgen-test under Node (fails if it ran no test) and the built pkg under node:test.
test-wasm: tools wasm
	@mkdir -p target
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$(CARGO_BIN)/wasm-bindgen-test-runner \
	  cargo test --target wasm32-unknown-unknown --test wasm 2>&1 | tee target/test-wasm.log
	@n=$$(sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' target/test-wasm.log | tail -1); \
	  if [ -z "$$n" ] || [ "$$n" -eq 0 ]; then echo "test-wasm: wasm-bindgen-test ran no test" >&2; exit 1; fi; \
	  echo "test-wasm: $$n wasm-bindgen tests passed under Node"
	node --test tests/wasm_api.test.mjs

# Part of `make test`: fails when the WASM exceeds its budget (gzipped, 1 KB = 1000 bytes as
# `size` prints it; docs/performance.md).
WASM_BUDGET_GZ := 400000
size-budget: wasm
	@gz=$$(gzip -9 -c $(PKG)/postcheck_bg.wasm | wc -c); \
	  if [ "$$gz" -gt $(WASM_BUDGET_GZ) ]; then \
	    echo "WASM size budget exceeded: $$gz bytes gzipped > $(WASM_BUDGET_GZ)" >&2; exit 1; fi; \
	  echo "WASM size budget: $$gz bytes gzipped <= $(WASM_BUDGET_GZ)"

test-e2e: extension
	node --test tests/e2e/

bench: tools cli wasm
	cargo bench --bench check --profile release-native
	node tests/bench/wasm_bench.mjs
	@$(MAKE) --no-print-directory size

## ---- fuzzing (not part of `make test`) ----------------------------------------------------
# cargo-fuzz needs nightly features (-Z flags for coverage instrumentation); RUSTC_BOOTSTRAP=1
# lets the stable toolchain accept them. Runs each target for FUZZ_SECONDS, one after another,
# on one core. The checker has no unsafe code, so AddressSanitizer would only slow it down
# (2-3x): the targets run without it (FUZZ_SANITIZER=address to have it), with overflow
# checks and debug assertions on (-a).
# Crashes land in fuzz/artifacts/<target>/; replay one with
# `RUSTC_BOOTSTRAP=1 cargo fuzz run -O -a -s none <target> fuzz/artifacts/<target>/<file>`.
FUZZ_SECONDS    ?= 600
FUZZ_TARGETS    ?= check policy policy_json image
CARGO_FUZZ_V    := 0.13.2
FUZZ_SANITIZER  ?= none

fuzz-tools:
	@if ! cargo fuzz --version 2>/dev/null | grep -q " $(CARGO_FUZZ_V)$$"; then \
	  echo "installing cargo-fuzz $(CARGO_FUZZ_V) (about 2 minutes, once)"; \
	  cargo install --quiet --locked cargo-fuzz --version $(CARGO_FUZZ_V); fi

fuzz: fuzz-tools
	@echo "---- nasty inputs at full size (optimised build) ----"
	cargo test --profile release-native --test nasty_inputs -- --nocapture --test-threads 1
	python3 fuzz/seeds.py
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$t; seeds=""; dict=""; \
	  [ -d fuzz/seeds/$$t ] && seeds=fuzz/seeds/$$t; [ -f fuzz/$$t.dict ] && dict=-dict=fuzz/$$t.dict; \
	  echo "---- fuzz $$t for $(FUZZ_SECONDS) s ----"; \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run -O -a -s $(FUZZ_SANITIZER) $$t fuzz/corpus/$$t $$seeds -- -max_total_time=$(FUZZ_SECONDS) \
	    -timeout=10 -max_len=4096 -print_final_stats=1 $$dict > fuzz/$$t.log 2>&1 \
	    || { tail -40 fuzz/$$t.log; echo "fuzz $$t FAILED: see fuzz/$$t.log and fuzz/artifacts/$$t/"; exit 1; }; \
	  grep -E "^(#[0-9]+ +(INITED|DONE)|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb))" fuzz/$$t.log; \
	done

clean:
	cargo clean
	rm -rf dist $(PKG) extension/build node_modules
