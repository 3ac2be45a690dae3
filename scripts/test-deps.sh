#!/usr/bin/env bash
# Installs the Debian packages the tests drive, when missing: chromium (the HTML report opened in a real
# browser, through playwright-core), victoria-metrics (the datastore tests start one on a free loopback
# port) and postgresql (the state-store tests run initdb in a temp folder and start a server on loopback). Uses sudo when not root. Without them `npm test` still runs: those tests skip with a message (and
# fail under CI=true).
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v victoria-metrics >/dev/null || missing+=(victoria-metrics)
# Debian keeps initdb/postgres off PATH, in /usr/lib/postgresql/<major>/bin
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies present: $(command -v chromium), $(command -v victoria-metrics), postgresql"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "missing: ${missing[*]}; apt-get is not available here: install them with your package manager" >&2
  exit 1
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "missing: ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  SUDO=(sudo)
fi
echo "installing ${missing[*]} (apt-get)"
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
echo "installed: ${missing[*]}"
