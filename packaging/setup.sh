#!/usr/bin/env bash
# Annotator: set everything up on a fresh Debian/Ubuntu machine, then run one job.
#
#   bash packaging/setup.sh run    # install, then open the GUI on the default project
#                                  # (no display: run it under Xvfb, save a screenshot and an export)
#   bash packaging/setup.sh test   # install, then run the whole test suite
#   bash packaging/setup.sh        # install only
#
# Installs: the system libraries Qt needs, Xvfb, CJK and emoji fonts (apt, when run as root),
# a virtualenv in .venv and the package with its test extras (pip, from pyproject.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="${ANNOTATOR_VENV:-$ROOT/.venv}"
MODE="${1:-install}"

SYSTEM_PACKAGES=(
  python3 python3-venv python3-pip
  # Qt (PySide6 wheels) on a headless machine
  libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
  # a real X11 window (or Xvfb)
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0 libxkbcommon-x11-0 xvfb xauth
  # text in every script: Latin, CJK, emoji
  fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
  # the durability test counts fsyncs per commit (tests/safety/test_kill.py)
  strace
  # desktop integration: validators and caches (tests/packaging), icon rendering (render-icons.sh)
  desktop-file-utils appstream shared-mime-info librsvg2-bin
)

install_system_packages() {
  command -v apt-get >/dev/null 2>&1 || { echo "setup: no apt-get; install Qt's libraries and fonts yourself" >&2; return 0; }
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing system packages (run as root to install): ${missing[*]}" >&2
    return 0
  fi
  echo "setup: installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pick_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "setup: Python >= 3.11 is required" >&2; exit 1
}

install_python_packages() {
  # The app alone for "run"/"install"; with the test extras (spaCy, seqeval, ... the independent
  # readers that validate exports) for "test".
  local target="$1"
  if [ ! -x "$VENV/bin/python" ]; then
    "$(pick_python)" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$target"
}

run_app() {
  if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec "$VENV/bin/annotator"
  fi
  # No display: run the real window under Xvfb, leave a screenshot and an export as evidence.
  mkdir -p "$ROOT/artifacts"
  echo "setup: no display; running the GUI under Xvfb"
  xvfb-run -a -s "-screen 0 1400x900x24" \
    "$VENV/bin/annotator" --screenshot "$ROOT/artifacts/annotator-window.png" --quit
  "$VENV/bin/annotator" export --format jsonl --output "$ROOT/artifacts/default-project.jsonl"
  "$VENV/bin/annotator" list
  echo "setup: screenshot artifacts/annotator-window.png, export artifacts/default-project.jsonl"
}

install_system_packages
if [ "$MODE" = test ]; then install_python_packages ".[test]"; else install_python_packages "."; fi
case "$MODE" in
  install) echo "setup: installed into $VENV" ;;
  run) run_app ;;
  test) cd "$ROOT" && exec "$VENV/bin/python" -m pytest -q ;;
  *) echo "usage: $0 [install|run|test]" >&2; exit 2 ;;
esac
