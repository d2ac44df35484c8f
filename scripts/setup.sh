# Sourced by scripts/run and scripts/test: installs what is missing, from the
# registries only (crates.io, npm, Debian). Every step is skipped when its
# tool is already there, so a warm machine pays nothing.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CARGO_LEPTOS_VERSION=0.3.10
export PATH="$HOME/.cargo/bin:$ROOT/end2end/node_modules/.bin:$PATH"

say() { printf '\033[1;32m==>\033[0m %s\n' "$*"; }

# The wasm32 target for the hydrate build.
ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || { say "adding the wasm32-unknown-unknown target"; rustup target add wasm32-unknown-unknown; }
}

# Build tools are installed at opt-level 1, without link-time optimisation
# and with 16 codegen units: cargo-leptos's own manifest asks for fat LTO
# and one codegen unit, which on 2 cores took 18 minutes to install;
# built so, it takes 11, and a release build runs no slower (its own steps
# take 10 s of a build, most of it in binaryen's wasm-opt). Cargo reads
# these from the environment
# (https://doc.rust-lang.org/cargo/reference/config.html#environment-variables).
quick_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 cargo install "$@"
}

# cargo-leptos from crates.io (0.3.11 needs a newer rustc than this machine's).
ensure_cargo_leptos() {
  if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 11 minutes on 2 cores)"
    quick_install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
  fi
}

# wasm-bindgen-cli of exactly the wasm-bindgen version in Cargo.lock, so
# cargo-leptos does not try to download one.
ensure_wasm_bindgen() {
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want"; then
    say "installing wasm-bindgen-cli $want"
    quick_install wasm-bindgen-cli --version "$want"
  fi
}

# npm packages: wasm-opt (binaryen, never Debian's) and Playwright, without
# Playwright's browser download.
ensure_npm_packages() {
  if [ ! -x "$ROOT/end2end/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ] \
    || [ ! -d "$ROOT/end2end/node_modules/@axe-core/playwright" ]; then
    say "installing npm packages (binaryen, Playwright, axe-core)"
    (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
}

# Installs Debian packages.
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

# Debian's Chromium for the browser tests.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's chromium"
    apt_install chromium
  fi
}

# The local PostgreSQL server the integration tests use.
ensure_postgres() {
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    say "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
}

# The tests keep sessions in the local Redis too (127.0.0.1:6379).
ensure_redis() {
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    say "starting Redis"
    command -v redis-server >/dev/null || apt_install redis-server
    redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes
    for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
  fi
}

# localstripe (PyPI), the fake Stripe the browser tests pay with.
ensure_localstripe() {
  if ! command -v localstripe >/dev/null 2>&1; then
    say "installing localstripe"
    python3 -m pip install --quiet localstripe
  fi
}

# Where cargo puts its output (CARGO_TARGET_DIR is honoured).
target_dir() {
  cargo metadata --format-version 1 --no-deps --manifest-path "$ROOT/Cargo.toml" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])'
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_cargo_leptos
  ensure_wasm_bindgen
  ensure_npm_packages
}
