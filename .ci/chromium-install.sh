#!/usr/bin/env bash
# Installs Debian's Chromium for the report browser tests when /usr/bin/chromium is missing (idempotent; no browser
# download: Playwright drives this executable). Prints only the executable's path, on its last line.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null
fi
echo /usr/bin/chromium
