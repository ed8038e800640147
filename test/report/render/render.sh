#!/bin/sh
# Renders a .docx to PDF and page PNGs the way the report was checked:
#   test/report/render/render.sh report.docx OUTDIR
# Needs libreoffice-writer-nogui, poppler-utils, fonts-noto-cjk, fonts-arphic-ukai.
set -e
DOCX="$1"
OUT="${2:-$(dirname "$DOCX")}"
HERE="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$OUT"
PROFILE="$(mktemp -d)"
FONTCONFIG_FILE="$HERE/fonts.conf" timeout 180 libreoffice -env:UserInstallation="file://$PROFILE" --headless --convert-to pdf --outdir "$OUT" "$DOCX" >/dev/null 2>&1
rm -rf "$PROFILE"
PDF="$OUT/$(basename "${DOCX%.docx}").pdf"
pdftoppm -png -r 60 "$PDF" "$OUT/$(basename "${DOCX%.docx}")-page"
echo "$PDF"
