# Shared by scripts/*.sh: install missing Debian packages and start services, as root or through sudo.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_packages COMMAND:PACKAGE ... — installs PACKAGE when COMMAND is not on the PATH.
ensure_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin" command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "==> installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# ensure_dockerd — starts dockerd in the background when `docker info` does not answer, then waits for it.
ensure_dockerd() {
  if docker info >/dev/null 2>&1; then
    return 0
  fi
  echo "==> starting dockerd"
  local log="${TMPDIR:-/tmp}/refreshbot-dockerd.log"
  as_root sh -c "PATH=\"\$PATH:/usr/sbin:/sbin\" nohup dockerd >'$log' 2>&1 &"
  local i
  for i in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
      echo "==> dockerd is up"
      return 0
    fi
    sleep 1
  done
  echo "error: dockerd did not answer within 60 s (log: $log); the Docker tests need it" >&2
  tail -n 20 "$log" >&2 || true
  return 1
}

# ensure_static_busybox — test base images use Debian's static busybox as their userland (tests/RefreshBot.Testing/RootFs).
# A dynamically linked /bin/busybox (package busybox) does not count: busybox-static replaces it.
ensure_static_busybox() {
  if [ -x /bin/busybox ] && dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed'; then
    return 0
  fi
  echo "==> installing Debian packages: busybox-static"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends busybox-static
}

# ensure_postgresql_server — the PostgreSQL server binaries (/usr/lib/postgresql/N/bin: initdb, postgres) that the
# tests start their own throw-away server from (tests/RefreshBot.Testing/Postgres); they are not on the PATH, so
# ensure_packages cannot see them. The tests never use the cluster or service Debian may create.
ensure_postgresql_server() {
  if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
    return 0
  fi
  echo "==> installing Debian packages: postgresql"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
}
