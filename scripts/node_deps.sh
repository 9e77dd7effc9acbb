#!/bin/sh
# Checkers from the npm registry, pinned, installed into .cache/node/ (not into the repository's tree):
# axe-core (WCAG 2.1 AA, run in Chromium) and vnu-jar (the Nu HTML Checker, run with Java); the web editor,
# Decap CMS (served by the site at /admin/) and decap-server (make edit: the editor on the local repository).
AXE_VERSION=4.14.1
VNU_VERSION=26.9.27
DECAP_VERSION=3.16.3
DECAP_SERVER_VERSION=3.11.3
installed() { grep -q "\"version\": \"$2\"" ".cache/node/node_modules/$1/package.json" 2>/dev/null; }
installed axe-core "$AXE_VERSION" && installed vnu-jar "$VNU_VERSION" && installed decap-cms "$DECAP_VERSION" \
    && installed decap-server "$DECAP_SERVER_VERSION" && exit 0
if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Debian packages: nodejs npm"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null || exit 1
    else
        echo "ERROR: the accessibility tests need npm (Node.js); install it: sudo apt-get install -y nodejs npm" >&2
        exit 1
    fi
fi
mkdir -p .cache/node
echo "Installing from npm: axe-core $AXE_VERSION, vnu-jar $VNU_VERSION, decap-cms $DECAP_VERSION, decap-server $DECAP_SERVER_VERSION"
npm install --prefix .cache/node --no-audit --no-fund --silent "axe-core@$AXE_VERSION" "vnu-jar@$VNU_VERSION" \
    "decap-cms@$DECAP_VERSION" "decap-server@$DECAP_SERVER_VERSION"
