#!/usr/bin/env bash
# THE main job: one refresh cycle over RefreshBot's own repository, in local mode (no account, no token):
#   refreshbot run --once --config config/refreshbot.yaml
# The repository's own Dockerfile pins mcr.microsoft.com/dotnet/sdk:10.0, mcr.microsoft.com/dotnet/aspnet:10.0-noble-
# chiseled-extra and docker:29.1.3-cli by digest. When the registries answer, the run asks them. When they do not (no
# internet), a local CNCF distribution registry (Debian's docker-registry) is started on a free loopback port with small
# stand-in images under the same names and tags, and configured as a MIRROR of mcr.microsoft.com and docker.io
# (registries[].mirrors) in a copy of the sample config; the output says so. The stand-ins' digests differ from the
# pins, so the run proposes them: the offline demonstration of an outdated pin.
# The proposal is committed on a branch `refreshbot/…` of this repository WITHOUT checkout (your working tree,
# index and HEAD are untouched) and its title and body are written to the proposals folder; the script prints it.
# Extra arguments go to `refreshbot run`, e.g. scripts/run.sh --dry-run
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
REPO="$ROOT"
source scripts/lib/debian.sh
ensure_packages git:git curl:curl

CONFIG="config/refreshbot.yaml"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/refreshbot-run.XXXXXX")"
REGISTRY_PID=""
cleanup() {
  if [ -n "$REGISTRY_PID" ]; then kill "$REGISTRY_PID" 2>/dev/null || true; wait "$REGISTRY_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/RefreshBot.Host -c Release -v quiet -nologo >/dev/null

status="$(curl -s -o /dev/null -m 5 -w '%{http_code}' https://mcr.microsoft.com/v2/ || true)"
if [ -n "$status" ] && [ "$status" != "000" ]; then
  echo "==> online: mcr.microsoft.com answers (HTTP $status)"
else
  echo "==> offline: stand-in images from a local mirror (mcr.microsoft.com cannot be reached)"
  ensure_packages docker-registry:docker-registry
  source scripts/lib/local-registry.sh
  start_local_registry
  source scripts/lib/registry-push.sh
  # Deterministic stand-ins (same digests on every run): multi-arch indexes like the real tags. The real pins cannot
  # be served offline (a digest is the hash of content we do not have), so the demonstration runs on a scratch clone
  # whose Dockerfile pins the OLD stand-ins; then NEW stand-ins are pushed under the same tags: an outdated pin.
  REPO="$WORK/refreshbot"
  git clone -q "$ROOT" "$REPO"
  for image_tag in dotnet/sdk:10.0 dotnet/aspnet:10.0-noble-chiseled-extra library/docker:29.1.3-cli; do
    image="${image_tag%%:*}" tag="${image_tag#*:}"
    old="$(push_index "$image" "$tag" \
      "linux/amd64=$(push_image "$image" - linux amd64 standin-old)" \
      "linux/arm64=$(push_image "$image" - linux arm64 standin-old)")"
    short="${image#library/}"
    sed -i -E "s#(${short}:${tag})@sha256:[0-9a-f]{64}#\\1@${old}#" "$REPO/Dockerfile"
    push_index "$image" "$tag" \
      "linux/amd64=$(push_image "$image" - linux amd64 standin-new)" \
      "linux/arm64=$(push_image "$image" - linux arm64 standin-new)" >/dev/null
  done
  git -C "$REPO" -c user.name=refreshbot-demo -c user.email=demo@refreshbot.invalid commit -q -am "offline demo: pins at the old stand-in digests"
  echo "==> stand-ins at 127.0.0.1:$PORT (mirror of mcr.microsoft.com and docker.io): dotnet/sdk:10.0,"
  echo "    dotnet/aspnet:10.0-noble-chiseled-extra, docker:29.1.3-cli; scratch clone pinned to the old ones: $REPO"
  # The same sample config, with the repository path pointing at the scratch clone and the mirror added.
  sed "s|^  - path: \.\.$|  - path: $REPO|" "$CONFIG" > "$WORK/refreshbot.yaml"
  cat >> "$WORK/refreshbot.yaml" <<YAML

# Added by scripts/run.sh (offline): stand-in images from a local mirror.
registries:
  - host: mcr.microsoft.com
    mirrors: [127.0.0.1:$PORT]
  - host: docker.io
    mirrors: [127.0.0.1:$PORT]
YAML
  grep -q "path: $REPO" "$WORK/refreshbot.yaml" || { echo "could not rewrite the sample's repository path" >&2; exit 1; }
  CONFIG="$WORK/refreshbot.yaml"
fi

echo "==> refreshbot run --once --config config/refreshbot.yaml $*"
echo
dotnet src/RefreshBot.Host/bin/Release/net10.0/refreshbot.dll run --once --config "$CONFIG" --log-level Warning "$@"

DATA_DIR="${REFRESHBOT_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/refreshbot}"
PROPOSAL="$(find "$DATA_DIR/proposals" -name '*.md' -printf '%T@ %p\n' 2>/dev/null | sort -rn | head -1 | cut -d' ' -f2- || true)"
if [ -n "$PROPOSAL" ]; then
  echo
  echo "==> the proposal ($PROPOSAL):"
  echo
  cat "$PROPOSAL"
  branch="$(git -C "$REPO" for-each-ref --format='%(refname:short)' 'refs/heads/refreshbot/*' | head -1)"
  if [ -n "$branch" ]; then
    echo
    echo "==> its commit, on branch $branch of this repository (your working tree is untouched):"
    git -C "$REPO" --no-pager log -1 --stat "$branch"
    git -C "$REPO" --no-pager diff "$(git -C "$REPO" merge-base HEAD "$branch" 2>/dev/null || echo HEAD)" "$branch" -- Dockerfile
  fi
fi
