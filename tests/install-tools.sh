#!/usr/bin/env bash
# Installs the non-Python tools the test suite drives, so a fresh machine can run it:
#   - ical.js (Thunderbird's parser) and node-ical, pinned in tests/interop/package-lock.json;
#   - Debian's chromium (agenda-page test) and libical3 (interop test), when missing and we are root.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f tests/interop/package.json ] && [ ! -d tests/interop/node_modules ]; then
  (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
fi
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ldconfig -p 2>/dev/null | grep -q 'libical\.so\.3' || missing+=(libical3)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "install-tools: please install ${missing[*]} (Debian: apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
