#!/usr/bin/env bash
# Regenerate the screenshots in docs/ from the bundled V7 and V8 samples:
#   docs/v7-v8-report.png            the HTML report, rendered by headless chromium
#   docs/v7-v8-workbook.png          the diff workbook's Summary sheet, printed by LibreOffice
#   docs/v7-v8-workbook-changes.png  ... and its Changes sheet
# Needs: actionplan installed, chromium, LibreOffice Calc (libreoffice-calc-nogui),
# pdftoppm (poppler-utils); fonts-crosextra-carlito makes Calibri look like Calibri.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
old=samples/cp-reduction-v7.docx
new=samples/cp-reduction-v8.docx

actionplan -q diff "$old" "$new" --format html -o "$tmp/v7-v8.html"
chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic \
  --no-first-run --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$tmp/chromium" --hide-scrollbars --window-size=1400,1900 \
  --screenshot="$PWD/docs/v7-v8-report.png" "file://$tmp/v7-v8.html" 2>/dev/null

actionplan -q diff "$old" "$new" --format xlsx -o "$tmp/v7-v8.xlsx"
soffice "-env:UserInstallation=file://$tmp/libreoffice" --headless \
  --convert-to pdf --outdir "$tmp" "$tmp/v7-v8.xlsx" >/dev/null

# Crop a printed page to its content (found with pdfplumber), then render it.
crop() {  # page resolution output
  read -r x y w h < <(python3 - "$tmp/v7-v8.pdf" "$1" "$2" <<'EOF'
import sys
import pdfplumber

path, number, dpi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with pdfplumber.open(path) as pdf:
    page = pdf.pages[number - 1]
    boxes = page.chars + page.rects
    x0 = min(b["x0"] for b in boxes) - 8
    top = min(b["top"] for b in boxes) - 8
    x1 = max(b["x1"] for b in boxes) + 8
    bottom = max(b["bottom"] for b in boxes) + 8
scale = dpi / 72
print(int(x0 * scale), int(top * scale), int((x1 - x0) * scale), int((bottom - top) * scale))
EOF
)
  pdftoppm -png -r "$2" -f "$1" -l "$1" -x "$x" -y "$y" -W "$w" -H "$h" -singlefile \
    "$tmp/v7-v8.pdf" "docs/$3"
}
crop 1 110 v7-v8-workbook
crop 2 150 v7-v8-workbook-changes
ls -l docs/*.png
