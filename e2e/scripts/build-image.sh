#!/usr/bin/env bash
# Builds the unified image without a container engine (none runs here, and no registry is reachable):
#   1. a Debian rootfs by mmdebstrap from Debian's packages: a Java 17 runtime, tini, procps, the
#      image's user (uid 185): the first layer, cached by its own recipe;
#   2. Spark's jars of the first release in e2e/versions.env, or of SPARK_IMAGE_RELEASE (resolved by install.sh from Maven
#      Central), the suite's SPARK_HOME scripts, the stand-in applications of e2e/spark/standin (the
#      engine, and StandInPi in place of Spark's SparkPi: spark-examples is not on Maven Central)
#      compiled against those jars, spark-tenancy's feature steps (spark-steps/, built by
#      spark-steps/build.sh) among Spark's jars, bootstrap.sh, materialize.sh and our Spark entrypoint
#      (image/spark-entrypoint.sh): the second layer;
#   3. both packed by umoci into an OCI image whose config (user, env, working dir, entrypoint, ports)
#      comes from image/layout.json, the layout image/Dockerfile is tested to agree with; written as an
#      OCI archive (a tar of the OCI layout) that `ctr images import` reads.
# Everything lands in the cache, keyed by a hash of every input: a warm run builds nothing.
#
# Usage: e2e/scripts/build-image.sh IMAGE_REF [MANIFEST]
#   IMAGE_REF  NAME:TAG the archive is tagged with, e.g. registry.example.com/my-project:1.0.0
#              (the spec's `image`: the generated manifests run unchanged)
#   MANIFEST   where to write what was built, as JSON (default: $cache/image/image.json):
#              {"ref","name","tag","archive","digest","spark","scala","key","built","bytes","seconds",
#               "testJob":{"mainClass","resource"}} (the job to submit in place of SparkPi)
# Env: SPARK_TENANCY_CACHE (default ~/.cache/spark-tenancy), SPARK_IMAGE_RELEASE (VERSION:SCALA, one of
# SPARK_VERSIONS; default the first), IMAGE_ENGINE_MAIN_CLASS and
# IMAGE_PROXY_MAIN_CLASS (the main classes baked into the image; the defaults are the stand-ins of e2e/spark/standin).
# Needs root (mmdebstrap's root mode, files owned by uid 185), mmdebstrap, umoci, node and a JDK.
# shellcheck disable=SC2154 # the layout_* variables are read from image/layout.json below
set -euo pipefail
e2e=$(cd "$(dirname "$0")/.." && pwd)
repo=$(dirname "$e2e")
# shellcheck source=../versions.env
. "$e2e/versions.env"
cache=${SPARK_TENANCY_CACHE:-$HOME/.cache/spark-tenancy}
started=$SECONDS

die() { echo "build-image: $*" >&2; exit 1; }
ref=${1:-}
case ${ref##*/} in
  *:*) ;;
  *) die "usage: build-image.sh NAME:TAG [MANIFEST] (e.g. registry.example.com/my-project:1.0.0); got '${ref}'" ;;
esac
name=${ref%:*} tag=${ref##*:}
manifest=${2:-$cache/image/image.json}

[ "$(id -u)" = 0 ] || die "needs root: mmdebstrap builds the rootfs in root mode and files belong to the image's user"
for tool in mmdebstrap umoci node javac jar tar sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install mmdebstrap umoci; a JDK 17 for javac and jar)"
done

layout_file=$repo/image/layout.json
# The layout, as shell variables: layout_<key> (layout_user_uid for user.uid) for strings and numbers,
# arrays for lists, and arrays of "NAME=value" for env objects (layout_env, layout_debian_env).
while IFS=$'\t' read -r key value; do
  declare -n layout_value=${key%'[]'}
  # shellcheck disable=SC2178 # a nameref: an array or a string, as the layout's value is
  case $key in *'[]') layout_value+=("$value") ;; *) layout_value=$value ;; esac
  unset -n layout_value
done < <(node - "$layout_file" <<'JS'
const layout = require(process.argv[2]);
const emit = (prefix, value) => {
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith('$')) continue;
    const name = `${prefix}_${key}`;
    if (Array.isArray(v)) v.forEach(item => console.log(`${name}[]\t${item}`));
    else if (key === 'env') Object.entries(v).forEach(([k, x]) => console.log(`${name}[]\t${k}=${x}`));
    else if (typeof v === 'object') emit(name, v);
    else console.log(`${name}\t${v}`);
  }
};
emit('layout', layout);
JS
)
# (a process substitution's failure does not stop the script: check that the layout arrived)
[ -n "${layout_sparkHome:-}" ] || die "could not read $layout_file"

# The Spark release: the first of SPARK_VERSIONS unless SPARK_IMAGE_RELEASE names another, from the cache install.sh fills.
release=${SPARK_IMAGE_RELEASE:-${SPARK_VERSIONS%% *}}
case " $SPARK_VERSIONS " in *" $release "*) ;; *) die "SPARK_IMAGE_RELEASE=$release is not one of SPARK_VERSIONS ($SPARK_VERSIONS)" ;; esac
spark_version=${release%%:*} scala=${release##*:}
spark_home=$cache/spark/$spark_version
[ -f "$spark_home/.complete" ] || die "Spark $spark_version is not in the cache ($spark_home): run e2e/scripts/install.sh first"
standin_dir=$e2e/spark/standin
engine_main=${IMAGE_ENGINE_MAIN_CLASS:-dev.sparktenancy.e2e.StandInEngine}
proxy_main=${IMAGE_PROXY_MAIN_CLASS:-dev.sparktenancy.e2e.StandInProxy}
app_jar=$layout_appHome/lib/spark-tenancy-e2e.jar
test_job_main=dev.sparktenancy.e2e.StandInPi

# A fixed time for every file and history entry, so the same inputs give the same layers.
export SOURCE_DATE_EPOCH=1735689600

# build_base OUT.tar: the Debian rootfs, with the image's user as image/Dockerfile creates it.
build_base() {
  local packages
  packages=$(IFS=,; echo "${layout_packages[*]},${layout_debian_packages[*]}")
  # No docs, man pages or translations: nothing in the image reads them (man1 stays: the JRE's
  # update-alternatives links its man page there and fails without the folder). The host's resolv.conf and
  # hostname, which mmdebstrap copies in, are removed: the kubelet provides a pod's own.
  # shellcheck disable=SC2016 # "$1" in a hook is the rootfs, expanded by mmdebstrap's own shell
  mmdebstrap --quiet --variant="$layout_debian_variant" --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
    --customize-hook="chroot \"\$1\" groupadd --system --gid $layout_user_gid $layout_user_group" \
    --customize-hook="chroot \"\$1\" useradd --system --uid $layout_user_uid --gid $layout_user_group --home-dir $layout_workDir --no-create-home --shell /usr/sbin/nologin $layout_user_name" \
    --customize-hook='rm -f "$1/etc/resolv.conf" "$1/etc/hostname"' \
    "$layout_debian_suite" "$1"
}

# build_app_tree DIR: Spark, the stand-in application and the scripts, at the layout's paths, owned
# by root (uid 185 reads them but cannot change them) but for the working directory.
build_app_tree() {
  local root=$1 classes
  install -d -m 0755 "$root$layout_sparkJars" "$root$layout_sparkHome/bin" \
    "$root$layout_appHome/lib" "$root$layout_appHome/resources" "$root$(dirname "$layout_materializer")"
  cp "$spark_home"/jars/*.jar "$root$layout_sparkJars/"
  # The feature steps run in Spark's own JVM (the proxy's spark-submit, the engine): on Spark's classpath.
  install -m 0644 "$(bash "$repo/spark-steps/build.sh" --package | tail -n 1)" "$root$layout_sparkJars/spark-tenancy-steps.jar"
  install -m 0755 "$e2e/spark/spark-class" "$e2e/spark/spark-submit" "$root$layout_sparkHome/bin/"
  install -m 0755 "$repo/image/bootstrap.sh" "$root$layout_bootstrap"
  install -m 0755 "$repo/image/materialize.sh" "$root$layout_materializer"
  install -m 0755 "$repo/image/spark-entrypoint.sh" "$root$layout_sparkEntrypoint"
  # The stand-in engine (and whatever else e2e/spark/standin holds), compiled against these jars.
  classes=$(mktemp -d)
  find "$standin_dir" -name '*.java' -print0 | sort -z | xargs -0 javac --release 17 -nowarn -d "$classes" -cp "$spark_home/jars/*"
  jar --create --date="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)" \
    --file "$root$app_jar" -C "$classes" .
  rm -rf "$classes"
  local main
  for main in "$engine_main" "$proxy_main" "$test_job_main"; do
    [ -z "$main" ] || jar --list --file "$root$app_jar" | grep -qxF "${main//.//}.class" ||
      die "main class $main is not in e2e/spark/standin"
  done
  # As image/Dockerfile does: the application's jars in Spark's jars too, for executors to load
  # the application's classes (its closures) with Spark's own.
  cp "$root$app_jar" "$root$layout_sparkJars/"
  install -d -m 0775 -o "$layout_user_uid" -g "$layout_user_gid" "$root$layout_workDir"
}

# layer_tar DIR OUT.tar: an uncompressed layer of DIR's content, reproducible (sorted, fixed times).
layer_tar() {
  tar --create --file "$2" --directory "$1" --sort=name --numeric-owner \
    --mtime="@$SOURCE_DATE_EPOCH" --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime .
}

# pack_image BASE.tar APP.tar OUT.tar: the OCI image of both layers and the layout's config.
pack_image() {
  local oci=$work/oci config=() created
  created=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
  umoci init --layout "$oci"
  umoci new --image "$oci:$tag"
  umoci raw add-layer --image "$oci:$tag" --history.created "$created" --history.created_by "mmdebstrap $layout_debian_suite" "$1"
  umoci raw add-layer --image "$oci:$tag" --history.created "$created" --history.created_by "build-image.sh: Spark $spark_version, the application, the scripts" "$2"
  local env_var port
  for env_var in "${layout_debian_env[@]}" "${layout_env[@]}" "ENGINE_MAIN_CLASS=$engine_main" "PROXY_MAIN_CLASS=$proxy_main"; do
    config+=(--config.env "$env_var")
  done
  for port in "${layout_ports[@]}"; do config+=(--config.exposedports "$port/tcp"); done
  for word in "${layout_entrypoint[@]}"; do config+=(--config.entrypoint "$word"); done
  umoci config --image "$oci:$tag" "${config[@]}" \
    --config.user "$layout_user_uid" --config.workingdir "$layout_workDir" \
    --config.label "org.opencontainers.image.title=$name" --config.label "org.opencontainers.image.version=$tag" \
    --config.label "spark-tenancy.spark.version=$spark_version" --config.label "spark-tenancy.role-env=$layout_roleEnv" \
    --created "$created" --history.created "$created" --history.created_by "build-image.sh: config from image/layout.json"
  # umoci keeps blobs it no longer references (the config before each change).
  umoci gc --layout "$oci"
  tar --create --file "$3" --directory "$oci" --sort=name --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" oci-layout index.json blobs
}

hash_of() { sha256sum | cut -c1-16; }
# What the base depends on: its recipe (this function's text), the packages and user, the tools.
base_key=$( { declare -f build_base; printf '%s\n' "${layout_packages[@]}" "${layout_debian_packages[@]}" \
  "$layout_debian_suite" "$layout_debian_variant" "$layout_user_name:$layout_user_uid:$layout_user_group:$layout_user_gid:$layout_workDir"; \
  mmdebstrap --version; } | hash_of)
# What the image depends on: the base, this script, the layout, every file put in the image (jars by
# name and size: a Maven release's files never change), the JDK that compiles the stand-in, umoci.
image_key=$( { echo "$base_key $ref $engine_main $proxy_main"; cat "$0" "$layout_file" "$repo/image/bootstrap.sh" \
  "$repo/image/materialize.sh" "$repo/image/spark-entrypoint.sh" "$e2e/spark/spark-class" "$e2e/spark/spark-submit"; \
  find "$standin_dir" "$repo/spark-steps/src/main" -name '*.java' -print0 | sort -z | xargs -0 cat; cat "$repo/spark-steps/pom.xml"; \
  find "$spark_home/jars" -name '*.jar' -printf '%f %s\n' | sort; javac -version 2>&1; umoci --version; } | hash_of)

base=$cache/image/base-$base_key.tar
out=$cache/image/$image_key
built=false
if [ ! -f "$out/.complete" ]; then
  built=true
  mkdir -p "$cache/image"
  work=$(mktemp -d "$cache/image/.work.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  if [ ! -f "$base" ]; then
    echo "build-image: Debian $layout_debian_suite rootfs by mmdebstrap (cached as $base)" >&2
    build_base "$work/base.tar"
    mv "$work/base.tar" "$base"
  fi
  echo "build-image: Spark $spark_version (Scala $scala) and the application layer" >&2
  build_app_tree "$work/app"
  layer_tar "$work/app" "$work/app.tar"
  rm -rf "$work/app"
  echo "build-image: packing $ref with umoci" >&2
  pack_image "$base" "$work/app.tar" "$work/image.oci.tar"
  rm -rf "$out" && mkdir -p "$out"
  mv "$work/image.oci.tar" "$out/image.oci.tar"
  touch "$out/.complete"
fi

archive=$out/image.oci.tar
# The manifest's digest: what containerd records for the image, and the report's `image`.
digest=$(tar --extract --to-stdout --file "$archive" index.json | node -e '
  const index = JSON.parse(require("fs").readFileSync(0, "utf8"));
  process.stdout.write(index.manifests[0].digest);')
bytes=$(stat -c %s "$archive")
mkdir -p "$(dirname "$manifest")"
cat > "$manifest" <<JSON
{"ref":"$ref","name":"$name","tag":"$tag","archive":"$archive","digest":"$digest",
 "spark":"$spark_version","scala":"$scala","key":"$image_key","built":$built,"bytes":$bytes,"seconds":$((SECONDS - started)),
 "testJob":{"mainClass":"$test_job_main","resource":"local://$app_jar"}}
JSON
echo "build-image: $ref $digest ($((bytes / 1048576)) MiB, $([ "$built" = true ] && echo built || echo cached) in $((SECONDS - started)) s): $archive" >&2
