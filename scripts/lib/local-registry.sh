# Shared by scripts/*.sh: a throw-away CNCF distribution registry (Debian's docker-registry) on a free
# loopback port. Needs WORK (a scratch folder). Sets PORT, REG (http://127.0.0.1:PORT) and REGISTRY_PID;
# the caller's cleanup kills REGISTRY_PID.

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_local_registry() {
  PORT=""
  local candidate
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 20000))
    if port_is_free "$candidate"; then PORT="$candidate"; break; fi
  done
  [ -n "$PORT" ] || { echo "no free port found" >&2; exit 1; }
  cat > "$WORK/registry.yml" <<YAML
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: $WORK/registry-data }
  delete: { enabled: true }
http:
  addr: 127.0.0.1:$PORT
YAML
  PATH="$PATH:/usr/sbin" docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
  REGISTRY_PID=$!
  REG="http://127.0.0.1:$PORT"
  for _ in $(seq 1 50); do curl -fsS "$REG/v2/" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -fsS "$REG/v2/" >/dev/null || { echo "registry did not start:" >&2; cat "$WORK/registry.log" >&2; exit 1; }
}
