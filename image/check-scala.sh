#!/bin/sh
# Build-time check of the unified image (image/Dockerfile runs it): the Spark distribution is built
# for the Scala version the build args say, and no application jar (nor a feature step it carries) is
# built for another one. A `_2.12` artifact on a Scala 2.13 Spark fails only at run time, with
# NoSuchMethodError or ClassNotFoundException deep inside a job.
# Usage: check-scala.sh SPARK_JARS_DIR APP_LIB_DIR SCALA_VERSION   (SCALA_VERSION e.g. 2.12)
# POSIX sh: dash, bash and busybox sh. Exit 1 naming every mismatch, 66 when Spark's jars are missing.
set -eu

spark_jars=$1
app_lib=$2
want=$3

# The Scala binary version a jar's file name says it is built for, or nothing:
# scala-library-2.13.8.jar -> 2.13, spark-sql-kafka-0-10_2.12-3.5.1.jar -> 2.12, guava-14.0.1.jar -> (none)
scala_of() {
  case $1 in
    scala-library-*.jar) echo "${1#scala-library-}" | cut -d. -f1,2 ;;
    *) echo "$1" | sed -n 's/.*_\(2\.1[0-9]\)-.*/\1/p' ;;
  esac
}

spark_scala=
for jar in "$spark_jars"/spark-core_*.jar; do
  [ -f "$jar" ] && spark_scala=$(scala_of "${jar##*/}")
done
[ -n "$spark_scala" ] || { echo "check-scala: no spark-core_*.jar in $spark_jars" >&2; exit 66; }
if [ "$spark_scala" != "$want" ]; then
  echo "check-scala: Spark in this image is built for Scala $spark_scala, but SPARK_SCALA_VERSION is $want; set --build-arg SPARK_SCALA_VERSION=$spark_scala" >&2
  exit 1
fi

status=0
for jar in "$app_lib"/*.jar; do
  [ -f "$jar" ] || continue
  name=${jar##*/}
  scala=$(scala_of "$name")
  if [ -n "$scala" ] && [ "$scala" != "$want" ]; then
    echo "check-scala: $name is built for Scala $scala; Spark in this image uses Scala $want: rebuild the application (and its feature steps) for Scala $want" >&2
    status=1
  fi
done
exit "$status"
