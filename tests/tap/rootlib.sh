# rootlib.sh
#	Shared by the checks that must run as root (they replace or add files
#	under $(pg_config --sharedir)/tsearch_data): a throwaway cluster run as
#	user postgres, psql_run, and TAP output.  Sourced, not run; the caller
#	sets PORT and may set SKIP_UNLESS_FILE before sourcing.
#
# Copyright (c) 2026, vietnamese_fts authors

command -v pg_config >/dev/null 2>&1 || PATH=/usr/lib/postgresql/15/bin:$PATH
BINDIR=$(pg_config --bindir)
SHAREDIR=$(pg_config --sharedir)
TSDATA=$SHAREDIR/tsearch_data

if [ ! -f "$TSDATA/vietnamese.lex" ]; then
	echo "1..0 # SKIP $TSDATA/vietnamese.lex is not installed (make install first)"
	exit 0
fi
if [ ! -w "$TSDATA" ]; then
	echo "1..0 # SKIP $TSDATA is not writable by $(id -un)"
	exit 0
fi

# initdb refuses to run as root: run the server as postgres then.
if [ "$(id -u)" = 0 ]; then
	AS="runuser -u postgres --"
else
	AS=""
fi

WORK=$(mktemp -d /tmp/vn_root_test.XXXXXX)
chmod 755 "$WORK"
[ -n "$AS" ] && chown postgres "$WORK"

n=0
failed=0
ok()
{
	n=$((n + 1))
	echo "ok $n - $1"
}
notok()
{
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
}

# $1 = label, $2 = what came, $3 = what was expected
check_eq()
{
	if [ "$2" = "$3" ]; then
		ok "$1: [$2]"
	else
		notok "$1: expected [$3], got [$2]"
	fi
}

psql_run()
{
	$AS "$BINDIR/psql" -X -At -h "$WORK" -p "$PORT" -d postgres -c "$1"
}

stop_cluster()
{
	$AS "$BINDIR/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1
}

start_cluster()
{
	$AS "$BINDIR/initdb" -D "$WORK/data" -E UTF8 --locale=C -A trust >"$WORK/initdb.log" 2>&1 ||
		{ echo "Bail out! initdb failed"; cat "$WORK/initdb.log"; exit 1; }
	$AS "$BINDIR/pg_ctl" -D "$WORK/data" -l "$WORK/server.log" -w \
		-o "-p $PORT -k $WORK -c listen_addresses=''" start >/dev/null ||
		{ echo "Bail out! server did not start"; cat "$WORK/server.log"; exit 1; }
	psql_run 'CREATE EXTENSION vietnamese_fts' >/dev/null 2>&1 ||
		{ echo "Bail out! CREATE EXTENSION failed"; exit 1; }
}

# No backend crashed.
check_server_log()
{
	if grep -Eq "terminated by signal|server process .* was terminated|PANIC|TRAP:" "$WORK/server.log"; then
		notok "server log shows no crashed backend"
		grep -E "terminated|PANIC|TRAP" "$WORK/server.log" | sed 's/^/# /'
	else
		ok "server log shows no crashed backend"
	fi
}

finish()
{
	echo "1..$n"
	[ $failed -eq 0 ]
}
