#!/usr/bin/env bash
# Regenerate the screenshots in docs/ from the bundled V7 and V8 samples:
#   docs/v7-v8-report.png            the HTML report, rendered by headless chromium
#   docs/v7-v8-workbook.png          the diff workbook's Summary sheet, printed by LibreOffice
#   docs/v7-v8-workbook-changes.png  ... and its Changes sheet
#   docs/v7-v8-board.png             ... and its Board sheet, the page a meeting reads
#   docs/v7-v8-exceptions.png        the exception report (diff --section exceptions)
#   docs/v7-v8-by-owner.png          the by-owner view
#   docs/v7-v8-history-chart.png     a history's charts: RAG mix at every review, open/completed
# Needs: actionplan installed, chromium, LibreOffice Calc (libreoffice-calc-nogui),
# pdftoppm (poppler-utils), Pillow (with matplotlib, the charts extra);
# fonts-crosextra-carlito makes Calibri look like Calibri.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
old=samples/cp-reduction-v7.docx
new=samples/cp-reduction-v8.docx

actionplan -q diff "$old" "$new" --format html -o "$tmp/v7-v8.html"
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic \
  --no-first-run --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$tmp/chromium" --hide-scrollbars --window-size=1400,1900 \
  --screenshot="$PWD/docs/v7-v8-report.png" "file://$tmp/v7-v8.html" 2>/dev/null

actionplan -q diff "$old" "$new" --format xlsx -o "$tmp/v7-v8.xlsx"
timeout 300 soffice "-env:UserInstallation=file://$tmp/libreoffice" --headless \
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
# Summary and Changes follow Exceptions (3 pages), Board (3) and By owner (1).
crop 8 110 v7-v8-workbook
crop 11 150 v7-v8-workbook-changes
crop 4 110 v7-v8-board

# One section of the board pack a page (docs/board_pages.py), cut to its content.
python3 docs/board_pages.py "$tmp" "$old" "$new"
shot() {  # page width height output
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --disable-quic --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$tmp/chromium" --hide-scrollbars --window-size="$2,$3" \
    --screenshot="$PWD/docs/$4.png" "file://$tmp/$1.html" 2>/dev/null
  python3 docs/board_pages.py --trim "docs/$4.png"
}
shot exceptions 1400 3400 v7-v8-exceptions
shot owners 1100 900 v7-v8-by-owner
shot chart 1400 900 v7-v8-history-chart
ls -l docs/v7-v8-*.png
