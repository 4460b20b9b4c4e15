# The two commands of the README: `make demo` and `make check`.  Both set
# up everything on a fresh Debian 12 machine: missing packages are
# installed when run as root or with sudo, then meson builds ehc.

BUILD	?= build
SAN	?= build-san
MESON	?= meson

PACKAGES = build-essential meson ninja-build pkg-config python3 \
	   libsqlite3-dev sqlite3 libcsv-dev libcjson-dev libxlsxwriter-dev \
	   check mandoc python3-openpyxl python3-icalendar python3-html5lib \
	   libxml2-dev libxml2-utils

.PHONY: all build deps demo check check-browser install deb bench fuzz clean

all: build

deps:
	@missing=""; for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	    grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then sudo=""; \
	    elif sudo -n true 2>/dev/null; then sudo="sudo"; \
	    else echo "make: missing Debian packages:$$missing;" \
	        "install them with: sudo apt-get install$$missing" >&2; \
	        exit 1; fi; \
	    echo "make: installing$$missing"; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq \
	        --no-install-recommends $$missing >/dev/null; \
	fi

$(BUILD)/build.ninja: | deps
	$(MESON) setup $(BUILD) -Dtests=true

build: deps $(BUILD)/build.ninja
	@$(MESON) configure $(BUILD) -Dtests=true >/dev/null
	$(MESON) compile -C $(BUILD)

demo: build
	@examples/demo.sh $(BUILD)/ehc

check: build
	@tests/run-all $(BUILD) $(SAN)

# Install ehc, its manual pages, bash completion, example crontab and
# libehc with its headers and pkg-config file under PREFIX (default
# /usr/local), below DESTDIR when it is set, from the build above.
PREFIX	?= /usr/local

install: build
	@$(MESON) configure $(BUILD) -Dprefix=$(PREFIX) >/dev/null
	$(MESON) install -C $(BUILD) $(if $(DESTDIR),--destdir "$(DESTDIR)")

# The Debian packages ehc, libehc0.2 and libehc-dev, built with
# dpkg-buildpackage from a copy of the tree and checked by lintian, in
# build-deb/; see tools/deb.
DEB_PACKAGES = dpkg-dev debhelper lintian

deb:
	@$(MAKE) --no-print-directory deps \
	    PACKAGES="$(PACKAGES) $(DEB_PACKAGES)"
	@tools/deb

# Each plan and letter rendered by headless Chromium to a PNG, failing on
# a blank or clipped page (tests/check-browser); outside make check.
BROWSER_PACKAGES = chromium python3-pil

check-browser:
	@$(MAKE) --no-print-directory deps \
	    PACKAGES="$(PACKAGES) $(BROWSER_PACKAGES)"
	@$(MAKE) --no-print-directory build
	@tests/check-browser $(BUILD)

# Times ehc against the sqlite3 tool at 7,500 and EHC_BENCH_LARGE (650,000)
# cases and writes docs/performance.md; see tools/bench.
bench: deps
	@tools/bench

# libFuzzer harnesses (tests/fuzz/) for the date parser, the SEN2 import
# (CSV and XML), the case import and the bank-holidays reader, each run for FUZZ_SECONDS
# (default 60); clang and its runtime are needed for this target only.
FUZZ_PACKAGES = clang libclang-rt-14-dev
FUZZ_SECONDS ?= 60

fuzz:
	@$(MAKE) --no-print-directory deps \
	    PACKAGES="$(PACKAGES) $(FUZZ_PACKAGES)"
	@$(MAKE) --no-print-directory build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run $(BUILD)

clean:
	rm -rf $(BUILD) $(SAN) build-bench build-deb
