#!/usr/bin/env bash
# Benchmark (not a test): the light client's figures, as tables.
#  1. The WebAssembly in ./target/site/pkg (bench/wasm_size.mjs): raw
#     bytes, brotli at quality 11, and the precompressed copy the server
#     sends, against the budget of 250 KB brotli (issue 15).
#  2. A program page's first and repeat visit in Persian on a phone-sized
#     viewport, in headless Chromium (bench/first_load.mjs): bytes per
#     resource type, first paint, when the wasm was asked for.
# Serves the demo from the binary that built ./target/site: run it after
# `scripts/run --release` (the real figures) or scripts/test (debug: no
# precompressed files, a wasm several times larger).
#
#   bench/client.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$ROOT/end2end/node_modules/.bin:$PATH"
TARGET=$(cargo metadata --format-version 1 --no-deps --manifest-path "$ROOT/Cargo.toml" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
SITE="$ROOT/target/site"
WASM=$(ls "$SITE"/pkg/*.wasm 2>/dev/null | head -n1 || true)
[ -n "$WASM" ] || { echo "build the site first (scripts/run --release)"; exit 2; }

# The binary whose hash file names the files in ./target/site.
BIN=${NIKOO_BIN:-}
if [ -z "$BIN" ]; then
  for b in "$TARGET/release/nikoo" "$TARGET/debug/nikoo"; do
    [ -x "$b" ] && [ -f "$(dirname "$b")/hash.txt" ] \
      && grep -q "$(basename "$WASM" | cut -d. -f2)" "$(dirname "$b")/hash.txt" \
      && { BIN=$b; break; }
  done
fi
[ -n "$BIN" ] || { echo "no nikoo binary matches ./target/site (rebuild with scripts/run --release)"; exit 2; }

wasm_status=0
node "$ROOT/bench/wasm_size.mjs" --budget || wasm_status=$?

DIR=$(mktemp -d)
PORT=${NIKOO_BENCH_PORT:-3190}
DATABASE_URL="sqlite://$DIR/bench.db?mode=rwc" NIKOO_DATA_DIR="$DIR/data" NIKOO_ADDR="127.0.0.1:$PORT" \
  LEPTOS_SITE_ROOT="$SITE" RUST_LOG=warn "$BIN" serve --seed-demo >"$DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 $SERVER 2>/dev/null || { cat "$DIR/server.log"; exit 1; }
  sleep 1
done
SLUG=$(curl -fsS "http://127.0.0.1:$PORT/api/v1/programs" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["items"][0]["slug"])')
node "$ROOT/bench/first_load.mjs" "http://127.0.0.1:$PORT" "/fa/programs/$SLUG"
exit $wasm_status
