#!/usr/bin/env bash
# THE test command: on a fresh Debian 12 with the .NET 10 SDK, installs what the tests need
# (docker.io, docker-registry, git, apache2-utils, busybox-static, postgresql, chromium + chromium-driver for the HTML report,
# python3-aiosmtpd for the digest e-mail tests), starts dockerd if it is not running,
# then runs every test of RefreshBot.sln in Release. Fails when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/debian.sh

ensure_packages dockerd:docker.io docker-registry:docker-registry git:git htpasswd:apache2-utils curl:curl rpmbuild:rpm \
  chromium:chromium chromedriver:chromium-driver /usr/bin/aiosmtpd:python3-aiosmtpd ip:iproute2
ensure_static_busybox
ensure_postgresql_server
ensure_dockerd

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log="$(mktemp "${TMPDIR:-/tmp}/refreshbot-test.XXXXXX.log")"
status=0
dotnet test RefreshBot.sln -c Release 2>&1 | tee "$log" || status=$?

# One closing line for the whole solution, summed over the test assemblies.
summary="$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
  awk '{ f += $1; p += $2; s += $3 } END { printf "%d passed, %d failed, %d skipped", p, f, s }')"
assemblies="$(grep -cE '^(Passed|Failed)!' "$log" || true)"
rm -f "$log"
echo
echo "Test assemblies run: ${assemblies}"
echo "${summary}"
if [ "$status" -ne 0 ] || [ "${assemblies}" -eq 0 ]; then
  echo "TESTS FAILED (dotnet test exit code ${status})" >&2
  exit 1
fi
