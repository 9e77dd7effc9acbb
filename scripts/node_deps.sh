#!/bin/sh
# Checkers from the npm registry that the tests run in Chromium (axe-core, for WCAG 2.1 AA), pinned,
# installed into .cache/node/ (not into the repository's tree).
AXE_VERSION=4.14.1
[ -f .cache/node/node_modules/axe-core/axe.min.js ] && grep -q "\"version\": \"$AXE_VERSION\"" \
    .cache/node/node_modules/axe-core/package.json && exit 0
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
npm install --prefix .cache/node --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
