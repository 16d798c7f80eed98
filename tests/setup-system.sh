#!/bin/sh
# What duizhao and its tests need from Debian: LibreOffice Writer (reading .doc/.wps/.odt and
# checking the Word 对照表), Chromium (tests/test_html_browser.py), CJK fonts (heatmaps,
# screenshots, PDF pages), poppler-utils (pdftoppm: PDF pages to PNG) and Tesseract with its
# simplified-Chinese model (the second OCR engine, measured by tests/bench/ocr_bench.py).
# Idempotent; never runs `playwright install` and downloads nothing but Debian packages.
set -u
need=""
command -v soffice >/dev/null 2>&1 || need="$need libreoffice-writer-nogui"
[ -x /usr/bin/chromium ] || need="$need chromium"
command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc >/dev/null 2>&1 || need="$need fonts-noto-cjk"
command -v tesseract >/dev/null 2>&1 || need="$need tesseract-ocr"
ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 || need="$need tesseract-ocr-chi-sim"
[ -z "$need" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "setup-system: missing:$need; install with: sudo apt-get install -y$need" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-system: missing:$need, and apt-get is not available" >&2
    exit 0
fi
echo "setup-system: installing$need with apt-get" >&2
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null; }; then
    echo "setup-system: apt-get failed; tests that need$need will skip (or fail under CI)" >&2
fi
exit 0
