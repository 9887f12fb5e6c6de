#!/usr/bin/env bash
# Smoke test of the built bundle (packaging/build-bundle.sh): --version, an offscreen start that
# saves a screenshot, an import and an export, all with the bundle alone (no Python on PATH
# needed, PYTHONPATH cleared). Exit status 0 when all pass.
#
#   bash packaging/smoke-bundle.sh [BUNDLE]   # default dist/Annotator/Annotator
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
APP="$(realpath "${1:-dist/Annotator/Annotator}")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export QT_QPA_PLATFORM=offscreen ANNOTATOR_DEFAULT_PROJECT="$WORK/default.annotator"
export ANNOTATOR_SETTINGS_DIR="$WORK/settings" ANNOTATOR_CONFIG_DIR="$WORK/config"
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV
cd "$WORK"

step() { echo "smoke: $*"; }
step "version: $("$APP" --version)"
"$APP" gui "$WORK/smoke.annotator" --screenshot "$WORK/window.png" --quit
[ -s "$WORK/window.png" ] || { echo "smoke: no screenshot" >&2; exit 1; }
step "screenshot $(stat -c %s "$WORK/window.png") bytes"
"$APP" list >/dev/null  # first run: the default project, with the sample article inside the bundle
[ -s "$WORK/default.annotator" ] || { echo "smoke: no default project" >&2; exit 1; }
step "default project made with the bundled sample article"
cp "$ROOT/resources/pyongyang-moscow-axis.txt" "$WORK/article.txt"
"$APP" import "$WORK/smoke.annotator" "$WORK/article.txt"
"$APP" export "$WORK/smoke.annotator" --format jsonl --output "$WORK/out.jsonl"
[ -s "$WORK/out.jsonl" ] || { echo "smoke: empty export" >&2; exit 1; }
step "exported $(wc -l <"$WORK/out.jsonl") JSONL lines"
XDG_DATA_HOME="$WORK/xdg" "$APP" install-desktop >/dev/null
grep -qx "Exec=$APP gui %f" "$WORK/xdg/applications/annotator.desktop" ||
  { echo "smoke: the installed menu entry does not start the bundle" >&2; exit 1; }
step "install-desktop: the menu entry starts the bundle"
[ -n "${SMOKE_SCREENSHOT:-}" ] && cp "$WORK/window.png" "$SMOKE_SCREENSHOT"
step "passed"
