#!/bin/sh
# tests/demo.sh (run with bash): build and install vietnamese_fts, start a throwaway
# PostgreSQL 15 cluster, load the sample articles and run showcase queries.
set -eu
cd "$(dirname "$0")/.."
sh tests/setup.sh
# pg_virtualenv: a temporary cluster that is removed when the command ends
pg_virtualenv -t -v 15 psql -X -q -v ON_ERROR_STOP=1 -f tests/demo.sql
