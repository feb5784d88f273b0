#!/bin/sh
# tests/setup.sh: install the Debian packages vietnamese_fts needs (only the
# missing ones), then build and install the extension.  Idempotent; used by
# tests/demo.sh and tests/check.sh.  Run as root or with sudo available.
set -eu
cd "$(dirname "$0")/.."

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

PKGS="postgresql-15 postgresql-server-dev-15 postgresql-common libicu-dev
pkg-config make gcc clang libclang-rt-14-dev libipc-run-perl ca-certificates"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null
fi

PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
export PG_CONFIG
make -s -j2
as_root make -s install PG_CONFIG=$PG_CONFIG
echo "setup: vietnamese_fts built and installed into $($PG_CONFIG --sharedir)"
