# The two commands of the README: `make demo` and `make check`.  Both set
# up everything on a fresh Debian 12 machine: missing packages are
# installed when run as root or with sudo, then meson builds ehc.

BUILD	?= build
SAN	?= build-san
MESON	?= meson

PACKAGES = build-essential meson ninja-build pkg-config python3 \
	   libsqlite3-dev sqlite3 libcsv-dev libcjson-dev libxlsxwriter-dev \
	   check mandoc python3-openpyxl

.PHONY: all build deps demo check bench fuzz clean

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

bench: deps
	@if [ -x tools/bench ]; then tools/bench; \
	else echo "no benchmark yet"; fi

fuzz: deps
	@if [ -x tools/fuzz ]; then tools/fuzz; \
	else echo "no fuzz targets yet"; fi

clean:
	rm -rf $(BUILD) $(SAN) build-bench
