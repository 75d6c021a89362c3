#!/usr/bin/env bash
# Set up govreport on a fresh Debian/Ubuntu machine with Python ≥ 3.11, then render the sample report.
#
#   bash scripts/setup.sh                       # as root, or as a user with sudo
#   GOVREPORT_SKIP_APT=1 bash scripts/setup.sh  # no root: skip system packages and fonts
#   PYTHON=python3.12 bash scripts/setup.sh     # choose the interpreter
#   GOVREPORT_FANDOL_DIR=/path                  # where the Fandol fonts go (default /usr/local/share/fonts/fandol)
#
# Steps (each skipped when already done):
#   1. apt: CJK fonts, libharfbuzz-subset0 (fast reproducible PDF font subsetting), Pango (WeasyPrint),
#      poppler-utils + qpdf (PDF checks), LibreOffice Writer (tests measure our DOCX with it), chromium
#      (the browser tests of govreport serve drive it through Playwright; no browser is downloaded).
#   2. Fandol fonts (the only free 仿宋; GPL + font exception) taken from Debian's texlive-lang-chinese
#      archive without installing TeX, into /usr/local/share/fonts/fandol/.
#   3. .venv with `pip install -e '.[dev,dask]'` (the Dask extra: the batch tests run a local cluster).
#   4. Render fixtures/keyuan-2016.yaml to out/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '==> %s\n' "$*"; }
die() { printf 'setup.sh: %s\n' "$*" >&2; exit 1; }

APT_PACKAGES=(
  fonts-noto-cjk fonts-lxgw-wenkai libharfbuzz-subset0 poppler-utils qpdf libreoffice-writer-nogui libreoffice-calc-nogui
  fontconfig libpango-1.0-0 libpangoft2-1.0-0 chromium
)
FANDOL_DIR=${GOVREPORT_FANDOL_DIR:-/usr/local/share/fonts/fandol}
FANDOL_FONTS=(FandolFang-Regular FandolKai-Regular FandolHei-Regular FandolHei-Bold FandolSong-Regular
              FandolSong-Bold)
FANDOL_SRC=usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
FANDOL_DOC=usr/share/doc/texlive-doc/fonts/fandol

# --- Python (checked first: it decides whether python3-venv is needed) ---------------------------
find_python() {
  local candidate
  for candidate in ${PYTHON:-} python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
        && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}
if ! PY=$(find_python); then
  found=$(command -v python3 >/dev/null 2>&1 && python3 -V 2>&1 || echo "no python3")
  die "govreport needs Python ≥ 3.11 (found: ${found}). Install it (Debian 12: apt-get install python3 python3-venv) or set PYTHON=/path/to/python3.11."
fi
if ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  APT_PACKAGES+=(python3-venv)
fi

# --- system packages ---------------------------------------------------------------------------
SUDO=()
if [[ "${GOVREPORT_SKIP_APT:-0}" != 1 ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 \
      || die "installing system packages needs root or sudo; rerun as root, or with GOVREPORT_SKIP_APT=1 if they are installed"
    SUDO=(sudo)
  fi
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    say "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    say "system packages already installed"
  fi

  have_fandol=1
  for font in "${FANDOL_FONTS[@]}"; do [[ -f "$FANDOL_DIR/$font.otf" ]] || have_fandol=0; done
  [[ -f "$FANDOL_DIR/README" ]] || have_fandol=0
  if ((have_fandol)); then
    say "Fandol fonts already in $FANDOL_DIR"
  else
    say "Fandol fonts: extracting from texlive-lang-chinese (TeX itself is not installed) into $FANDOL_DIR"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    chmod 755 "$tmp"  # apt-get download drops to the _apt user
    (cd "$tmp" && apt-get download -qq texlive-lang-chinese 2>/dev/null) \
      || (cd "$tmp" && "${SUDO[@]}" apt-get update -qq && apt-get download -qq texlive-lang-chinese) \
      || die "could not download texlive-lang-chinese (needed for the Fandol fonts)"
    fonts=()
    for font in "${FANDOL_FONTS[@]}"; do fonts+=("./$FANDOL_SRC/$font.otf"); done
    deb=$(echo "$tmp"/texlive-lang-chinese_*.deb)
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" "${fonts[@]}"
    docs=()
    if dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" "./$FANDOL_DOC/README" "./$FANDOL_DOC/COPYING.gz" \
        2>/dev/null; then
      gunzip -f "$tmp/$FANDOL_DOC/COPYING.gz"
      docs=("$tmp/$FANDOL_DOC/README" "$tmp/$FANDOL_DOC/COPYING")
    fi
    "${SUDO[@]}" install -d -m 755 "$FANDOL_DIR"
    "${SUDO[@]}" install -m 644 "$tmp/$FANDOL_SRC"/Fandol*.otf "${docs[@]}" "$FANDOL_DIR/"
    "${SUDO[@]}" fc-cache -f "$FANDOL_DIR" >/dev/null
    rm -rf "$tmp"
    trap - EXIT
  fi
else
  say "GOVREPORT_SKIP_APT=1: not installing system packages or fonts"
fi

# --- virtual environment -----------------------------------------------------------------------
if [[ -x .venv/bin/python ]] && .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  say "using existing .venv ($(.venv/bin/python -V))"
else
  say "creating .venv with $PY ($("$PY" -V))"
  rm -rf .venv
  "$PY" -m venv .venv
fi
say "pip install -e '.[dev,dask]'"
PIP_DISABLE_PIP_VERSION_CHECK=1 .venv/bin/python -m pip install -q -e '.[dev,dask]'

# --- the sample --------------------------------------------------------------------------------
say "rendering the sample report to out/"
.venv/bin/govreport render fixtures/keyuan-2016.yaml -f docx,pdf -o out
say "done: see out/ (tests: .venv/bin/python -m pytest)"
