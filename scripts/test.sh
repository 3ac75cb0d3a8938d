#!/usr/bin/env bash
# The test command (CONTRIBUTING.md) (`npm test`). Installs the Debian packages the tests drive when they are missing
# (Chromium for the page tests, LibreOffice to open and print the exports, poppler to read the printout), builds the Apps Script bundle the bundle tests
# load, then runs every test with the pilot's time zone. Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc libreoffice-writer)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Les tests ont besoin de : ${missing[*]}. Installez-les (apt-get install ${missing[*]}) ou lancez npm test en root." >&2
    exit 1
  fi
  echo "Installation des paquets nécessaires aux tests : ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f scripts/build-apps-script.mjs ]; then node scripts/build-apps-script.mjs; fi
TZ=Europe/Paris npx jest "$@"
