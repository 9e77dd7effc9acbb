#!/bin/sh
# Debian packages the browser tests need: chromium (driven by Playwright) and
# a CJK font so that Chinese renders as text, not boxes, in screenshots.
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$missing fonts-noto-cjk"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages:$missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    exit $?
fi
echo "ERROR: the browser tests need these Debian packages:$missing" >&2
echo "Install them with: sudo apt-get install -y$missing" >&2
exit 1
