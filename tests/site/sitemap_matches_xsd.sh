#!/usr/bin/env bash
# Proves that each build's sitemap.xml is valid by the sitemaps.org 0.9 schema (kept in
# tests/fixtures so no network is needed) and lists only URLs under the build's base URL.
#   tests/site/sitemap_matches_xsd.sh OUTPUT_DIR BASE_URL [OUTPUT_DIR BASE_URL ...]
set -euo pipefail
xsd="$(dirname "$0")/../fixtures/sitemap-0.9.xsd"
[ $# -gt 0 ] && [ $(($# % 2)) -eq 0 ] || { echo "usage: $0 OUTPUT_DIR BASE_URL ..." >&2; exit 2; }
failures=0 urls=0 files=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
while [ $# -gt 0 ]; do
  dir=$1 base=$2
  shift 2
  files=$((files + 1))
  if ! xmllint --noout --schema "$xsd" "$dir/sitemap.xml" 2>"$log"; then
    sed 's/^/  FAIL /' "$log" >&2
    failures=$((failures + 1))
  fi
  while IFS= read -r loc; do
    urls=$((urls + 1))
    case $loc in
      "$base"*) ;;
      *) echo "  FAIL $dir/sitemap.xml: $loc is not under $base" >&2; failures=$((failures + 1)) ;;
    esac
  done < <(xmllint --xpath '//*[local-name()="loc"]/text()' "$dir/sitemap.xml" 2>/dev/null | tr -s ' \n' '\n\n' | sed '/^$/d')
done
echo "sitemap_matches_xsd: $files sitemap(s), $urls URLs checked; $failures failure(s)"
[ "$failures" -eq 0 ]
