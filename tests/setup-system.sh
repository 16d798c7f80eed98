#!/bin/sh
# What the browser and heatmap tests need from Debian: Chromium (tests/test_html_browser.py)
# and CJK fonts (the heatmap and the screenshot). Idempotent; never runs `playwright install`.
set -u
need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc >/dev/null 2>&1 || need="$need fonts-noto-cjk"
[ -z "$need" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "setup-browser: missing:$need; install with: sudo apt-get install -y$need" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-browser: missing:$need, and apt-get is not available" >&2
    exit 0
fi
echo "setup-browser: installing$need with apt-get" >&2
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null; }; then
    echo "setup-browser: apt-get failed; the browser and heatmap tests will skip (or fail under CI)" >&2
fi
exit 0
