#!/bin/sh
# System packages the test suite needs beyond the Python ones in pyproject.toml: Debian's Chromium for the
# browser tests of the HTML report (Playwright drives /usr/bin/chromium; no browser is downloaded).
# Idempotent and quiet: does nothing when Chromium is already there; where it cannot install (not root, no
# apt-get), it says so once and exits 0, and the browser tests skip with that reason.
set -eu

CHROMIUM=${RASHOMON_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-test-deps: no apt-get; install Chromium yourself to run the browser tests" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install-test-deps: not root; run 'apt-get install chromium' to run the browser tests" >&2
        exit 0
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
[ -x "$CHROMIUM" ] || { echo "install-test-deps: chromium installed but $CHROMIUM is missing" >&2; exit 0; }
