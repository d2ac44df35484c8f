#!/usr/bin/env bash
# Benchmark (not a test): imports a generated file of 10,000 gifts with
# `nikoo import` into a fresh SQLite database with the demo loaded, and
# prints rows per second and the import's peak memory (its maximum
# resident set size). Uses the release binary when it is built, else the
# debug one; ROWS=… changes the size.
#
#   bench/import.sh            # after scripts/run (release) or scripts/test (debug)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${ROWS:-10000}
TARGET=$(cargo metadata --format-version 1 --no-deps --manifest-path "$ROOT/Cargo.toml" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
BIN=${NIKOO_BIN:-}
if [ -z "$BIN" ]; then
  for b in "$TARGET/release/nikoo" "$TARGET/debug/nikoo"; do
    [ -x "$b" ] && { BIN=$b; break; }
  done
fi
[ -n "$BIN" ] || { echo "build nikoo first (scripts/run or scripts/test)"; exit 2; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
export DATABASE_URL="sqlite://$DIR/bench.db?mode=rwc" NIKOO_DATA_DIR="$DIR/data" RUST_LOG=warn
"$BIN" seed-demo >/dev/null
printf 'a long enough password\n' | "$BIN" create-admin --email bench@example.org >/dev/null
"$BIN" add-member --center mehr-zanjan --email bench@example.org --role manager >/dev/null
python3 - "$DIR/gifts.csv" "$ROWS" <<'PY'
import csv, sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["تاریخ", "مبلغ", "طرح", "روش", "نام نیکوکار"])
    for i in range(rows):
        day = 1 + i % 28
        w.writerow([f"1404/08/{day:02d}", 10_000 + (i % 500) * 1_000, "job-coaches-zanjan",
                    "نقدی" if i % 3 else "واریز بانکی", "" if i % 4 == 0 else f"نیکوکار {i}"])
PY
echo "binary: $BIN"
echo "rows:   $ROWS"
python3 - "$BIN" "$DIR/gifts.csv" "$ROWS" <<'PY'
import resource, subprocess, sys, time
binary, path, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
start = time.monotonic()
done = subprocess.run([binary, "import", "--center", "mehr-zanjan", "--as", "bench@example.org",
                       "--kind", "donations", "--file", path], capture_output=True, text=True)
seconds = time.monotonic() - start
if done.returncode != 0:
    sys.exit(f"import failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(done.stdout.strip().splitlines()[-1])
print(f"time:   {seconds:.1f} s (upload, dry run and import)")
print(f"speed:  {rows / seconds:,.0f} rows/s")
print(f"memory: {peak_kib / 1024:.0f} MiB peak (max RSS)")
PY
