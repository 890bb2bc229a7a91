#!/usr/bin/env bash
# Stops the server started by postgres-start.sh and removes its data.
set -uo pipefail
D=$1
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$D" -m fast -w stop >/dev/null 2>&1
rm -rf "$(dirname "$D")"
