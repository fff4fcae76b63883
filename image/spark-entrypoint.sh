#!/bin/bash
# Spark's Kubernetes entrypoint (/opt/entrypoint.sh) for the image that e2e/scripts/build-image.sh
# builds without a Docker daemon. Spark ships its entrypoint.sh only inside its binary distribution
# and its official images, neither of which this project can download (Maven Central has only jars),
# so this is our own script doing what Spark's does for the roles bootstrap.sh hands to it
# (apache/spark-docker entrypoint.sh.template, the script of the official spark:3.5.x images that
# image/Dockerfile copies):
#   driver ARGS...    spark-submit in client mode inside the driver pod, bound to the pod's address
#   executor          KubernetesExecutorBackend, configured by the SPARK_EXECUTOR_* env vars
#                     Spark's scheduler sets on executor pods
#   anything else     run as given
# Spark's pod spec feature steps set the variables read here; their names and meaning are Spark's.
set -eo pipefail
# tini's path can be moved only for tests (test/image/spark-entrypoint.test.ts); the image's is the default.
TINI=${SPARK_TENANCY_TINI:-/usr/bin/tini}

# Hadoop's UserGroupInformation fails for a uid without a passwd entry (a random uid from an
# OpenShift-style policy); like Spark's script, give such a uid one through libnss_wrapper.
ensure_passwd_entry() {
  local uid gid wrapper
  uid=$(id -u)
  getent passwd "$uid" > /dev/null 2>&1 && return 0
  gid=$(id -g)
  for wrapper in /usr/lib/*/libnss_wrapper.so /usr/lib/libnss_wrapper.so /lib/*/libnss_wrapper.so; do
    [ -s "$wrapper" ] || continue
    NSS_WRAPPER_PASSWD=$(mktemp)
    NSS_WRAPPER_GROUP=$(mktemp)
    export LD_PRELOAD=$wrapper NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
    printf 'spark:x:%s:%s:%s:%s:/bin/false\n' "$uid" "$gid" "${SPARK_USER_NAME:-anonymous uid}" "$SPARK_HOME" > "$NSS_WRAPPER_PASSWD"
    printf 'spark:x:%s:\n' "$gid" > "$NSS_WRAPPER_GROUP"
    return 0
  done
  echo "entrypoint: uid $uid has no passwd entry and libnss_wrapper is not installed" >&2
}

# Started as root (a pod without runAsUser): drop to the image's user (image/layout.json `user`), as
# Spark's script does with gosu; setpriv is util-linux's, in every Debian.
as_image_user() {
  if [ "$(id -u)" -eq 0 ]; then
    exec setpriv --reuid=spark --regid=spark --init-groups "$@"
  fi
  exec "$@"
}

if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(java -XshowSettings:properties -version 2>&1 > /dev/null | sed -n 's/^ *java\.home = //p')
fi

# The executor's classpath, in Spark's order: conf dir, Hadoop conf dir, SPARK_CLASSPATH (from
# spark.executor.extraClassPath), Spark's jars, SPARK_EXTRA_CLASSPATH, then the working directory
# (SPARK-43540: files that spark.files ships there), and SPARK_DIST_CLASSPATH last.
SPARK_CLASSPATH="${SPARK_CLASSPATH:-}:${SPARK_HOME}/jars/*"
if [ -n "${SPARK_EXTRA_CLASSPATH:-}" ]; then
  SPARK_CLASSPATH="$SPARK_CLASSPATH:$SPARK_EXTRA_CLASSPATH"
fi
# Only exported when set: an empty PYSPARK_PYTHON would mean "no python" to PySpark.
if [ -n "${PYSPARK_PYTHON+x}" ]; then export PYSPARK_PYTHON; fi
if [ -n "${PYSPARK_DRIVER_PYTHON+x}" ]; then export PYSPARK_DRIVER_PYTHON; fi
# A Hadoop installation (none in this image) provides its jars unless the image already chose some.
if [ -n "${HADOOP_HOME:-}" ] && [ -z "${SPARK_DIST_CLASSPATH:-}" ]; then
  SPARK_DIST_CLASSPATH=$("$HADOOP_HOME/bin/hadoop" classpath)
  export SPARK_DIST_CLASSPATH
fi
if [ -n "${HADOOP_CONF_DIR+x}" ]; then
  SPARK_CLASSPATH="$HADOOP_CONF_DIR:$SPARK_CLASSPATH"
fi
if [ -n "${SPARK_CONF_DIR+x}" ]; then
  SPARK_CLASSPATH="$SPARK_CONF_DIR:$SPARK_CLASSPATH"
else
  SPARK_CLASSPATH="$SPARK_HOME/conf:$SPARK_CLASSPATH"
fi
SPARK_CLASSPATH="$SPARK_CLASSPATH:$PWD"

# Spark passes the executor's JVM options one per variable, SPARK_JAVA_OPT_0, _1, ... in order.
# Sorted by number (a name sort would put _10 before _2), each value one word.
SPARK_EXECUTOR_JAVA_OPTS=()
while IFS= read -r name; do
  SPARK_EXECUTOR_JAVA_OPTS+=("${!name}")
done < <(compgen -v SPARK_JAVA_OPT_ | sed -n 's/^SPARK_JAVA_OPT_\([0-9][0-9]*\)$/\1 &/p' | sort -n | cut -d' ' -f2)

case "${1-}" in
  driver)
    shift
    ensure_passwd_entry
    # tini -s: a subreaper under the container's PID 1, reaping whatever the JVM leaves behind.
    as_image_user "$TINI" -s -- "$SPARK_HOME/bin/spark-submit" \
      --conf "spark.driver.bindAddress=${SPARK_DRIVER_BIND_ADDRESS:-}" \
      --conf "spark.executorEnv.SPARK_DRIVER_POD_IP=${SPARK_DRIVER_BIND_ADDRESS:-}" \
      --deploy-mode client \
      "$@"
    ;;
  executor)
    shift
    ensure_passwd_entry
    as_image_user "$TINI" -s -- "$JAVA_HOME/bin/java" \
      "${SPARK_EXECUTOR_JAVA_OPTS[@]}" \
      -Xms"${SPARK_EXECUTOR_MEMORY:-}" -Xmx"${SPARK_EXECUTOR_MEMORY:-}" \
      -cp "$SPARK_CLASSPATH:${SPARK_DIST_CLASSPATH:-}" \
      org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend \
      --driver-url "${SPARK_DRIVER_URL:-}" \
      --executor-id "${SPARK_EXECUTOR_ID:-}" \
      --cores "${SPARK_EXECUTOR_CORES:-}" \
      --app-id "${SPARK_APPLICATION_ID:-}" \
      --hostname "${SPARK_EXECUTOR_POD_IP:-}" \
      --resourceProfileId "${SPARK_RESOURCE_PROFILE_ID:-}" \
      --podName "${SPARK_EXECUTOR_POD_NAME:-}"
    ;;
  *)
    ensure_passwd_entry
    # Not a Spark-on-Kubernetes role: pass through, as Spark's script does.
    exec "$@"
    ;;
esac
