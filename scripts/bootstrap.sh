#!/usr/bin/env bash
# Set up framing in ./.venv on a fresh Debian/Ubuntu machine with Python 3.10+.
#   bash scripts/bootstrap.sh          # the package with notebooks and PDF reports
#   bash scripts/bootstrap.sh --dev    # plus tests, linting, Dask and profiling tools
# System libraries (Pango and HarfBuzz's font subsetter for the PDF renderer, poppler-utils for the PDF tests,
# a C compiler and the Python headers for the optional compiled accelerators) are installed with apt-get when
# missing and this runs as root; otherwise it says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

extras="notebooks,pdf"
apt_pkgs=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
if [[ "${1:-}" == "--dev" ]]; then
  extras="dev"
  apt_pkgs+=(poppler-utils)
fi

# the compiled accelerators (framing/_ext, optional: pure Python without them) need a C compiler and
# the Python headers
if ! command -v cc >/dev/null; then apt_pkgs+=(gcc); fi
if [[ ! -f "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/Python.h" ]]; then
  apt_pkgs+=(python3-dev)
fi

missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing system packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "bootstrap: please install these system packages (PDF reports, compiled accelerators): ${missing[*]}" >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[${extras}]"
echo "bootstrap: ready (.venv, extras: ${extras})" >&2
