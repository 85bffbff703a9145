#!/usr/bin/env bash
# Installs whatever is missing, then builds and serves Fluency on http://127.0.0.1:8080.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FLUENCY_ROOT"
"$FLUENCY_ROOT/scripts/setup.sh"
exec trunk serve --offline "$@"
