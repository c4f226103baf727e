#!/usr/bin/perl
# Searches files for secrets: perl leak-scan.pl SECRETS-FILE FILE...
# SECRETS-FILE holds one secret per line: a key as hex, or `text:` and a secret that is text
# (a backup code). A key is looked for as its raw bytes, as hex, as Base32 (unpadded, so padded
# matches too; also grouped in fours with spaces) in any letter case, and as Base64 (standard
# and URL-safe); a text secret as written and without its dashes and spaces, in any case.
# Prints one line per hit, naming the file, the secret's line number and the form, never the
# secret. Exit 1 on any hit, 2 on bad input.
use strict;
use warnings;

sub base32 {
  my ($bytes) = @_;
  my @alphabet = ('A' .. 'Z', '2' .. '7');
  my $bits = unpack('B*', $bytes);
  $bits .= '0' x ((5 - length($bits) % 5) % 5);
  return join('', map { $alphabet[oct("0b$_")] } ($bits =~ /(.{5})/g));
}

sub base64 {
  my ($bytes) = @_;
  my @alphabet = ('A' .. 'Z', 'a' .. 'z', '0' .. '9', '+', '/');
  my $bits = unpack('B*', $bytes);
  $bits .= '0' x ((6 - length($bits) % 6) % 6);
  return join('', map { $alphabet[oct("0b$_")] } ($bits =~ /(.{6})/g));
}

my $list = shift @ARGV or die "usage: leak-scan.pl SECRETS-FILE FILE...\n";
open(my $in, '<', $list) or do { print STDERR "cannot read $list\n"; exit 2 };
my (@needles, %seen);
my $line = 0;
while (my $hex = <$in>) {
  $line++;
  if ($hex =~ /^text:(.+?)\s*$/) {
    my $text = lc $1;
    next if $seen{"text:$text"}++;
    (my $bare = $text) =~ s/[-\s]//g;
    push @needles, [$line, 'text', $text, 1];
    push @needles, [$line, 'text without separators', $bare, 1] if $bare ne $text;
    next;
  }
  $hex =~ s/\s+//g;
  next if $hex eq '' || $seen{lc $hex}++;
  if ($hex !~ /^([0-9a-fA-F]{2})+$/) { print STDERR "line $line is not hex\n"; exit 2 }
  my $raw = pack('H*', $hex);
  my $b32 = lc base32($raw);
  (my $grouped = $b32) =~ s/(.{4})(?=.)/$1 /g;
  my $b64 = base64($raw);
  $b64 = substr($b64, 0, length($b64) - 1) if length($raw) % 3;  # last symbol has pad bits
  (my $b64url = $b64) =~ tr{+/}{-_};
  push @needles, [$line, 'raw bytes', $raw, 0], [$line, 'hex', lc $hex, 1],
    [$line, 'Base32', $b32, 1], [$line, 'Base32 in groups', $grouped, 1],
    [$line, 'Base64', $b64, 0], [$line, 'Base64url', $b64url, 0];
}
close $in;
if (!@needles) { print STDERR "no secrets in $list\n"; exit 2 }

my $hits = 0;
for my $file (@ARGV) {
  open(my $fh, '<:raw', $file) or do { print STDERR "cannot read $file\n"; exit 2 };
  local $/;
  my $content = <$fh> // '';
  close $fh;
  my $folded = lc $content;
  for my $needle (@needles) {
    my ($number, $form, $text, $any_case) = @$needle;
    if (index($any_case ? $folded : $content, $text) >= 0) {
      print "$file: secret on line $number of the list, as $form\n";
      $hits++;
    }
  }
}
exit($hits ? 1 : 0);
