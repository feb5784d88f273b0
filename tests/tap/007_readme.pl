# Copyright (c) 2026, vietnamese_fts authors
#
# 007_readme.pl
#	The README is a manual of copy-paste SQL: every ```sql block in it
#	must run, in order, on a fresh database holding the sample articles,
#	and give what the text around it promises.  Two blocks need things
#	the reader brings: the category tables of the join example (made here
#	from the sample articles' categories) and a stopword file of their
#	own (the installed list stands in for "mylist").

use strict;
use warnings;

use FindBin;
use lib $FindBin::RealBin;
use VnFts;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

# tests/check.sh runs a copy with README.md beside tap/; in the source
# tree it is two levels up
my $readme = "$FindBin::RealBin/../README.md";
$readme = "$FindBin::RealBin/../../README.md" unless -r $readme;
my $articles = "$FindBin::RealBin/../data/articles.tsv";
plan skip_all => "README.md not found next to the tests"
  unless -r $readme;

# The ```sql blocks, in order.
my @blocks;
{
	open(my $fh, '<', $readme) or die "$readme: $!";
	my $cur;
	while (my $line = <$fh>)
	{
		if (!defined $cur && $line =~ /^```sql\s*$/)
		{
			$cur = '';
		}
		elsif (defined $cur && $line =~ /^```\s*$/)
		{
			push @blocks, $cur;
			undef $cur;
		}
		elsif (defined $cur)
		{
			$cur .= $line;
		}
	}
	close $fh;
	ok(!defined $cur, 'every sql block in the README is closed');
}
cmp_ok(scalar @blocks, '>=', 7, 'README has its sql examples');

my $node = vn_node('readme');
$node->start;

# Runs one block; a block is expected to work, so any error fails.
sub run_block
{
	my ($sql, $name) = @_;
	my ($ret, $stdout, $stderr) =
	  $node->psql('postgres', $sql, on_error_stop => 1);

	is($ret, 0, "README block runs: $name")
	  or diag("stderr: $stderr");
	return $stdout;
}

# A block whose every SELECT line ends with a comment showing its result
# (at least $min of them) gives those results, line by line.
sub check_shown
{
	my ($sql, $out, $min, $what) = @_;
	my @promised = ($sql =~ /^SELECT .*;\s+--\s+(.*?)\s*$/mg);
	my @got = split /\n/, $out;

	cmp_ok(scalar @promised, '>=', $min, "the $what example shows its results");
	is_deeply(\@got, \@promised, "$what gives what the README shows");
}

my $loaded = 0;
for my $i (0 .. $#blocks)
{
	my $sql = $blocks[$i];
	my $name = 'block ' . ($i + 1) . ': ' . (split /\n/, $sql)[0];

	# the reader's own stopword file
	$sql =~ s/StopWords = mylist/StopWords = vietnamese/;

	# what the join example assumes exists
	if ($sql =~ /article_categories/)
	{
		$node->safe_psql(
			'postgres', q{
CREATE TABLE categories (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE article_categories (article_id bigint, category_id int);
INSERT INTO categories VALUES (1, 'Thể thao'), (2, 'Kinh tế');
INSERT INTO article_categories
	SELECT id, CASE category WHEN 'sport' THEN 1 ELSE 2 END FROM sample;
});
	}

	my $out = run_block($sql, $name);

	# after the block that creates the table, load the sample articles
	if (!$loaded && $sql =~ /CREATE TABLE articles/)
	{
		$node->safe_psql('postgres',
			    "CREATE TABLE sample (id bigint, category text, title text, body text);\n"
			  . "COPY sample FROM '$articles' WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01', HEADER);\n"
			  . "INSERT INTO articles (id, title, body) SELECT id, title, body FROM sample;"
		);
		$loaded = 1;
		next;
	}

	if ($sql =~ /websearch_to_tsquery\('vietnamese', 'Đảng Cộng sản'\)/)
	{
		my @rows = grep { /\S/ } split /\n/, $out;
		cmp_ok(scalar @rows, '>=', 1, 'the ranked query finds articles');
		like($out, qr/<b>Đảng<\/b>|<b>Cộng sản<\/b>/,
			'its extract marks the words found');
	}
	elsif ($sql =~ /article_categories/)
	{
		my @rows = grep { /\S/ } split /\n/, $out;
		cmp_ok(scalar @rows, '>=', 1, 'the join finds football in Thể thao');
		unlike($out, qr/Kinh tế/, 'and only there');
	}
	elsif ($sql =~ /vietnamese_segment\('([^']*)'\);\n--\s+(.*)\n/)
	{
		my ($in, $promised) = ($1, $2);
		my $got = (split /\n/, $out)[0];
		is($got, $promised, 'vietnamese_segment gives what the README shows');
	}
	elsif ($sql =~ /vietnamese_add_synonym/)
	{
		is( $node->safe_psql(
				'postgres',
				"SELECT string_agg(word || '=' || coalesce(canonical, ''), ',' ORDER BY word) FROM vietnamese_user_words"
			),
			'tp.hcm=thành phố hồ chí minh,vn=việt nam',
			'the user words are what the block leaves');
		is( $node->safe_psql(
				'postgres',
				"SELECT to_tsvector('vietnamese', 'TP.HCM') @@ plainto_tsquery('vietnamese', 'thành phố Hồ Chí Minh')"
			),
			't',
			'and the synonym matches its full form');
	}
	elsif ($sql =~ /vietnamese_add_common_abbreviations/)
	{
		check_shown($sql, $out, 3, 'vietnamese_add_common_abbreviations');
	}
	elsif ($sql =~ /plainto_tsquery\('vietnamese_query', 'thu nhap/)
	{
		# the search, then the query with its promised form on the next line
		my ($promised) = ($sql =~ /^\s+--\s+(.*?)\s*$/m);
		my @got = split /\n/, $out;
		is($got[-1], $promised, 'vietnamese_query gives the query the README shows');
		cmp_ok(scalar @got, '>=', 2,
			'and a query typed without diacritics finds sample articles');
		is( $node->safe_psql(
				'postgres',
				"SELECT count(*) FROM articles WHERE tsv @@ plainto_tsquery('vietnamese', 'thu nhap cua nguoi lao dong')"
			),
			'0',
			'which the same query parsed with vietnamese does not');
	}
	elsif ($sql =~ /Layout = prefix/)
	{
		check_shown($sql, $out, 2, 'Layout = prefix');
	}
	elsif ($sql =~ /^SELECT vietnamese_websearch_to_tsquery/m)
	{
		check_shown($sql, $out, 3, 'vietnamese_websearch_to_tsquery');
	}
}
ok($loaded, 'a README block creates the articles table');

$node->stop;
done_testing();
