# Copyright (c) 2026, vietnamese_fts authors
#
# 005_lexicon_file.pl
#	A missing, empty, truncated or corrupted compiled lexicon must make
#	to_tsvector('vietnamese', ...) in a fresh connection fail with an ERROR
#	naming the file, never crash a backend; once the file is restored a
#	fresh connection works again.
#
#	This replaces the INSTALLED file ($(pg_config --sharedir)/tsearch_data/
#	vietnamese.lex), so it needs write access there.  When prove runs as
#	an unprivileged user the test skips; tests/tap/lexicon_file.sh does the
#	same checks (and a few more) when run as root.

use strict;
use warnings;

use File::Copy qw(copy move);
use FindBin;
use lib $FindBin::RealBin;
use VnFts;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $sharedir = `pg_config --sharedir`;
chomp $sharedir;
my $dir = "$sharedir/tsearch_data";
my $lex = "$dir/vietnamese.lex";

plan skip_all => "$lex is not installed" unless -f $lex;
plan skip_all =>
  "$dir is not writable by this user; run tests/tap/lexicon_file.sh as root for these checks"
  unless -w $dir;

my $node = vn_node('lexfile');
$node->start;
$node->safe_psql('postgres', 'CREATE EXTENSION vietnamese_fts');

my $q = q{SELECT to_tsvector('vietnamese', 'Đảng Cộng sản Việt Nam')};
my $good = $node->safe_psql('postgres', $q);
like($good, qr/cộng_sản/, 'baseline: the installed lexicon works');

my $backup = $node->basedir . '/vietnamese.lex.orig';
copy($lex, $backup) or die "could not back up $lex: $!";
my $size = -s $backup;

# Put the original back by rename (never truncate a file backends map).
sub restore
{
	return unless -f $backup;
	rmdir $lex if -d $lex;
	copy($backup, "$lex.restore.$$") and move("$lex.restore.$$", $lex);
}
END { restore(); }
$SIG{INT} = $SIG{TERM} = sub { restore(); exit 2; };

sub install_bytes
{
	my ($bytes) = @_;
	open my $fh, '>:raw', "$lex.test.$$" or die $!;
	print $fh $bytes;
	close $fh;
	chmod 0644, "$lex.test.$$";
	move("$lex.test.$$", $lex) or die $!;
}

sub expect_error
{
	my ($label, $re) = @_;
	# psql() opens a new connection each time: nothing is cached yet
	my ($ret, $out, $err) = $node->psql('postgres', $q);
	isnt($ret, 0, "$label: to_tsvector fails");
	like($err, qr/ERROR:  could not load the Vietnamese lexicon: .*vietnamese\.lex.*$re/,
		"$label: the ERROR names the file and the problem");
}

open my $in, '<:raw', $backup or die $!;
my $orig = do { local $/; <$in> };
close $in;

unlink $lex;
expect_error('removed', qr/No such file/);

install_bytes('');
expect_error('empty', qr/truncated/);

install_bytes(substr($orig, 0, int($size / 2)));
expect_error('truncated to half', qr/truncated/);

my $flipped = $orig;
my $mid = int($size / 2) + 3;
substr($flipped, $mid, 1) = chr((ord(substr($orig, $mid, 1)) + 1) % 256);
install_bytes($flipped);
expect_error('one byte changed', qr/checksum/);

install_bytes($orig . "\0" x 8);
expect_error('padded', qr/padded/);

install_bytes(join('', map { chr(int(rand(256))) } 1 .. 4096));
expect_error('random bytes', qr/magic/);

restore();
is($node->safe_psql('postgres', $q), $good,
	'restored: a fresh connection gives the original output');

$node->stop;
unlike(slurp_file($node->logfile),
	qr/server process .* was terminated|terminated by signal|PANIC|TRAP:/,
	'no crashed backend in the log');

done_testing();
