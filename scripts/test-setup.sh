#!/usr/bin/env bash
# Makes sure the services the test suites need are here and answering (SPEC §15): PostgreSQL on
# 127.0.0.1:5432 (user postgres, no password), Redis on 127.0.0.1:6379 and Debian's Chromium.
# Running services are used as they are; installed-but-stopped ones are started; as root on Debian,
# missing ones are installed with apt. Anything still missing is named, and the script fails, so no
# suite is ever skipped silently. Fast and idempotent when everything is already up.
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT=5432
PG_CLUSTER=main
PG_ADMIN_URL="${TEST_PG_ADMIN_URL:-postgres://postgres@${PG_HOST}:${PG_PORT}/postgres}"
REDIS_HOST=127.0.0.1
REDIS_PORT=6379
CHROMIUM=/usr/bin/chromium
WAIT_SECONDS="${TEST_SETUP_WAIT_SECONDS:-30}"

say() { printf '[test-setup] %s\n' "$*"; }
is_root() { [ "$(id -u)" = 0 ]; }
have() { command -v "$1" >/dev/null 2>&1; }

pg_answers() { have pg_isready && pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2; }
redis_answers() { have redis-cli && [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }
chromium_present() { [ -x "$CHROMIUM" ]; }
pg_installed() { compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }
redis_installed() { have redis-server && have redis-cli; }

# Polls a readiness check once a second, up to WAIT_SECONDS: services take a moment to accept.
wait_for() {
  local what=$1 check=$2 i
  for ((i = 0; i < WAIT_SECONDS; i++)); do
    if "$check"; then return 0; fi
    sleep 1
  done
  say "$what did not answer within ${WAIT_SECONDS}s"
  return 1
}

# apt-get update runs at most once per invocation, and only when something has to be installed.
apt_updated=0
apt_install() {
  if ! is_root || ! have apt-get; then return 1; fi
  if [ "$apt_updated" = 0 ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# A cluster created here gets trust auth on loopback, which the test URLs rely on (no password);
# an existing cluster's authentication is left as its owner configured it.
pg_trust_loopback() {
  local hba=$1
  if ! grep -Eq '^host\s+all\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
}

# The newest installed version that has our cluster, if any.
pg_cluster_version() {
  local conf
  conf=$(ls /etc/postgresql/*/"$PG_CLUSTER"/postgresql.conf 2>/dev/null | sort -V | tail -n1)
  [ -n "$conf" ] && basename "$(dirname "$(dirname "$conf")")"
}

start_postgres() {
  local version
  version=$(pg_cluster_version) || true
  if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
    say "creating PostgreSQL $version cluster '$PG_CLUSTER' on port $PG_PORT"
    pg_createcluster "$version" "$PG_CLUSTER" --port "$PG_PORT" >/dev/null
    pg_trust_loopback "/etc/postgresql/$version/$PG_CLUSTER/pg_hba.conf"
  fi
  say "starting PostgreSQL $version/$PG_CLUSTER"
  pg_ctlcluster --skip-systemctl-redirect "$version" "$PG_CLUSTER" start || true
  wait_for "PostgreSQL" pg_answers
}

start_redis() {
  say "starting redis-server"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for "Redis" redis_answers
}

missing=()

# --- PostgreSQL -------------------------------------------------------------------------------
if ! pg_answers; then
  if ! pg_installed; then
    # The package creates and may start the cluster itself (policy permitting); it gets trust auth
    # on loopback like a cluster created here, and a reload in case it is already running.
    if apt_install postgresql && version=$(pg_cluster_version); then
      pg_trust_loopback "/etc/postgresql/$version/$PG_CLUSTER/pg_hba.conf"
      pg_answers && pg_ctlcluster --skip-systemctl-redirect "$version" "$PG_CLUSTER" reload >/dev/null 2>&1 || true
    fi
  fi
  if pg_installed && is_root && ! pg_answers; then start_postgres || true; fi
  pg_answers || missing+=("PostgreSQL on $PG_HOST:$PG_PORT (apt: postgresql; start: pg_ctlcluster --skip-systemctl-redirect <version> $PG_CLUSTER start)")
fi
if pg_answers && have psql && ! psql "$PG_ADMIN_URL" -Atqc 'select 1' >/dev/null 2>&1; then
  missing+=("PostgreSQL answers but refuses $PG_ADMIN_URL — the tests need user postgres without a password on loopback (trust), or TEST_PG_ADMIN_URL")
fi

# --- Redis ------------------------------------------------------------------------------------
if ! redis_answers; then
  if ! redis_installed; then apt_install redis-server || true; fi
  if redis_installed && ! redis_answers; then start_redis || true; fi
  redis_answers || missing+=("Redis on $REDIS_HOST:$REDIS_PORT (apt: redis-server)")
fi

# --- Server binaries for the reliability suites' private servers ---------------------------------
# R3 runs a Postgres cluster of its own (initdb, pg_ctl) and R2 a redis-server of its own, which they
# stop and start (test/reliability): the binaries must be here even when the shared services above
# run elsewhere.
if ! pg_installed; then apt_install postgresql || true; fi
pg_installed || missing+=("PostgreSQL server binaries under /usr/lib/postgresql/<version>/bin (initdb, pg_ctl) for R3's private cluster (apt: postgresql)")
if ! redis_installed; then apt_install redis-server || true; fi
redis_installed || missing+=("redis-server for R2's private Redis (apt: redis-server)")
if is_root && ! have runuser; then missing+=("runuser (apt: util-linux): R3 runs its Postgres as the postgres user, since Postgres refuses root"); fi

# --- Chromium ---------------------------------------------------------------------------------
if ! chromium_present; then
  # Its recommended fonts are skipped with the other recommends, and a page needs one font to lay out text.
  apt_install chromium fonts-liberation || true
  chromium_present || missing+=("Chromium at $CHROMIUM (apt: chromium; never 'playwright install')")
fi

if [ "${#missing[@]}" -gt 0 ]; then
  say "MISSING — the test run cannot continue without:"
  for m in "${missing[@]}"; do say "  - $m"; done
  if ! is_root; then say "run as root (or install the packages above with sudo) to let this script set them up"; fi
  if [ "${CI:-}" = true ]; then say "CI=true: a missing backend fails the run"; fi
  exit 1
fi

say "ok: PostgreSQL $PG_HOST:$PG_PORT, Redis $REDIS_HOST:$REDIS_PORT, $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
