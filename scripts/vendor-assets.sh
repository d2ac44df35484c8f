#!/usr/bin/env bash
# Refreshes the third-party assets kept in the repository (style/README.md,
# "Assets"): the Vazirmatn font subset to the glyphs Nikoo's pages use, the
# Tabler icons the pages inline, and the category illustrations drawn
# from them. Run it only to change a version or the list of icons; the
# build, the tests and the portal never download these files.
#
# From the registries only: npm (@fontsource/vazirmatn, @tabler/icons) and
# PyPI (fonttools, brotli), into a temporary folder.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VAZIRMATN=5.3.0
TABLER=3.54.0
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "@fontsource/vazirmatn@$VAZIRMATN" "@tabler/icons@$TABLER"
python3 -m venv venv
venv/bin/pip install --quiet fonttools==4.69.1 brotli==1.2.1

# Persian letters, digits and punctuation, the joiners and the bidi marks
# (fa); printable ASCII, Latin-1, general punctuation, € and − (latin).
# Layout features are kept: Persian needs its joining forms.
FA='U+0020,U+00A0,U+060C,U+061B,U+061F,U+0621-063A,U+0640-0652,U+0654,U+066A-066C,U+0670,U+067E,U+0686,U+0698,U+06A9,U+06AF,U+06CC,U+06F0-06F9,U+200C-200F,U+2066-2069'
LATIN='U+0020-007E,U+00A0-00FF,U+2010-2027,U+2030-203A,U+20AC,U+2212'
FONTS="$ROOT/public/fonts/vazirmatn-$VAZIRMATN"
rm -rf "$ROOT"/public/fonts/vazirmatn-*
mkdir -p "$FONTS"
SRC=node_modules/@fontsource/vazirmatn/files
for weight in 400 700; do
  venv/bin/pyftsubset "$SRC/vazirmatn-arabic-$weight-normal.woff2" --unicodes="$FA" \
    --layout-features='*' --flavor=woff2 --output-file="$FONTS/fa-$weight.woff2"
  venv/bin/pyftsubset "$SRC/vazirmatn-latin-$weight-normal.woff2" --unicodes="$LATIN" \
    --layout-features='*' --flavor=woff2 --output-file="$FONTS/latin-$weight.woff2"
done
cp node_modules/@fontsource/vazirmatn/LICENSE "$FONTS/OFL.txt"

node "$ROOT/scripts/vendor-icons.mjs" node_modules/@tabler/icons "$ROOT"
ls -l "$FONTS" "$ROOT/app/icons" "$ROOT/public/illustrations"
