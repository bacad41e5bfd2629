#!/usr/bin/env bash
# Benchmark: dossier against Hugo on the same synthetic articles.
#
#   scripts/bench.sh N [N ...]
#
# For each N: writes a seeded corpus of N articles (examples/gen_corpus.rs), converts it for the
# Hugo site in bench/hugo (the same Markdown, plus a `years` term), then runs
# `target/release/dossier build` as users run it, with its search index (A), the same build
# without the search index (`search: false` in a copy of site.yaml; A'), the pages the Hugo
# site also builds, and `hugo --minify` (B), in turn, A A' B A A' B, RUNS times each (default
# 5), each into an emptied output folder, under /usr/bin/time for wall time and peak RSS. It
# also times `cp -r` of dossier's finished output (the I/O floor). Prints one Markdown table
# row per N and dossier variant: median walls, median of the per-run ratios dossier/Hugo,
# pages (HTML files) and files written, peak RSS, copy time and build/copy.
#
# Environment: RUNS (default 5), BENCH_DIR (default /tmp/dossier-bench; corpora are kept
# there and reused), HUGO_MAX_N (skip Hugo above this N; default: never skip), SEARCH_MAX_N
# (skip the build with the search index above this N; default: never skip).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
work=${BENCH_DIR:-/tmp/dossier-bench}
hugo_max=${HUGO_MAX_N:-}
search_max=${SEARCH_MAX_N:-}
mkdir -p "$work"

if [ $# -eq 0 ]; then
  echo "usage: scripts/bench.sh N [N ...]" >&2
  exit 2
fi
if ! command -v hugo >/dev/null; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get install -y hugo >/dev/null
fi
(cd "$root" && cargo build --release --quiet --bin dossier --example gen_corpus)
dossier="$root/target/release/dossier"
gen="$root/target/release/examples/gen_corpus"

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Runs a command under /usr/bin/time, setting T_WALL (seconds) and T_RSS (peak KiB); stops
# the benchmark, with the command's errors, if it fails.
timed() {
  if ! /usr/bin/time -f "%e %M" -o "$work/.time" "$@" >/dev/null 2>"$work/.stderr"; then
    echo "failed: $*" >&2
    cat "$work/.stderr" >&2
    exit 1
  fi
  read -r T_WALL T_RSS <"$work/.time"
}

echo "dossier $("$dossier" --version 2>/dev/null | awk '{print $2}'), $(hugo version | awk '{print $1, $2}'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(date -u +%Y-%m-%d)"
echo
echo "| articles | dossier | dossier wall (median) | Hugo wall (median) | ratio dossier/Hugo (median of runs) | dossier pages / files | Hugo pages / files | dossier peak RSS | Hugo peak RSS | cp -r of output | dossier / cp |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

for n in "$@"; do
  corpus="$work/corpus-$n"
  # A corpus is reused only when the generator and theme that made it are the ones built now.
  stamp=$(cat "$gen" "$root"/themes/default/strings.yaml "$root"/themes/default/templates/*.html "$root"/themes/default/templates/*/*.html | sha256sum | cut -c1-16)
  if [ "$(cat "$corpus/.complete" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$corpus" "$work/hugo-$n" "$work/corpus-$n-nosearch"
    "$gen" "$n" "$corpus" >/dev/null
    echo "$stamp" >"$corpus/.complete"
  fi
  nosearch="$work/corpus-$n-nosearch"
  if [ ! -f "$nosearch/.complete" ]; then
    rm -rf "$nosearch"
    cp -r "$corpus" "$nosearch"
    echo "search: false" >>"$nosearch/site.yaml"
    touch "$nosearch/.complete"
  fi
  skip_hugo=""
  if [ -n "$hugo_max" ] && [ "$n" -gt "$hugo_max" ]; then skip_hugo=1; fi
  skip_search=""
  if [ -n "$search_max" ] && [ "$n" -gt "$search_max" ]; then skip_search=1; fi
  site="$work/hugo-$n"
  if [ -z "$skip_hugo" ] && [ ! -f "$site/.complete" ]; then
    rm -rf "$site"
    mkdir -p "$site/content"
    cp -r "$root/bench/hugo/." "$site/"
    cp -r "$root/themes/default/static" "$site/static"
    cp -r "$corpus/content/articles" "$site/content/articles"
    # Hugo has no per-year pages of its own: give each article a `years` term from its date.
    find "$site/content/articles" -name '*.md' -print0 |
      xargs -0 -P "$(nproc)" -n 500 sed -i -E 's/^date: ([0-9]{4})(-[0-9]{2}-[0-9]{2})$/date: \1\2\nyears: ["\1"]/'
    touch "$site/.complete"
  fi

  d_out="$work/out-dossier-$n"
  n_out="$work/out-nosearch-$n"
  h_out="$work/out-hugo-$n"
  for f in d n h rd rn; do : >"$work/$f-$n.txt"; done
  for _ in $(seq "$runs"); do
    dw=""
    if [ -z "$skip_search" ]; then
      rm -rf "$d_out"
      timed "$dossier" build --root "$corpus" --output "$d_out"
      dw=$T_WALL
      echo "$T_WALL $T_RSS" >>"$work/d-$n.txt"
    fi
    rm -rf "$n_out"
    timed "$dossier" build --root "$nosearch" --output "$n_out"
    nw=$T_WALL
    echo "$T_WALL $T_RSS" >>"$work/n-$n.txt"
    if [ -z "$skip_hugo" ]; then
      rm -rf "$h_out"
      timed hugo --quiet --minify --source "$site" --destination "$h_out"
      hw=$T_WALL
      echo "$T_WALL $T_RSS" >>"$work/h-$n.txt"
      if [ -n "$dw" ]; then
        awk -v a="$dw" -v b="$hw" 'BEGIN { printf "%.3f\n", a / b }' >>"$work/rd-$n.txt"
      fi
      awk -v a="$nw" -v b="$hw" 'BEGIN { printf "%.3f\n", a / b }' >>"$work/rn-$n.txt"
    fi
  done
  variants="d n"
  if [ -n "$skip_search" ]; then variants="n"; fi
  for v in $variants; do
    out=$d_out
    label="with search index"
    if [ "$v" = n ]; then out=$n_out; label="without search index"; fi
    : >"$work/cp$v-$n.txt"
    for _ in 1 2 3; do
      rm -rf "$work/copy-$n"
      sync
      timed cp -r "$out" "$work/copy-$n"
      echo "$T_WALL" >>"$work/cp$v-$n.txt"
    done
    rm -rf "$work/copy-$n"
    d_wall=$(awk '{print $1}' "$work/$v-$n.txt" | median)
    d_rss=$(awk '{print $2}' "$work/$v-$n.txt" | sort -g | tail -1)
    d_pages=$(find "$out" -name '*.html' | wc -l)
    d_files=$(find "$out" -type f | wc -l)
    cp_wall=$(median <"$work/cp$v-$n.txt")
    if [ -z "$skip_hugo" ]; then
      h_wall=$(awk '{print $1}' "$work/h-$n.txt" | median)
      h_rss=$(awk '{print $2}' "$work/h-$n.txt" | sort -g | tail -1)
      ratio=$(median <"$work/r$v-$n.txt")
      h_pages=$(find "$h_out" -name '*.html' | wc -l)
      h_files=$(find "$h_out" -type f | wc -l)
      h_cols="${h_wall} s | ${ratio} | ${d_pages} / ${d_files} | ${h_pages} / ${h_files} | $((d_rss / 1024)) MiB | $((h_rss / 1024)) MiB"
    else
      h_cols="skipped | – | ${d_pages} / ${d_files} | – | $((d_rss / 1024)) MiB | –"
    fi
    build_copy=$(awk -v a="$d_wall" -v b="$cp_wall" 'BEGIN { printf "%.1f", a / b }')
    echo "| $n | $label | ${d_wall} s | ${h_cols} | ${cp_wall} s | ${build_copy} |"
  done
done
echo
echo "Raw runs (seconds, peak KiB) are in $work/{d,n,h,rd,rn,cpd,cpn}-N.txt (d: with search index, n: without)."
