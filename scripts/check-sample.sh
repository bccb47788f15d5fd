#!/usr/bin/env bash
# `refreshbot check` on a sample fleet, offline (the main job is scripts/run.sh).
# Starts a local CNCF distribution registry (Debian's docker-registry) on 127.0.0.1 (a free port),
# pushes a few small deterministic images with curl (tags that move, a multi-arch index that only churns,
# a single-platform image), copies samples/fleet/ into a scratch folder as git repositories, then runs
#   refreshbot check <fleet> --config <generated config>
# and prints the table. Extra arguments are passed to `refreshbot check` (e.g. --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/debian.sh
ensure_packages docker-registry:docker-registry git:git curl:curl

WORK="$(mktemp -d "${TMPDIR:-/tmp}/refreshbot-sample.XXXXXX")"
REGISTRY_PID=""
cleanup() {
  if [ -n "$REGISTRY_PID" ]; then kill "$REGISTRY_PID" 2>/dev/null || true; wait "$REGISTRY_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- a registry on a free loopback port -------------------------------------------------------
source scripts/lib/local-registry.sh
start_local_registry
echo "==> registry at 127.0.0.1:$PORT"

# --- images (deterministic: same digests on every run) -----------------------------------------
source scripts/lib/registry-push.sh
push_index team/base 1 "linux/amd64=$(push_image team/base - linux amd64 v1)" "linux/arm64=$(push_image team/base - linux arm64 v1)" >/dev/null
push_index team/base 1 "linux/amd64=$(push_image team/base - linux amd64 v2)" "linux/arm64=$(push_image team/base - linux arm64 v2)" >/dev/null
runtime_amd64="$(push_image team/runtime - linux amd64 r1)"
push_index team/runtime 2 "linux/amd64=$runtime_amd64" "linux/arm64=$(push_image team/runtime - linux arm64 r1)" >/dev/null
push_index team/runtime 2 "linux/amd64=$runtime_amd64" "linux/arm64=$(push_image team/runtime - linux arm64 r2)" >/dev/null
push_index team/sdk 8 "linux/amd64=$(push_image team/sdk - linux amd64 s1)" "linux/arm64=$(push_image team/sdk - linux arm64 s1)" >/dev/null
push_index team/sdk 8 "linux/amd64=$(push_image team/sdk - linux amd64 s2)" "linux/arm64=$(push_image team/sdk - linux arm64 s2)" >/dev/null
push_image team/tools latest linux amd64 t1 >/dev/null
push_image team/tools latest linux amd64 t2 >/dev/null
push_index team/node 22 "linux/amd64=$(push_image team/node - linux amd64 n22)" "linux/arm64=$(push_image team/node - linux arm64 n22)" >/dev/null
echo "==> pushed team/base:1, team/runtime:2, team/sdk:8 (indexes that moved), team/tools:latest, team/node:22"

# --- the sample fleet as git repositories ------------------------------------------------------
mkdir -p "$WORK/fleet"
for repo in samples/fleet/*/; do
  name="$(basename "$repo")"
  cp -r "$repo" "$WORK/fleet/$name"
  git -C "$WORK/fleet/$name" init -q
  git -C "$WORK/fleet/$name" add -A
  git -C "$WORK/fleet/$name" -c user.name=sample -c user.email=sample@example.invalid commit -qm "sample"
done
cat > "$WORK/refreshbot.yaml" <<YAML
defaults:
  platform: linux/amd64
  buildArgs:
    REGISTRY: 127.0.0.1:$PORT   # the sample Dockerfiles build their references from this ARG
    NODE_VERSION: "22"
YAML

# --- the check ---------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/RefreshBot.Host -c Release -v quiet -nologo >/dev/null
echo "==> refreshbot check <sample fleet> --config refreshbot.yaml $*"
echo
dotnet src/RefreshBot.Host/bin/Release/net10.0/refreshbot.dll check "$WORK/fleet" --config "$WORK/refreshbot.yaml" --log-level Warning "$@"
