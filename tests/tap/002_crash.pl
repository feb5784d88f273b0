# Copyright (c) 2026, vietnamese_fts authors
#
# 002_crash.pl
#	Crash recovery of tables indexed with the Vietnamese configuration.
#	A background psql session loads articles one committed INSERT at a
#	time while the server is crashed twice: an immediate shutdown of the
#	whole server (no checkpoint, recovery from WAL at restart), and
#	SIGKILL of the loading backend (the postmaster resets every backend
#	and recovers).  Every insert that psql saw acknowledged must be there,
#	ids must have no holes, stored tsvectors must equal fresh ones, and
#	the GIN indexes must give the same ids as a sequential scan.

use strict;
use warnings;

use IPC::Run;
use Time::HiRes qw(time sleep);
use FindBin;
use lib $FindBin::RealBin;
use VnFts;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = vn_node('crash');
# restart_after_crash is on by default; make it explicit, the test needs it
$node->append_conf('postgresql.conf', "restart_after_crash = on\n");
$node->start;

$node->safe_psql(
	'postgres', 'CREATE EXTENSION vietnamese_fts;' . vn_gen_text_sql() . q{
CREATE TABLE articles (
	id bigint PRIMARY KEY,
	body text NOT NULL,
	tsv tsvector GENERATED ALWAYS AS (to_tsvector('vietnamese', body)) STORED
);
CREATE INDEX articles_tsv_idx ON articles USING gin (tsv);
CREATE INDEX articles_expr_idx ON articles USING gin (to_tsvector('vietnamese', body));
});

my @queries = (
	q{plainto_tsquery('vietnamese', 'Việt Nam')},
	q{plainto_tsquery('vietnamese', 'viet nam')},
	q{plainto_tsquery('vietnamese', 'hoà bình')},
	q{plainto_tsquery('vietnamese', 'TP.HCM')},
	q{plainto_tsquery('vietnamese', 'dang')},
	q{phraseto_tsquery('vietnamese', 'giá xăng dầu')},
	q{to_tsquery('vietnamese', 'kinh:* & !bóng')},
	q{plainto_tsquery('vietnamese', '3,5%')});

# ids of rows matching a query, via the given access path
sub ids
{
	my ($where, $path) = @_;
	my $set =
	  $path eq 'index'
	  ? 'SET enable_seqscan = off;'
	  : 'SET enable_indexscan = off; SET enable_bitmapscan = off;';
	return $node->safe_psql('postgres',
		"$set SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM articles WHERE $where"
	);
}

sub check_consistency
{
	my ($label) = @_;

	is( $node->safe_psql(
			'postgres',
			q{SELECT count(*) FROM articles WHERE tsv IS DISTINCT FROM to_tsvector('vietnamese', body)}
		),
		'0',
		"$label: stored tsvectors equal fresh ones");
	my $agree = 0;
	my $nonempty = 0;
	for my $q (@queries)
	{
		my $seq = ids("tsv @@ $q", 'seq');
		$nonempty++ if $seq ne '';
		$agree++
		  if ids("tsv @@ $q", 'index') eq $seq
		  && ids("to_tsvector('vietnamese', body) @@ $q", 'index') eq $seq;
	}
	is($agree, scalar @queries,
		"$label: both GIN indexes give the seq-scan ids for every query");
	is($nonempty, scalar @queries, "$label: every query matches some rows");
}

my $next_id = 1;

# Start a psql that inserts one article per statement (autocommit) and
# prints each id once its INSERT has been acknowledged.  Returns the harness
# and refs to its stdin/stdout.
sub start_loader
{
	my ($in, $out, $err) = ('', '', '');
	my $h = IPC::Run::start(
		[ 'psql', '-XAtq', '-d', $node->connstr('postgres'), '-f', '-' ],
		'<', \$in, '>', \$out, '2>', \$err);
	$in .= "SELECT 'pid=' || pg_backend_pid();\n";
	return ($h, \$in, \$out, \$err);
}

# Keep the loader fed until at least $min acknowledged ids are seen and
# $secs seconds have passed.
sub feed
{
	my ($h, $in, $out, $min, $secs) = @_;
	my $t0 = time;
	while (time - $t0 < 120)
	{
		while (length($$in) < 20000)
		{
			$$in .=
			  "INSERT INTO articles (id, body) VALUES ($next_id, gen_text(40 + $next_id % 200)) RETURNING id;\n";
			$next_id++;
		}
		$h->pump_nb;
		my $acked = () = $$out =~ /^\d+$/mg;
		last if $acked >= $min && time - $t0 >= $secs;
		sleep 0.01;
	}
}

# The ids psql printed, checked to be 1..n in order; returns n.
sub acked_ids
{
	my ($out, $label) = @_;
	my @ids = $$out =~ /^(\d+)$/mg;
	my $inorder = 1;
	for my $i (0 .. $#ids)
	{
		$inorder = 0 if $ids[$i] != $i + 1;
	}
	ok($inorder, "$label: psql acknowledged ids 1.." . scalar(@ids) . " in order");
	return scalar @ids;
}

sub check_present
{
	my ($acked, $label) = @_;
	my ($count, $max) = split /\|/,
	  $node->safe_psql('postgres', 'SELECT count(*), coalesce(max(id), 0) FROM articles');
	cmp_ok($max, '>=', $acked, "$label: all $acked acknowledged inserts survived (max id $max)");
	is($count, $max, "$label: ids 1..$max have no holes");
	return $max;
}

# Round 1: immediate shutdown of the whole server during the load.
my ($h, $in, $out, $err) = start_loader();
feed($h, $in, $out, 300, 4);
$node->stop('immediate');
eval { $h->finish; };
my $acked = acked_ids($out, 'immediate stop');
cmp_ok($acked, '>=', 300, "immediate stop: at least 300 inserts were acknowledged ($acked)");
$node->start;
my $max = check_present($acked, 'immediate stop');
check_consistency('after immediate stop');

# Round 2: SIGKILL the loading backend; the postmaster resets all backends.
$next_id = $max + 1;
my $base = $max;
($h, $in, $out, $err) = start_loader();
feed($h, $in, $out, 300, 4);
my ($pid) = $$out =~ /^pid=(\d+)$/m;
ok(defined $pid, 'loader reported its backend pid');
my $logstart = -s $node->logfile;
kill 'KILL', $pid;
eval { $h->finish; };
$node->poll_query_until('postgres', 'SELECT true')
  or die 'server did not come back after the backend was killed';
ok($node->log_contains(qr/server process \(PID $pid\) was terminated by signal 9/, $logstart),
	'postmaster saw the killed backend and restarted');
my @ids2 = $$out =~ /^(\d+)$/mg;
my $acked2 = scalar @ids2;
is_deeply(\@ids2, [ $base + 1 .. $base + $acked2 ],
	"backend kill: psql acknowledged ids in order ($acked2 of them)");
check_present($base + $acked2, 'backend kill');
check_consistency('after backend kill');

# And the data is still fine after a clean restart.
$node->restart;
check_consistency('after clean restart');

$node->stop;
my $log = slurp_file($node->logfile);
unlike($log, qr/PANIC|TRAP:|terminated by signal (?!9:)/,
	'no PANIC, assertion or unexpected signal in the server log');
my @killed = $log =~ /was terminated by signal 9/g;
is(scalar @killed, 1, 'the only killed process is the one the test killed');

done_testing();
