#!/usr/bin/env bash
# Proves that no HTML page of a build is over the page-weight budget (500 KB before
# compression, PAGE_BUDGET_BYTES to change it): a list that grows with the corpus is cut
# into pages rather than growing one page. Prints each build's largest page and its total.
#
#   tests/site/pages_within_weight.sh OUTPUT_DIR BASE_URL [OUTPUT_DIR BASE_URL ...]
set -euo pipefail
budget=${PAGE_BUDGET_BYTES:-500000}
failed=0
while [ $# -ge 2 ]; do
  dir=$1
  shift 2
  pages=$(find "$dir" -name '*.html' -type f | wc -l)
  [ "$pages" -gt 0 ] || { echo "  $dir: no HTML pages" >&2; failed=1; continue; }
  largest=$(find "$dir" -name '*.html' -type f -printf '%s %P\n' | sort -n | tail -n 1)
  total=$(du -sb --apparent-size "$dir" | cut -f1)
  echo "  $(basename "$dir"): $pages pages, largest ${largest% *} bytes (${largest#* }), all files $total bytes"
  while read -r size file; do
    echo "  $(basename "$dir")/$file: $size bytes, over the budget of $budget" >&2
    failed=1
  done < <(find "$dir" -name '*.html' -type f -size +"${budget}"c -printf '%s %P\n')
done
if [ "$failed" -ne 0 ]; then
  echo "pages_within_weight: FAILED" >&2
  exit 1
fi
echo "pages_within_weight: every page within $budget bytes"
