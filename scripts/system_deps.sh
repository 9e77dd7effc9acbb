#!/bin/sh
# Debian packages the tests and the print edition need: chromium (driven by
# Playwright), a CJK font so that Chinese renders as text, not boxes, Pango for
# WeasyPrint (make pdf), poppler's pdftotext/pdfinfo/pdffonts/pdftoppm, and Java for the Nu HTML Checker.
# `sh scripts/system_deps.sh print` checks only what the print edition needs (no browser).
missing=""
[ "$1" = "print" ] || command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$missing fonts-noto-cjk"
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
[ "$1" = "print" ] || command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
[ "$1" = "print" ] || command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages:$missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    exit $?
fi
echo "ERROR: these Debian packages are needed:$missing" >&2
echo "Install them with: sudo apt-get install -y$missing" >&2
exit 1
