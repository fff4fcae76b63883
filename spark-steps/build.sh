#!/usr/bin/env bash
# Builds spark-tenancy's feature steps into one jar, compiled against the oldest Spark line the
# real-cluster suite runs (Spark 3.5, Scala 2.12, fabric8 6), and runs their JUnit tests on that line
# and again on every newer line's classpath (Spark 4.x: Scala 2.13, fabric8 7) against the same
# compiled classes, so the one jar is what every line is tested with. Spark lines: SPARK_VERSIONS
# in e2e/versions.env (the first is the oldest); artifacts through Maven (~/.m2).
#
# Usage: spark-steps/build.sh [--package]
#   --package  only build the jar (the image build does; CI runs the tests in its own step)
# Prints the jar's path on its last line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../e2e/versions.env
. "$here/../e2e/versions.env"
command -v mvn > /dev/null || { echo "spark-steps: mvn is missing: install Maven 3 (Debian: apt-get install maven)" >&2; exit 1; }
read -r -a lines <<< "$SPARK_VERSIONS"
oldest=${lines[0]}
mvn_at() { local entry=$1; shift; mvn -B -f "$here/pom.xml" -Dspark.version="${entry%%:*}" -Dscala.binary="${entry##*:}" "$@"; }

if [ "${1:-}" = --package ]; then
  mvn_at "$oldest" -q package -DskipTests >&2
else
  echo "== feature steps: built and tested against Spark ${oldest%%:*} (Scala ${oldest##*:})" >&2
  mvn_at "$oldest" clean verify >&2
  for entry in "${lines[@]:1}"; do
    echo "== feature steps: the same classes tested on Spark ${entry%%:*} (Scala ${entry##*:})" >&2
    # maven.main.skip keeps the classes compiled above. The tests are compiled again against this
    # line (Maven would keep the stale ones): fabric8's nested builders, which they use, are not
    # binary compatible between 6 and 7, which is why the steps themselves use none.
    rm -rf "$here/target/test-classes"
    mvn_at "$entry" -Dmaven.main.skip=true test >&2
  done
fi
jar=$here/target/spark-tenancy-steps-$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$here/pom.xml" | head -n 1).jar
[ -f "$jar" ] || { echo "spark-steps: $jar was not built" >&2; exit 1; }
echo "$jar"
