#!/usr/bin/env bash
# Make Debian's chromium available for the browser tests, where this machine allows it.
set -u
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (apt-get)..."
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
    exit 0
  fi
  echo "NOTICE: apt-get could not install chromium."
fi
echo "NOTICE: chromium is not installed and cannot be installed here (needs root and apt-get)."
echo "        The browser tests will be skipped. Install it with: sudo apt-get install chromium"
exit 0
