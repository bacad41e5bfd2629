#!/usr/bin/env bash
# Benchmark: dossier against Hugo, and against Hugo followed by the Pagefind CLI, on the same
# synthetic articles.
#
#   scripts/bench.sh N [N ...]
#
# For each N: writes a seeded corpus of N articles (examples/gen_corpus.rs), converts it for the
# Hugo site in bench/hugo (the same Markdown, plus a `years` term), then runs in turn, RUNS
# times each (default 3), each into a new output folder with no file deleted in the six
# minutes before (see `settle`), under /usr/bin/time (wall time, peak RSS):
#   D  `target/release/dossier build` as users run it, with its search index;
#   N  the same without the index (`search: false` in a copy of site.yaml);
#   H  `hugo --minify` of bench/hugo (with Hugo's related-content lists);
#   R  the same Hugo site without related lists, as most sites use it;
#   R+P  R, then the Pagefind CLI (npm's `pagefind`, pinned in bench/pagefind) on its output:
#      what a Hugo user runs for search. Its wall is the sum, its peak RSS the larger.
# D and N start without `.dossier-cache/` (a first build, which writes it). Then, RUNS times,
#   DW, NW  the same builds again after one entry was edited (a dated sentence added), with
#      the cache the build before left: what an editor waits for after a change.
# Between the two it times `cp -r` of dossier's finished output (the I/O floor). Prints one Markdown row
# per N and build: median wall, peak RSS, pages and files, the largest HTML page and the bytes
# written; then the medians of the per-run ratios D/(R+P), N/R and N/H.
#
# Environment: RUNS (default 3), BENCH_DIR (default /tmp/dossier-bench; corpora are kept
# there and reused), HUGO_MAX_N (skip Hugo above this N; default: never skip), SEARCH_MAX_N
# (skip the builds with a search index above this N; default: never skip), WARM_SEARCH_MAX_N
# (skip the warm builds with a search index above this N; default: never skip).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-3}
work=${BENCH_DIR:-/tmp/dossier-bench}
hugo_max=${HUGO_MAX_N:-}
search_max=${SEARCH_MAX_N:-}
warm_search_max=${WARM_SEARCH_MAX_N:-}
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
if ! cmp -s "$root/bench/pagefind/package.json" "$root/bench/pagefind/node_modules/.installed.json"; then
  (cd "$root/bench/pagefind" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$root/bench/pagefind/package.json" "$root/bench/pagefind/node_modules/.installed.json"
fi
pagefind="$root/bench/pagefind/node_modules/.bin/pagefind"
(cd "$root" && cargo build --release --quiet --bin dossier --example gen_corpus)
dossier="$root/target/release/dossier"
gen="$root/target/release/examples/gen_corpus"

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Runs a command under /usr/bin/time, setting T_WALL (seconds) and T_RSS (peak KiB); stops
# the benchmark, with the command's errors, if it fails. Each starts after `sync`, so no run
# waits on the write-back of the output of the run before it.
timed() {
  sync
  if ! /usr/bin/time -f "%e %M" -o "$work/.time" "$@" >/dev/null 2>"$work/.stderr"; then
    echo "failed: $*" >&2
    cat "$work/.stderr" >&2
    exit 1
  fi
  read -r T_WALL T_RSS <"$work/.time"
}

# The outputs and caches of earlier runs are set aside (a rename), not deleted, while there is
# room on the disk; `settle` deletes them only when free space runs below BENCH_FREE_GB
# (default 12), and then waits six minutes before the next timed command. On ext4 without a
# journal (this machine's disk), making a file walks the inodes of its block group that were
# deleted in the last minute, or in the last six when their inode table block is dirty, which
# a build making files keeps it: a build started a minute after `rm -rf` of the last one's
# output still spent a tenth of its samples there (`recently_deleted`), in proportion to how
# many files both make, and from run to run 4 to 15 s of system time.
trash="$work/.trash"
free_min=${BENCH_FREE_GB:-12}
discard() {
  mkdir -p "$trash"
  local p
  for p in "$@"; do
    if [ -e "$p" ]; then mv "$p" "$trash/$(date +%s%N)-$RANDOM"; fi
  done
}
settle() {
  local free_gb
  free_gb=$(df -BG --output=avail "$work" | tail -n 1 | tr -dc '0-9')
  if [ "$free_gb" -lt "$free_min" ] && [ -e "$trash" ]; then
    rm -rf "$trash"
    sync
    sleep 361
  fi
  sync
}

# The largest HTML file of an output folder ("bytes path") and all its bytes.
largest() { find "$1" -name '*.html' -type f -printf '%s %P\n' | sort -n | tail -n 1; }
bytes() { du -sb --apparent-size "$1" | cut -f1; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
kb() { awk -v b="$1" 'BEGIN { printf "%.0f kB", b / 1e3 }'; }
# "pages / files | largest page | bytes" of an output folder, as the table shows them.
stats() {
  local big
  big=$(largest "$1")
  echo "$(find "$1" -name '*.html' | wc -l) / $(find "$1" -type f | wc -l) | $(kb "${big%% *}") (${big#* }) | $(mb "$(bytes "$1")")"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", a / b }'; }

echo "dossier $("$dossier" --version 2>/dev/null | awk '{print $2}'), $(hugo version | awk '{print $1, $2}'), pagefind $("$pagefind" --version 2>/dev/null | awk '{print $2}'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(date -u +%Y-%m-%d)"
echo
echo "| articles | build | wall (median) | peak RSS | pages / files | largest HTML page | output |"
echo "|---:|---|---:|---:|---:|---:|---:|"

for n in "$@"; do
  corpus="$work/corpus-$n"
  # A corpus is reused only when the generator and theme that made it are the ones built now.
  stamp=$(cat "$gen" "$root"/themes/default/strings.yaml "$root"/themes/default/templates/*.html "$root"/themes/default/templates/*/*.html | sha256sum | cut -c1-16)
  if [ "$(cat "$corpus/.complete" 2>/dev/null)" != "$stamp" ]; then
    discard "$corpus" "$work/hugo-$n" "$work/hugo-$n-norelated" "$work/corpus-$n-nosearch"
    "$gen" "$n" "$corpus" >/dev/null
    echo "$stamp" >"$corpus/.complete"
  fi
  nosearch="$work/corpus-$n-nosearch"
  if [ ! -f "$nosearch/.complete" ]; then
    discard "$nosearch"
    cp -r "$corpus" "$nosearch"
    echo "search: false" >>"$nosearch/site.yaml"
    touch "$nosearch/.complete"
  fi
  skip_hugo=""
  if [ -n "$hugo_max" ] && [ "$n" -gt "$hugo_max" ]; then skip_hugo=1; fi
  skip_search=""
  if [ -n "$search_max" ] && [ "$n" -gt "$search_max" ]; then skip_search=1; fi
  skip_warm_search=$skip_search
  if [ -n "$warm_search_max" ] && [ "$n" -gt "$warm_search_max" ]; then skip_warm_search=1; fi
  site="$work/hugo-$n"
  if [ -z "$skip_hugo" ] && [ ! -f "$site/.complete" ]; then
    discard "$site"
    mkdir -p "$site/content"
    cp -r "$root/bench/hugo/." "$site/"
    cp -r "$root/themes/default/static" "$site/static"
    cp -r "$corpus/content/articles" "$site/content/articles"
    # Hugo has no per-year pages of its own: give each article a `years` term from its date.
    find "$site/content/articles" -name '*.md' -print0 |
      xargs -0 -P "$(nproc)" -n 500 sed -i -E 's/^date: ([0-9]{4})(-[0-9]{2}-[0-9]{2})$/date: \1\2\nyears: ["\1"]/'
    touch "$site/.complete"
  fi

  plain="$work/hugo-$n-norelated"
  if [ -z "$skip_hugo" ] && [ ! -f "$plain/.complete" ]; then
    discard "$plain"
    cp -r "$site" "$plain"
    # The article page without its related-content list: `with ...Related`, its section and
    # its `end`.
    sed -i '/Related/,+2d' "$plain/layouts/_default/single.html"
    touch "$plain/.complete"
  fi

  d_out="$work/out-dossier-$n"
  n_out="$work/out-nosearch-$n"
  h_out="$work/out-hugo-$n"
  r_out="$work/out-hugo-norelated-$n"
  for f in d n dw nw h r rp q_drp q_nr q_nh; do : >"$work/$f-$n.txt"; done
  for _ in $(seq "$runs"); do
    discard "$d_out" "$corpus/.dossier-cache" "$n_out" "$nosearch/.dossier-cache" "$h_out" "$r_out"
    settle
    dw=""
    if [ -z "$skip_search" ]; then
      timed "$dossier" build --root "$corpus" --output "$d_out"
      dw=$T_WALL
      echo "$T_WALL $T_RSS" >>"$work/d-$n.txt"
    fi
    timed "$dossier" build --root "$nosearch" --output "$n_out"
    nw=$T_WALL
    echo "$T_WALL $T_RSS" >>"$work/n-$n.txt"
    if [ -z "$skip_hugo" ]; then
      timed hugo --quiet --minify --source "$site" --destination "$h_out"
      hw=$T_WALL
      echo "$T_WALL $T_RSS" >>"$work/h-$n.txt"
      timed hugo --quiet --minify --source "$plain" --destination "$r_out"
      rw=$T_WALL
      r_rss=$T_RSS
      echo "$T_WALL $T_RSS" >>"$work/r-$n.txt"
      # Before Pagefind adds its index to the same folder.
      stats "$r_out" >"$work/r-stats-$n.txt"
      ratio "$nw" "$rw" >>"$work/q_nr-$n.txt"
      ratio "$nw" "$hw" >>"$work/q_nh-$n.txt"
      if [ -z "$skip_search" ]; then
        timed "$pagefind" --site "$r_out"
        rpw=$(awk -v a="$rw" -v b="$T_WALL" 'BEGIN { printf "%.2f", a + b }')
        rp_rss=$((T_RSS > r_rss ? T_RSS : r_rss))
        echo "$rpw $rp_rss" >>"$work/rp-$n.txt"
        ratio "$dw" "$rpw" >>"$work/q_drp-$n.txt"
      fi
    fi
  done
  : >"$work/cp-$n.txt"
  discard "$work/copy-$n"
  settle
  for _ in 1 2 3; do
    discard "$work/copy-$n"
    timed cp -r "$n_out" "$work/copy-$n"
    echo "$T_WALL" >>"$work/cp-$n.txt"
  done
  discard "$work/copy-$n"
  # Warm builds: one entry edited between builds, each edit new, the entry restored after.
  # Each build swaps its new output in and deletes the old one, as users build: the next
  # warm build pays for that deletion, as a user's would within a few minutes.
  for c in "$corpus" "$nosearch"; do
    [ "$c" = "$corpus" ] && [ -n "$skip_warm_search" ] && continue
    # awk reads to the end: `head` would close the pipe on sort, which pipefail reports.
    edited=$(find "$c/content/articles" -name '*.md' | sort | awk 'NR == 1')
    cp "$edited" "$work/edited-entry.md"
    for k in $(seq "$runs"); do
      printf '\nوفي %d مارس 2025 عقد مجلس وزراء خارجية المنظمة اجتماعه رقم %d.\n' "$k" "$k" >>"$edited"
      if [ "$c" = "$corpus" ]; then
        timed "$dossier" build --root "$c" --output "$d_out"
        echo "$T_WALL $T_RSS" >>"$work/dw-$n.txt"
      else
        timed "$dossier" build --root "$c" --output "$n_out"
        echo "$T_WALL $T_RSS" >>"$work/nw-$n.txt"
      fi
    done
    cp "$work/edited-entry.md" "$edited"
    discard "$c/.dossier-cache"
  done
  row() { # LABEL RUNS_FILE STATS
    local wall rss
    wall=$(awk '{print $1}' "$2" | median)
    rss=$(awk '{print $2}' "$2" | sort -g | tail -1)
    echo "| $n | $1 | ${wall} s | $((rss / 1024)) MiB | $3 |"
  }
  [ -n "$skip_search" ] || row "dossier, search on" "$work/d-$n.txt" "$(stats "$d_out")"
  row "dossier, \`search: false\`" "$work/n-$n.txt" "$(stats "$n_out")"
  [ -n "$skip_warm_search" ] || row "dossier, search on, warm cache, one entry edited" "$work/dw-$n.txt" "as above |  | "
  row "dossier, \`search: false\`, warm cache, one entry edited" "$work/nw-$n.txt" "as above |  | "
  if [ -z "$skip_hugo" ]; then
    row "Hugo \`--minify\`, related lists" "$work/h-$n.txt" "$(stats "$h_out")"
    row "Hugo \`--minify\`, no related lists" "$work/r-$n.txt" "$(cat "$work/r-stats-$n.txt")"
    [ -n "$skip_search" ] || row "Hugo (no related), then Pagefind CLI" "$work/rp-$n.txt" "$(stats "$r_out")"
    summary="N/R $(median <"$work/q_nr-$n.txt"), N/H $(median <"$work/q_nh-$n.txt")"
    [ -n "$skip_search" ] || summary="D/(R+P) $(median <"$work/q_drp-$n.txt"), $summary"
    echo "|  | ratios (median of runs) | $summary |  |  |  |  |"
  fi
  echo "|  | \`cp -r\` of the \`search: false\` output | $(median <"$work/cp-$n.txt") s |  |  |  |  |"
done
rm -rf "$trash"
echo
echo "Raw runs (seconds, peak KiB) are in $work/{d,n,h,r,rp}-N.txt; per-run ratios in $work/q_*-N.txt."
