#!/usr/bin/env bash
# `npm test` — the one test command (SPEC §15): services, typecheck, lint, format, checks, vitest, build,
# Playwright against that build. Stages run in order and the first failure stops the run, so the
# last banner printed names what broke. Safe to run again and again: every stage starts from the
# working tree, the build is redone, and the suites create and drop their own databases.
set -uo pipefail
cd "$(dirname "$0")/.."

# Make the package binaries callable without npx's per-call start-up cost.
PATH="$PWD/node_modules/.bin:$PATH"
export NEXT_TELEMETRY_DISABLED=1

stages=(
  "setup|services: PostgreSQL, Redis, Chromium|bash scripts/test-setup.sh"
  "typecheck|tsc --noEmit|tsc --noEmit"
  "lint|eslint (import cycles and layer rules included)|eslint --max-warnings=0 ."
  "format|prettier --check (the formatting .prettierrc.json sets)|prettier --check ."
  "rules|every cited rule id defined in docs/rules.md, every rule tested|tsx scripts/rules-check.ts"
  "commits|commit subjects ≤ 72 characters since .last-release|tsx scripts/commit-check.ts"
  "unit|vitest run (unit + integration on Postgres, Redis, PGlite)|vitest run"
  "build|widget bundle + next build (production)|npm run build"
  "e2e|playwright test against the production build in Chromium|playwright test"
)

# "setup ok 1s, typecheck ok 20s, …" for the final line.
joined() {
  local out
  printf -v out '%s, ' "$@"
  printf '%s' "${out%, }"
}

total=${#stages[@]}
summary=()
run_started=$SECONDS

for i in "${!stages[@]}"; do
  IFS='|' read -r name title command <<<"${stages[$i]}"
  printf '\n===== [%d/%d] %s — %s =====\n' "$((i + 1))" "$total" "$name" "$title"
  printf '$ %s\n' "$command"
  started=$SECONDS
  bash -c "$command"
  status=$?
  took=$((SECONDS - started))
  if [ "$status" -ne 0 ]; then
    printf '\n===== FAILED: %s (exit %d, %ds) =====\n' "$name" "$status" "$took"
    summary+=("$name FAILED ${took}s")
    printf 'npm test: FAIL at %s after %ds (%s)\n' "$name" "$((SECONDS - run_started))" "$(joined "${summary[@]}")"
    exit "$status"
  fi
  summary+=("$name ok ${took}s")
  printf '===== ok: %s (%ds) =====\n' "$name" "$took"
done

printf '\nnpm test: PASS in %ds (%s)\n' "$((SECONDS - run_started))" "$(joined "${summary[@]}")"
