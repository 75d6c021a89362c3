#!/usr/bin/env bash
# Regenerate the sample-page images of the documentation (docs/img/sample-1.png, sample-2.png):
# render fixtures/keyuan-2016.yaml to PDF, then pdftoppm (poppler-utils) pages 1–2 at 50 dpi.
#
#   bash docs/make_images.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v pdftoppm >/dev/null 2>&1 || { echo "make_images.sh: pdftoppm not found (apt-get install poppler-utils)" >&2; exit 1; }
if [[ -x .venv/bin/govreport ]]; then
  govreport=(.venv/bin/govreport)
else
  govreport=(env PYTHONPATH=src python3 -m govreport)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${govreport[@]}" render fixtures/keyuan-2016.yaml -f pdf -o "$tmp" >/dev/null
pdftoppm -r 50 -png -f 1 -l 2 "$tmp/keyuan-2016.pdf" "$tmp/page"
mkdir -p docs/img
# pdftoppm pads the page number to the width of the page count (page-1.png or page-01.png).
for n in 1 2; do
  src=$(ls "$tmp"/page-*"$n".png | head -n 1)
  install -m 644 "$src" "docs/img/sample-$n.png"
done
echo "wrote docs/img/sample-1.png docs/img/sample-2.png"
