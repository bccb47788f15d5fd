#!/usr/bin/env bash
# Rebuilds tests/RefreshBot.Testing/Data/github-openapi-subset.json from GitHub's official OpenAPI
# description (npm package @octokit/openapi). Usage: scripts/extract-openapi.sh [version]
# Only generated/api.github.com.json is taken from the tarball (the package unpacks to ~385 MB).
set -euo pipefail
version="${1:-23.0.2}"
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@octokit/openapi@${version}" >/dev/null)
tar -xzf "$work"/octokit-openapi-*.tgz -C "$work" package/generated/api.github.com.json
python3 "$here/scripts/extract-openapi.py" "$work/package/generated/api.github.com.json" \
  "$here/tests/RefreshBot.Testing/Data/github-openapi-subset.json"
