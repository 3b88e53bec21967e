#!/usr/bin/env bash
# The fault suite's long version: every fault once, then a 10-minute soak. Needs PostgreSQL (the URL in
# SECURE_API_TEST_POSTGRES_URL, default the local server) and redis-server on the PATH (the suite starts its own).
# The report is written to reliability-tests/target/reliability/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export SECURE_API_TEST_POSTGRES_URL="${SECURE_API_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}"
exec ./mvnw -B -pl reliability-tests -am verify -Dspotbugs.skip=true \
  -Dtest=FaultSuiteTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsecure-api.test.require-services=true -Dreliability.soak-seconds="${SOAK_SECONDS:-600}" "$@"
