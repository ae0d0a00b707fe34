# Shared by deploy/podman/images and deploy/podman/compose (sourced, not run): podman as root on a
# machine without systemd, the way these scripts need it (docs/deployment.md, "Containers with podman").
#   podman_setup      settings for podman (CONTAINERS_CONF) and the reason when podman cannot run here
#   engine_start      podman's Docker-compatible API on a socket, plus the health-check clock
#   engine_stop       stops both again

PODMAN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Where the API socket, its log and the pid files live while the engine runs.
BAKERY_PODMAN_RUN="${BAKERY_PODMAN_RUN:-/run/fadu-bakery-podman}"
PODMAN_SOCKET="$BAKERY_PODMAN_RUN/podman.sock"

podman_fail() {
  echo "podman: $*" >&2
  exit 1
}

# Uses deploy/podman/containers.conf unless the machine or the user has a containers.conf of their own:
# an operator's own settings always win, and nothing under /etc is ever written.
podman_setup() {
  command -v podman >/dev/null 2>&1 \
    || podman_fail "podman is not installed (Debian: apt-get install podman runc iptables netavark aardvark-dns catatonit)"
  [[ $(id -u) -eq 0 ]] || podman_fail "these scripts run podman as root (rootless podman needs its own network setup)"
  if [[ -z "${CONTAINERS_CONF:-}" && ! -e /etc/containers/containers.conf \
    && ! -e "${XDG_CONFIG_HOME:-$HOME/.config}/containers/containers.conf" ]]; then
    export CONTAINERS_CONF="$PODMAN_DIR/containers.conf"
  fi
}

engine_running() {
  [[ -S "$PODMAN_SOCKET" ]] && [[ -f "$BAKERY_PODMAN_RUN/service.pid" ]] \
    && kill -0 "$(cat "$BAKERY_PODMAN_RUN/service.pid")" 2>/dev/null
}

# The API service for docker-compose, and the clock that runs each container's health check on its
# interval: podman hands health checks to systemd timers, and without systemd they would never run,
# so no container would ever become healthy and `depends_on: condition: service_healthy` would wait forever.
engine_start() {
  if engine_running; then
    return 0
  fi
  mkdir -p "$BAKERY_PODMAN_RUN"
  rm -f "$PODMAN_SOCKET"
  setsid podman system service --time=0 "unix://$PODMAN_SOCKET" >"$BAKERY_PODMAN_RUN/service.log" 2>&1 </dev/null &
  echo $! >"$BAKERY_PODMAN_RUN/service.pid"
  setsid "$PODMAN_DIR/healthchecks" >"$BAKERY_PODMAN_RUN/healthchecks.log" 2>&1 </dev/null &
  echo $! >"$BAKERY_PODMAN_RUN/healthchecks.pid"
  local tries=0
  until [[ -S "$PODMAN_SOCKET" ]]; do
    ((tries++ < 100)) || podman_fail "the API service did not open $PODMAN_SOCKET: $(tail -5 "$BAKERY_PODMAN_RUN/service.log")"
    sleep 0.1
  done
}

engine_stop() {
  local name pid
  for name in healthchecks service; do
    if [[ -f "$BAKERY_PODMAN_RUN/$name.pid" ]]; then
      pid="$(cat "$BAKERY_PODMAN_RUN/$name.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$BAKERY_PODMAN_RUN/$name.pid"
    fi
  done
  rm -f "$PODMAN_SOCKET"
}
