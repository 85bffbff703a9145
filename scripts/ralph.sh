#!/usr/bin/env bash
# A real Learning Record Store for the tests and the benchmark: Ralph (ralph-malph on PyPI), pinned,
# in a virtual environment under .cache/, with the filesystem backend, Basic auth and CORS for the
# test origin, on loopback only.
#
#   scripts/ralph.sh install   create the virtual environment (once; later calls check and return)
#   scripts/ralph.sh start     start Ralph in the background and wait until it answers
#   scripts/ralph.sh stop      stop it (a no-op when it is not running)
#   scripts/ralph.sh status    exit 0 when it answers
#
# Settings (environment):
#   RALPH_PORT             port on 127.0.0.1 (default 8100)
#   RALPH_ORIGINS          space-separated origins CORS allows (default http://127.0.0.1:$FLUENCY_E2E_PORT,
#                          FLUENCY_E2E_PORT defaulting to 8090)
#   RALPH_MAX_HITS         RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT, the largest page a query returns (default 100)
#   RALPH_KEEP_DATA=1      keep the statements already stored (a restart); otherwise start empty
#
# Users (test credentials, written to the run directory's auth.json):
#   fluency-learner / learner-secret   statements/write only: what a deployment's config would carry
#   fluency-manager / manager-secret   statements/read: a manager's read credentials
#   fluency-admin   / admin-secret     all: what the tests use to read back and to seed the benchmark
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

RALPH_VERSION="5.1.0"
RALPH_PORT="${RALPH_PORT:-8100}"
RALPH_ORIGINS="${RALPH_ORIGINS:-http://127.0.0.1:${FLUENCY_E2E_PORT:-8090}}"
RALPH_MAX_HITS="${RALPH_MAX_HITS:-100}"
VENV="$FLUENCY_ROOT/.cache/ralph-$RALPH_VERSION"
RUN_DIR="$FLUENCY_ROOT/.cache/ralph-run-$RALPH_PORT"
PID_FILE="$RUN_DIR/pid"

install() {
  if [ -x "$VENV/bin/uvicorn" ] && [ -f "$VENV/.installed" ]; then
    return 0
  fi
  echo "ralph: installing ralph-malph $RALPH_VERSION from PyPI into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  # `requests` is needed by Ralph's auth module but not declared by the package.
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "ralph-malph[lrs,cli]==$RALPH_VERSION" requests
  touch "$VENV/.installed"
}

answers() {
  curl -fsS -o /dev/null --max-time 2 -u fluency-admin:admin-secret "http://127.0.0.1:$RALPH_PORT/whoami" 2>/dev/null
}

write_auth_file() {
  # bcrypt hashes, written by the virtual environment's Python in one go: `ralph auth` would start
  # Python (and Ralph) once per user.
  "$VENV/bin/python" - "$RUN_DIR/auth.json" <<'PY'
import json, sys, bcrypt
users = [
    ("fluency-learner", "learner-secret", ["statements/write"]),
    ("fluency-manager", "manager-secret", ["statements/read"]),
    ("fluency-admin", "admin-secret", ["all"]),
]
# One agent for the whole deployment: statements' authority is the Fluency deployment, not a person.
entries = [
    {
        "username": name,
        "hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode(),
        "scopes": scopes,
        "agent": {"mbox": "mailto:fluency-deployment@example.org"},
    }
    for name, password, scopes in users
]
with open(sys.argv[1], "w") as f:
    json.dump(entries, f)
PY
}

start() {
  install
  if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    echo "ralph: already running on 127.0.0.1:$RALPH_PORT (pid $(cat "$PID_FILE"))"
    return 0
  fi
  mkdir -p "$RUN_DIR"
  if [ "${RALPH_KEEP_DATA:-0}" != "1" ]; then
    rm -rf "$RUN_DIR/data"
  fi
  mkdir -p "$RUN_DIR/data"
  [ -f "$RUN_DIR/auth.json" ] || write_auth_file
  local origins
  origins="$(printf '"%s",' $RALPH_ORIGINS)"
  # setsid: Ralph gets its own process group, so `stop` ends it and every child it started.
  RALPH_APP_DIR="$RUN_DIR" \
    RALPH_AUTH_FILE="$RUN_DIR/auth.json" \
    RALPH_RUNSERVER_BACKEND=fs \
    RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$RUN_DIR/data" \
    RALPH_RUNSERVER_CORS_ALLOW_ORIGINS="[${origins%,}]" \
    RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT="$RALPH_MAX_HITS" \
    RALPH_LRS_RESTRICT_BY_AUTHORITY=true \
    RALPH_LRS_RESTRICT_BY_SCOPES=true \
    setsid "$VENV/bin/uvicorn" ralph_fs:app --app-dir "$FLUENCY_ROOT/scripts" \
    --host 127.0.0.1 --port "$RALPH_PORT" --log-level warning \
    >"$RUN_DIR/ralph.log" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 300); do
    if answers; then
      echo "ralph: listening on http://127.0.0.1:$RALPH_PORT (CORS: $RALPH_ORIGINS; page size $RALPH_MAX_HITS)"
      return 0
    fi
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      echo "ralph: failed to start; its log:" >&2
      cat "$RUN_DIR/ralph.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "ralph: no answer after 30 s; its log:" >&2
  cat "$RUN_DIR/ralph.log" >&2
  stop
  return 1
}

stop() {
  [ -f "$PID_FILE" ] || return 0
  local pid
  pid="$(cat "$PID_FILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) answers ;;
  *)
    echo "usage: scripts/ralph.sh install|start|stop|status" >&2
    exit 2
    ;;
esac
