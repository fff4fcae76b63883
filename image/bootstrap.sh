#!/bin/sh
# Entrypoint of the unified spark-tenancy image (runs under tini: ENTRYPOINT tini -- /opt/bootstrap.sh).
# One image, every role; this script only picks the role and `exec`s it, so the JVM (or Spark's
# entrypoint) replaces this shell and receives the signals tini forwards.
# POSIX sh: dash, bash and busybox sh. See docs/image.md.
#
# Roles, checked in this order:
#   sync PLAN...        run the config-sync materializer (the init container's script) with PLAN
#   $ROLE_ENV present   executor: Spark's entrypoint with `executor` (even if the variable is empty)
#   executor ARGS...    the same: Spark starts executor pods with the single arg `executor`
#   driver ARGS...      Spark's entrypoint with Spark's own driver args (cluster-mode driver)
#   proxy ARGS...       java PROXY_MAIN_CLASS with the application jars
#   launch TENANT ARGS... (the proxy's launcher) cluster-mode spark-submit ARGS into TENANT, with the
#                       tenant's Spark ConfigMap read from the API server at launch
#   (none) | engine     spark-submit in client mode: ENGINE_MAIN_CLASS as the Spark driver
#
# Exit codes: 64 unknown role, 66 a file the role needs is missing, 78 the image is misconfigured,
# 127 java not on PATH; otherwise whatever the exec'd program returns.
set -eu

# Every path can be moved (tests point them at a temporary root); the defaults are the image's.
APP_HOME=${APP_HOME:-/my_project}
SPARK_HOME=${SPARK_HOME:-/opt/spark}
SPARK_ENTRYPOINT=${SPARK_ENTRYPOINT:-/opt/entrypoint.sh}
SPARK_CONF_DIR=${SPARK_CONF_DIR:-$SPARK_HOME/conf}
SPARK_TENANCY_MATERIALIZER=${SPARK_TENANCY_MATERIALIZER:-/opt/spark-tenancy/materialize.sh}
SPARK_TENANCY_ROLE_ENV=${SPARK_TENANCY_ROLE_ENV:-MY_PROJECT_EXECUTOR}
JAVA_OPTS=${JAVA_OPTS:-}
SPARK_TENANCY_TENANTS_DIR=${SPARK_TENANCY_TENANTS_DIR:-/opt/spark-tenancy/tenants}
SPARK_TENANCY_SPARK_CONFIGMAP=${SPARK_TENANCY_SPARK_CONFIGMAP:-}
SERVICE_ACCOUNT_DIR=${SERVICE_ACCOUNT_DIR:-/var/run/secrets/kubernetes.io/serviceaccount}

say() {
  echo "bootstrap: $*" >&2
}

die() {
  code=$1
  shift
  say "$*"
  exit "$code"
}

need_file() {
  # $1 path, $2 what it is (for the message)
  [ -f "$1" ] || die 66 "$2 $1 is missing"
}

need_main_class() {
  # $1 variable name, $2 its value
  [ -n "$2" ] || die 78 "$1 is not set (the image bakes it in: docker build --build-arg $1=...)"
}

need_jars() {
  for jar in "$APP_HOME"/lib/*.jar; do
    [ -f "$jar" ] && return 0
  done
  die 66 "no application jar (*.jar) in $APP_HOME/lib"
}

need_java() {
  command -v java > /dev/null 2>&1 || die 127 "java is not on PATH ($PATH)"
}

run_java() {
  # $1 classpath, $2 main class, rest: application args.
  cp=$1 main=$2
  shift 2
  # JAVA_OPTS is split into words on purpose (JAVA_OPTS="-Xmx2g -Dk=v"); no globbing of its words.
  set -f
  # shellcheck disable=SC2086 # deliberate word splitting of JAVA_OPTS, see above
  exec java $JAVA_OPTS -cp "$cp" "$main" "$@"
}

# The engine is a client-mode Spark driver: only spark-submit reads spark-defaults.conf (SparkConf
# itself loads nothing but spark.* system properties). Its classes come from $APP_HOME/lib through
# SPARK_DIST_CLASSPATH (the launcher appends it to the JVM's classpath, and the spec's own
# spark.driver.extraClassPath stays untouched) with Spark's placeholder primary resource
# `spark-internal`: any one jar as the primary resource would also be shipped to every executor,
# which already has all of them in $SPARK_HOME/jars.
run_engine() {
  submit=$SPARK_HOME/bin/spark-submit
  [ -x "$submit" ] || die 66 "spark-submit $submit is missing or not executable"
  need_file "$SPARK_CONF_DIR/spark-defaults.conf" "Spark properties file"
  set -- spark-internal "$@"
  # spark-defaults.conf cannot expand env vars: the pod's own name comes from the downward API.
  if [ -n "${POD_NAME:-}" ]; then
    set -- --conf "spark.kubernetes.driver.pod.name=$POD_NAME" "$@"
  fi
  # The kubelet sets both in every pod; the generated spark.master (kubernetes.default.svc) is the
  # fallback for a pod without them.
  if [ -n "${KUBERNETES_SERVICE_HOST:-}" ] && [ -n "${KUBERNETES_SERVICE_PORT:-}" ]; then
    api_host=$KUBERNETES_SERVICE_HOST
    case $api_host in *:*) api_host="[$api_host]" ;; esac
    set -- --master "k8s://https://$api_host:$KUBERNETES_SERVICE_PORT" "$@"
  fi
  SPARK_DIST_CLASSPATH="${SPARK_DIST_CLASSPATH:+$SPARK_DIST_CLASSPATH:}$APP_HOME/lib/*"
  export SPARK_DIST_CLASSPATH
  # spark-submit's launcher reads SPARK_SUBMIT_OPTS, not JAVA_OPTS: JAVA_OPTS keeps its meaning.
  if [ -n "$JAVA_OPTS" ]; then
    SPARK_SUBMIT_OPTS="${SPARK_SUBMIT_OPTS:+$SPARK_SUBMIT_OPTS }$JAVA_OPTS"
    export SPARK_SUBMIT_OPTS
  fi
  exec "$submit" --deploy-mode client --properties-file "$SPARK_CONF_DIR/spark-defaults.conf" \
    --class "$ENGINE_MAIN_CLASS" "$@"
}

# The API server as the kubelet announces it to every pod (IPv6 literals in brackets).
api_server() {
  [ -n "${KUBERNETES_SERVICE_HOST:-}" ] && [ -n "${KUBERNETES_SERVICE_PORT:-}" ] || return 1
  api_host=$KUBERNETES_SERVICE_HOST
  case $api_host in *:*) api_host="[$api_host]" ;; esac
  printf 'https://%s:%s\n' "$api_host" "$KUBERNETES_SERVICE_PORT"
}

# Prints one key of a ConfigMap's JSON (stdin) decoded, by jq (whatever escapes the API server's JSON
# encoder chose). Exits non-zero when the key is absent or not a string.
configmap_value() {
  jq -j --arg key "$1" '.data[$key] | if type == "string" then . else error("no such key") end'
}

# The proxy's launcher: reads the tenant's Spark ConfigMap (cluster-mode spark-defaults.conf, and the pod
# templates with `delivery: podTemplates`) with the pod's ServiceAccount token, writes them where those defaults point, and runs
# cluster-mode spark-submit with them. Read at every launch, so a tenant added after the proxy started
# works without a restart, and the proxy's pod spec never names a tenant.
run_launch() {
  [ "$#" -ge 1 ] || die 64 "launch needs the tenant namespace: launch TENANT [spark-submit args...]"
  tenant=$1
  shift
  case $tenant in
    '' | *[!a-z0-9-]*) die 64 "launch: '$tenant' is not a namespace name" ;;
  esac
  [ -n "$SPARK_TENANCY_SPARK_CONFIGMAP" ] || die 78 "SPARK_TENANCY_SPARK_CONFIGMAP is not set (the proxy Deployment sets it)"
  submit=$SPARK_HOME/bin/spark-submit
  [ -x "$submit" ] || die 66 "spark-submit $submit is missing or not executable"
  command -v curl > /dev/null 2>&1 || die 78 "curl is not on PATH: the launcher reads the tenant's ConfigMap with it"
  command -v jq > /dev/null 2>&1 || die 78 "jq is not on PATH: the launcher decodes the tenant's ConfigMap with it"
  server=$(api_server) || die 78 "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set (not in a pod?)"
  need_file "$SERVICE_ACCOUNT_DIR/token" "ServiceAccount token"
  need_file "$SERVICE_ACCOUNT_DIR/ca.crt" "cluster CA"
  dir=$SPARK_TENANCY_TENANTS_DIR/$tenant
  mkdir -p "$dir/conf" "$dir/pod-templates"
  json=$dir/.configmap.json
  url="$server/api/v1/namespaces/$tenant/configmaps/$SPARK_TENANCY_SPARK_CONFIGMAP"
  # The token is read by curl from a header file, never put on a command line (visible in ps).
  header=$dir/.authorization
  ( umask 077; printf 'Authorization: Bearer %s\n' "$(cat "$SERVICE_ACCOUNT_DIR/token")" > "$header" )
  # The API server pretty-prints JSON for a curl user agent; compact JSON is smaller.
  status=$(curl -sS -o "$json" -w '%{http_code}' --cacert "$SERVICE_ACCOUNT_DIR/ca.crt" -H @"$header" \
    -A spark-tenancy-launch -H 'Accept: application/json' "$url?pretty=false") || die 69 "launch: cannot reach the API server at $server"
  rm -f "$header"
  case $status in
    200) ;;
    404) die 66 "launch: no ConfigMap $SPARK_TENANCY_SPARK_CONFIGMAP in namespace $tenant (is $tenant a tenant, and applied?)" ;;
    403) die 77 "launch: the proxy may not read $tenant/$SPARK_TENANCY_SPARK_CONFIGMAP (HTTP 403: is the tenant's submitter RoleBinding applied?)" ;;
    *) die 69 "launch: GET $url answered HTTP $status" ;;
  esac
  # Each file written beside its target and renamed: a launch running at the same time reads whole files.
  # The pod templates are there only with `delivery: podTemplates`; by default the feature steps in
  # Spark's jars add what the templates would (their fragments are in the defaults).
  write_configmap_key "$json" cluster-spark-defaults.conf "$dir/conf/spark-defaults.conf" \
    || die 66 "launch: $tenant/$SPARK_TENANCY_SPARK_CONFIGMAP has no readable key cluster-spark-defaults.conf"
  templates=
  for role in driver executor; do
    if write_configmap_key "$json" "$role-template.yaml" "$dir/pod-templates/$role-template.yaml"; then
      templates="$role $templates"
    else
      rm -f "$dir/pod-templates/$role-template.yaml"
    fi
  done
  rm -f "$json"
  # Spark copies SPARK_CONF_DIR's files into the driver's ConfigMap: the tenant's, not the image's.
  SPARK_CONF_DIR=$dir/conf
  export SPARK_CONF_DIR
  # The defaults point the templates at $SPARK_TENANCY_TENANTS_DIR's default; these flags say where they are.
  for role in $templates; do
    set -- --conf "spark.kubernetes.$role.podTemplateFile=$dir/pod-templates/$role-template.yaml" "$@"
  done
  exec "$submit" --master "k8s://$server" --deploy-mode cluster --properties-file "$dir/conf/spark-defaults.conf" "$@"
}

# Writes one key of a ConfigMap's JSON ($1) to $3, beside it first and then renamed; fails (writing
# nothing, and leaving the message to the caller) when the key is absent.
write_configmap_key() {
  set +e
  configmap_value "$2" < "$1" > "$3.$$" 2> /dev/null
  got=$?
  set -e
  if [ "$got" -ne 0 ]; then
    rm -f "$3.$$"
    return 1
  fi
  mv -f "$3.$$" "$3"
}

spark_entrypoint() {
  need_file "$SPARK_ENTRYPOINT" "Spark entrypoint"
  [ -x "$SPARK_ENTRYPOINT" ] || die 66 "Spark entrypoint $SPARK_ENTRYPOINT is not executable"
  exec "$SPARK_ENTRYPOINT" "$@"
}

# The role variable's name comes from the image (ROLE_ENV build arg); it is expanded with eval, so
# it must be a plain variable name.
case $SPARK_TENANCY_ROLE_ENV in
  *[!A-Za-z0-9_]* | [0-9]*)
    die 78 "SPARK_TENANCY_ROLE_ENV='$SPARK_TENANCY_ROLE_ENV' is not a valid variable name" ;;
esac
eval "role_env_present=\${$SPARK_TENANCY_ROLE_ENV+yes}"

# 1. sync first: the init container of any pod (executor pods included) may carry the role variable.
if [ "${1-}" = sync ]; then
  shift
  need_file "$SPARK_TENANCY_MATERIALIZER" "config-sync materializer"
  exec /bin/sh "$SPARK_TENANCY_MATERIALIZER" "$@"
fi

# 2. Executor: Spark starts executor pods with the single arg `executor`; the role variable (set by
#    spark.executorEnv.<ROLE_ENV>) is what marks them, so its presence wins over any arg.
if [ -n "$role_env_present" ]; then
  if [ "${1-}" = executor ]; then shift; fi
  spark_entrypoint executor "$@"
fi

case ${1-engine} in
  executor)
    # An executor pod whose role variable is missing (a template without spark.executorEnv).
    shift
    spark_entrypoint executor "$@" ;;
  driver)
    # Cluster-mode driver launched by spark-submit: `driver --properties-file ... --class ... spark-internal`.
    spark_entrypoint "$@" ;;
  launch)
    shift
    run_launch "$@" ;;
  proxy)
    shift
    need_main_class PROXY_MAIN_CLASS "${PROXY_MAIN_CLASS:-}"
    need_jars
    need_java
    run_java "$APP_HOME/lib/*" "$PROXY_MAIN_CLASS" "$@" ;;
  engine)
    if [ "$#" -gt 0 ]; then shift; fi
    need_main_class ENGINE_MAIN_CLASS "${ENGINE_MAIN_CLASS:-}"
    need_jars
    run_engine "$@" ;;
  *)
    die 64 "unknown role '$1'; valid roles: engine (the default, no args), proxy, launch, driver, sync," \
      "and executor (the arg \`executor\`, or \$$SPARK_TENANCY_ROLE_ENV set)" ;;
esac
