#!/bin/sh
# Debian packages the tests and the print edition need: chromium (driven by
# Playwright), a CJK font so that Chinese renders as text, not boxes, Pango for
# WeasyPrint (make pdf), the Fandol fonts (below), poppler's pdftotext/pdfinfo/pdffonts/pdftoppm, Java for the
# Nu HTML Checker, and LibreOffice's writer for the Word edition's tests.
# `sh scripts/system_deps.sh print` checks only what the print edition needs (no browser).
missing=""
[ "$1" = "print" ] || command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$missing fonts-noto-cjk"
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
[ "$1" = "print" ] || command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
[ "$1" = "print" ] || command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
# LibreOffice's writer, headless, opens the Word edition in the tests as an office would (its recommends are a desktop)
lean=""
[ "$1" = "print" ] || command -v soffice >/dev/null 2>&1 || lean="libreoffice-writer-nogui"
# The print edition's 仿宋 and 楷体 (GB/T 9704 body and headings) are the Fandol fonts (GPL with the font
# exception: free to embed), which Debian ships only inside texlive-lang-chinese; installing that package would
# bring TeX (21 packages), so only its two Fandol faces are taken out of it, into /usr/local/share/fonts.
FANDOL=/usr/local/share/fonts/fandol
fandol_missing=""
fc-list 2>/dev/null | grep -q "FandolFang" || fandol_missing=yes
[ -z "$missing" ] && [ -z "$lean" ] && [ -z "$fandol_missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq || exit 1
    if [ -n "$missing" ]; then
        echo "Installing Debian packages:$missing"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null || exit 1
    fi
    if [ -n "$lean" ]; then
        echo "Installing Debian packages (without their recommends): $lean"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $lean >/dev/null || exit 1
    fi
    if [ -n "$fandol_missing" ]; then
        echo "Installing the Fandol fonts from Debian's texlive-lang-chinese into $FANDOL"
        # (a folder apt's own download user may write to: apt warns when it falls back to root)
        work=$(mktemp -d) && { chown _apt "$work" 2>/dev/null || true; } && (cd "$work" && apt-get download -qq texlive-lang-chinese) || exit 1
        mkdir -p "$FANDOL" && dpkg-deb --fsys-tarfile "$work"/texlive-lang-chinese_*.deb |
            tar -x -C "$work" --wildcards '*/fandol/FandolFang-Regular.otf' '*/fandol/FandolKai-Regular.otf' &&
            find "$work" -name 'Fandol*.otf' -exec cp {} "$FANDOL" \; && fc-cache -f "$FANDOL" >/dev/null
        status=$?
        rm -rf "$work"
        [ $status = 0 ] || exit $status
    fi
    exit 0
fi
[ -n "$missing$lean" ] && echo "ERROR: these Debian packages are needed:$missing $lean" \
    "(sudo apt-get install -y$missing; sudo apt-get install -y --no-install-recommends $lean)" >&2
[ -n "$fandol_missing" ] && echo "ERROR: the Fandol fonts (仿宋, 楷体 of the print edition) are missing: run" \
    "sudo sh scripts/system_deps.sh, which takes them out of Debian's texlive-lang-chinese into $FANDOL" >&2
exit 1
