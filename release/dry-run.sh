#!/usr/bin/env bash
# A release without publishing: what .github/workflows/release.yml does on a tag, on this machine.
#
#   release/dry-run.sh [--skip-tests] [version]
#
# 1. signs with a throwaway GnuPG key made for this run (a temporary GNUPGHOME, never the user's keyring);
# 2. sets the version (default: the current one without -SNAPSHOT) and project.build.outputTimestamp (the commit's
#    time) in every pom, and puts every pom back as it was on exit, whatever happens;
# 3. builds and tests with -Prelease and deploys to target/staging (altDeploymentRepository), nothing else;
# 4. checks the staged repository: exactly the published modules, each with sources, javadoc (jar modules), a
#    CycloneDX SBOM, complete POM metadata and a good signature on every file;
# 5. builds two consumers offline, with a fresh local repository and target/staging as their only source of
#    dev.secureapi artifacts: release/bom-consumer (the BOM and one starter, nothing else) and a service generated
#    by the staged archetype, whose own tests run.
#
# Environment: LOCAL_REPO (default ~/.m2/repository) is the build's local repository; LOCAL_REPO_TAIL optionally a
# read-only one behind it. Integration tests need SECURE_API_TEST_POSTGRES_URL and SECURE_API_TEST_REDIS_URL.
set -euo pipefail

# all in one function, so bash has read the whole script before running any of it (editing it mid-run is safe)
main() {

skip_tests=false
if [ "${1:-}" = "--skip-tests" ]; then
  skip_tests=true
  shift
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
started=$(date +%s)

local_repo="${LOCAL_REPO:-$HOME/.m2/repository}"
repo_args=(-Dmaven.repo.local="$local_repo")
tails="$local_repo"
if [ -n "${LOCAL_REPO_TAIL:-}" ]; then
  repo_args+=(-Dmaven.repo.local.tail="$LOCAL_REPO_TAIL")
  tails="$tails,$LOCAL_REPO_TAIL"
fi
mvn=("$root/mvnw" -B -ntp "${repo_args[@]}")

current_version=$("${mvn[@]}" -q help:evaluate -Dexpression=project.version -DforceStdout)
version="${1:-${current_version%-SNAPSHOT}}"
case "$version" in
  *-SNAPSHOT) echo "a release version has no -SNAPSHOT: $version" >&2; exit 2 ;;
esac
timestamp=$(TZ=UTC git log -1 --date=format-local:%Y-%m-%dT%H:%M:%SZ --format=%cd)
staging="$root/target/staging"
work=$(mktemp -d "${TMPDIR:-/tmp}/secure-api-dry-run.XXXXXX")

# every pom back as it was, on success, failure or interrupt
backup="$work/poms"
mkdir -p "$backup"
poms=$(git ls-files '*pom.xml' | grep -v '^release/bom-consumer/' | grep -v '/src/main/resources/archetype-resources/')
for pom in $poms; do
  mkdir -p "$backup/$(dirname "$pom")"
  cp -p "$pom" "$backup/$pom"
done
restore() {
  for pom in $poms; do
    cp -p "$backup/$pom" "$pom"
  done
  find "$root" -name 'pom.xml.versionsBackup' -delete
  if [ -n "${GNUPGHOME:-}" ] && [ "$GNUPGHOME" = "$work/gnupg" ]; then
    gpgconf --kill all >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap restore EXIT

step() { echo; echo "== $*"; }
fail() { echo "DRY RUN FAILED: $*" >&2; exit 1; }

# a GnuPG home of this run's own: the release key from MAVEN_GPG_KEY (the release workflow's secret, passphrase in
# MAVEN_GPG_PASSPHRASE, which maven-gpg-plugin reads), else a throwaway key that lives as long as this script
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
if [ -n "${MAVEN_GPG_KEY:-}" ]; then
  step "release signing key from MAVEN_GPG_KEY"
  printf '%s\n' "$MAVEN_GPG_KEY" | gpg --batch --quiet --import
else
  step "throwaway signing key"
  gpg --batch --quiet --passphrase '' --quick-gen-key 'secure-api dry run <dry-run@secureapi.invalid>' ed25519 sign 1d
fi
gpg --batch --list-secret-keys --keyid-format long | grep -E '^(sec|uid)' || fail "no signing key"

step "version $version, outputTimestamp $timestamp (was $current_version)"
"${mvn[@]}" -q versions:set -DnewVersion="$version" -DprocessAllModules=true -DgenerateBackupPoms=false
"${mvn[@]}" -q versions:set-property -Dproperty=project.build.outputTimestamp -DnewVersion="$timestamp" \
  -DgenerateBackupPoms=false
grep -q "<version>$version</version>" secure-api-dependencies/pom.xml || fail "versions:set missed the BOM"

step "build, test, sign and stage to $staging"
rm -rf "$staging"
build_args=(-Prelease deploy -DaltDeploymentRepository="staging::file://$staging" -Dmaven.install.skip=true
  -Dsecure-api.test.require-services=true)
if $skip_tests; then
  build_args+=(-DskipTests -Darchetype.test.skip=true)
fi
"${mvn[@]}" "${build_args[@]}"
built=$(date +%s)

step "check the staged repository"
expected="secure-api-archetype secure-api-dependencies secure-api-parent secure-api-starter secure-api-starter-crypto secure-api-starter-ratelimit"
found=$(find "$staging/dev/secureapi" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort | tr '\n' ' ' | sed 's/ $//')
[ "$found" = "$expected" ] || fail "staged modules are [$found], expected [$expected]"
for artifact in $expected; do
  dir="$staging/dev/secureapi/$artifact/$version"
  base="$dir/$artifact-$version"
  [ -f "$base.pom" ] || fail "$artifact: no pom"
  packaging=$(sed -n 's:.*<packaging>\(.*\)</packaging>.*:\1:p' "$base.pom" | head -1)
  packaging="${packaging:-jar}"
  required=("$base.pom" "$base-cyclonedx.json")
  if [ "$packaging" != "pom" ]; then
    required+=("$base.jar" "$base-sources.jar" "$base-javadoc.jar")
  fi
  for file in "${required[@]}"; do
    [ -s "$file" ] || fail "missing $(basename "$file")"
  done
  grep -q '"bomFormat" *: *"CycloneDX"' "$base-cyclonedx.json" || fail "$artifact: the SBOM is not CycloneDX"
  for element in name description; do
    grep -q "<$element>" "$base.pom" || fail "$artifact: no <$element> in the pom"
  done
  # url, licenses, developers and scm come from the parent (the BOM is flattened and carries them itself)
  if [ "$artifact" = secure-api-parent ] || [ "$artifact" = secure-api-dependencies ]; then
    for element in url licenses developers scm; do
      grep -q "<$element" "$base.pom" || fail "$artifact: no <$element> in the pom"
    done
  fi
  if [ "$artifact" = secure-api-dependencies ]; then
    ! grep -q '<parent>' "$base.pom" || fail "the BOM has a parent: importing it would import the parent's management"
    managed=$(grep -c '<artifactId>secure-api-starter' "$base.pom")
    [ "$managed" = 3 ] || fail "the BOM manages $managed starters, expected 3"
  fi
  for file in "$dir"/*; do
    case "$file" in
      *.asc|*.md5|*.sha1|*.sha256|*.sha512|*/maven-metadata*) continue ;;
    esac
    [ -f "$file.asc" ] || fail "$(basename "$file") is not signed"
    gpg --batch --quiet --verify "$file.asc" "$file" 2>/dev/null || fail "bad signature on $(basename "$file")"
  done
  echo "ok $artifact ($packaging): $(find "$dir" -name '*.asc' | wc -l) signed files"
done

step "consumers, offline: dev.secureapi only from the staged repository"
cat > "$work/settings.xml" <<EOF
<settings>
  <profiles>
    <profile>
      <id>staged-release</id>
      <repositories>
        <repository><id>secure-api-staging</id><url>file://$staging</url></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>secure-api-staging</id><url>file://$staging</url></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>staged-release</activeProfile></activeProfiles>
</settings>
EOF
consumer_repo="$work/consumer-repo"
# offline for every remote repository except file: ones, i.e. except the staging directory
consumer=("$root/mvnw" -B -ntp -o -s "$work/settings.xml" -Daether.offline.protocols=file
  -Dmaven.repo.local="$consumer_repo" -Dmaven.repo.local.tail="$tails")

rm -rf release/bom-consumer/target
"${consumer[@]}" -f release/bom-consumer/pom.xml -Dsecure-api.version="$version" compile
echo "ok release/bom-consumer compiles against the BOM alone"

archetype_plugin=$("${mvn[@]}" -q help:evaluate -Dexpression=archetype.version -DforceStdout)
mkdir "$work/generated"
(cd "$work/generated" && "${consumer[@]}" \
  "org.apache.maven.plugins:maven-archetype-plugin:$archetype_plugin:generate" -DinteractiveMode=false \
  -DarchetypeGroupId=dev.secureapi -DarchetypeArtifactId=secure-api-archetype -DarchetypeVersion="$version" \
  -DgroupId=com.acme -DartifactId=orders-api -Dversion=1.0.0-SNAPSHOT -Dpackage=com.acme.orders)
generated="$work/generated/orders-api"
grep -q "<version>$version</version>" "$generated/pom.xml" || fail "the generated pom does not use $version"
(cd "$generated" && "${consumer[@]}" verify)
ls "$generated"/target/surefire-reports/TEST-*.xml >/dev/null || fail "the generated service ran no tests"

for artifact in secure-api-dependencies secure-api-starter secure-api-starter-ratelimit secure-api-starter-crypto \
    secure-api-archetype secure-api-parent; do
  marker="$consumer_repo/dev/secureapi/$artifact/$version/_remote.repositories"
  grep -q 'secure-api-staging' "$marker" 2>/dev/null || fail "$artifact $version did not come from the staging repository"
done
echo "ok the generated service built and passed its tests against the staged release"

finished=$(date +%s)
echo
echo "DRY RUN PASSED: $version staged in $staging (build $((built - started))s, checks and consumers" \
  "$((finished - built))s, total $((finished - started))s); poms restored to $current_version"
}

main "$@"
