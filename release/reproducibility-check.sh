#!/usr/bin/env bash
# Two clean builds of the same commit must produce byte-identical release artifacts.
#
#   release/reproducibility-check.sh [commit]     (default: HEAD; uncommitted changes are not part of it)
#
# Clones the commit twice into two different temporary directories (so neither the path nor leftovers of an earlier
# build can hide a difference), builds each with the release profile (unsigned: signatures are not meant to be
# reproducible) and compares the SHA-256 of every published file: jars, sources, javadoc, SBOMs and POMs.
# Environment: LOCAL_REPO (default ~/.m2/repository) and optionally LOCAL_REPO_TAIL, as for release/dry-run.sh.
set -euo pipefail

main() {
  local root commit local_repo started
  root="$(cd "$(dirname "$0")/.." && pwd)"
  commit=$(git -C "$root" rev-parse "${1:-HEAD}")
  work=$(mktemp -d "${TMPDIR:-/tmp}/secure-api-reproducible.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  local_repo="${LOCAL_REPO:-$HOME/.m2/repository}"
  local repo_args=(-Dmaven.repo.local="$local_repo")
  if [ -n "${LOCAL_REPO_TAIL:-}" ]; then
    repo_args+=(-Dmaven.repo.local.tail="$LOCAL_REPO_TAIL")
  fi
  started=$(date +%s)

  for build in first second; do
    echo "== $build build of $commit"
    git clone --quiet --no-hardlinks "$root" "$work/$build"
    git -C "$work/$build" checkout --quiet "$commit"
    (cd "$work/$build" && ./mvnw -B -ntp -q "${repo_args[@]}" -Prelease -Dgpg.skip=true -DskipTests \
      -Dspotbugs.skip=true -Darchetype.test.skip=true -Dinvoker.skip=true clean package)
    # every file a release publishes, by its path relative to the module
    (cd "$work/$build" && find . -path '*/target/*' -prune -o -name pom.xml -print | sort | while read -r pom; do
      module=$(dirname "$pom")
      if grep -q '<secure-api.publish.skip>true' "$pom"; then continue; fi
      find "$module/target" -maxdepth 1 -type f \( -name '*.jar' -o -name '*-cyclonedx.json' \
        -o -name 'flattened-pom.xml' \) 2>/dev/null || true
      echo "$pom"
    done | grep -v '/release/' | sort | xargs sha256sum) > "$work/$build.sha256"
  done

  local count
  count=$(wc -l < "$work/first.sha256")
  if diff -u "$work/first.sha256" "$work/second.sha256"; then
    echo "REPRODUCIBLE: $count files identical in two clean builds of $commit ($(( $(date +%s) - started ))s)"
  else
    echo "NOT REPRODUCIBLE: the files above differ between two clean builds of $commit" >&2
    exit 1
  fi
}

work=""
main "$@"
