#!/usr/bin/env bash
# Render the app icon resources/icons/annotator.svg to the PNG sizes checked in beside it
# (resources/icons/hicolor/NxN/apps/annotator.png). Run after editing the SVG; needs rsvg-convert
# (apt: librsvg2-bin, installed by packaging/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "hicolor/${size}x${size}/apps"
  rsvg-convert -w "$size" -h "$size" annotator.svg -o "hicolor/${size}x${size}/apps/annotator.png"
done
echo "rendered annotator.svg at 16-512 px"
