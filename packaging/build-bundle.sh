#!/usr/bin/env bash
# Build the PyInstaller one-folder app dist/Annotator/Annotator (Linux), which runs with no
# Python installed, and print its size. Takes a few minutes.
#
#   bash packaging/build-bundle.sh                  # Python >= 3.11 from PATH
#   PYTHON=python3.12 bash packaging/build-bundle.sh
#
# The bundle is made in its own venv (build/bundle-venv) holding only the app's runtime
# dependencies, so nothing of a development venv (pytest, spaCy...) can slip in.
# Then check it: bash packaging/smoke-bundle.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV=build/bundle-venv
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check . "pyinstaller>=6.10"
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/annotator-linux.spec
echo "bundle: dist/Annotator/Annotator"
du -sh dist/Annotator | awk '{print "bundle size: " $1}'
