#!/usr/bin/env bash
# Installs (Debian package) and starts a throw-away PostgreSQL on 127.0.0.1:55432, trust auth, database crmx.
# Prints the data directory on its last line; stop it with: postgres-stop.sh <that directory>.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PORT=${CRMX_PG_PORT:-55432}
ROOT=$(mktemp -d /tmp/crmx-pg.XXXXXX)
chmod 755 "$ROOT"
D=$ROOT/pgdata; S=$ROOT/sock
install -d -o postgres -g postgres -m 700 "$D"
install -d -o postgres -g postgres -m 775 "$S"
runuser -u postgres -- "$PGBIN/initdb" -D "$D" -U postgres -A trust -E UTF8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$D" -l "$D/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $S -c fsync=off -c max_connections=200" start >/dev/null
runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres crmx
echo "$D"
