#!/bin/sh
# Make sure the headless browser for tests/test_html_browser.py is there: Debian's Chromium and
# CJK fonts (apt packages chromium, fonts-noto-cjk). Idempotent; never runs `playwright install`.
set -u
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "setup-browser: /usr/bin/chromium is missing and this is not root;" >&2
    echo "setup-browser: install it with: sudo apt-get install -y chromium fonts-noto-cjk" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-browser: /usr/bin/chromium is missing and apt-get is not available;" >&2
    echo "setup-browser: install Chromium at /usr/bin/chromium to run the browser test" >&2
    exit 0
fi
echo "setup-browser: installing chromium and fonts-noto-cjk with apt-get" >&2
if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk; }; then
    echo "setup-browser: apt-get failed; the browser test will skip (or fail under CI)" >&2
fi
exit 0
