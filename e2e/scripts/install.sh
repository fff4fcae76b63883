#!/usr/bin/env bash
# Builds or resolves every real component the real-cluster suite runs, into a cache outside the
# clone (CI clones afresh; the cache survives): ${SPARK_TENANCY_CACHE:-~/.cache/spark-tenancy}.
#   - kube-apiserver, kube-controller-manager, kubectl, and the node's kubelet, kube-proxy and
#     kube-scheduler from k8s.io/kubernetes, CoreDNS from github.com/coredns/coredns,
#     etcd from go.etcd.io/etcd/server/v3, helm from helm.sh/helm/v3, the External Secrets Operator
#     controller (its fake provider among all) from github.com/external-secrets/external-secrets: `go build`
#     of the wrapper modules in e2e/tools/*, keyed by version and Go version, so only the first run pays;
#   - the CRDs of External Secrets Operator and Argo CD, from their Go modules;
#   - Spark's jars per release from Maven Central (Maven's own cache is ~/.m2).
# Writes what it installed as JSON to the path given as $1 (default: the cache's tools.json).
# Fails with one line naming what is missing, or the module or artifact that failed.
set -euo pipefail
e2e=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../versions.env
. "$e2e/versions.env"
cache=${SPARK_TENANCY_CACHE:-$HOME/.cache/spark-tenancy}
manifest=${1:-$cache/tools.json}

missing() { echo "e2e: $1 is missing: $2" >&2; exit 1; }
command -v go >/dev/null || missing go "install Go 1.26 or later (https://go.dev/doc/install; Debian: apt-get install golang)"
command -v java >/dev/null || missing java "install a JDK 17 (Debian: apt-get install openjdk-17-jdk-headless)"
command -v javac >/dev/null || missing javac "install a JDK 17, not only a JRE (Debian: apt-get install openjdk-17-jdk-headless)"
command -v mvn >/dev/null || missing mvn "install Maven 3 (Debian: apt-get install maven)"
command -v openssl >/dev/null || missing openssl "apt-get install openssl"

go_version=$(go env GOVERSION)
# What this run had to build or resolve (empty: everything came from the cache, a warm run).
built=""
mkdir -p "$cache/bin"
log=$cache/install.log
: > "$log"

# build_tools NAME VERSION LDFLAGS PACKAGE... : go build every PACKAGE of e2e/tools/NAME into one
# folder. A binary is named after its package's folder; RENAME="from:to" renames one (etcd's main
# package is go.etcd.io/etcd/server/v3, whose folder is "server"); MODULE=DIR builds from
# e2e/tools/DIR under another cache name. GOTOOLCHAIN=goX.Y.Z builds with that toolchain (fetched once
# from the module proxy) and keys the cache by it.
build_tools() {
  local name=$1 version=$2 ldflags=$3 module=${MODULE:-$1}
  shift 3
  local toolchain_version=$go_version
  if [ -n "${GOTOOLCHAIN:-}" ] && [ "$GOTOOLCHAIN" != local ]; then toolchain_version=$GOTOOLCHAIN; fi
  local out=$cache/bin/$name-$version-$toolchain_version
  if [ -f "$out/.complete" ]; then echo "$out"; return; fi
  local started=$SECONDS staging="$out.partial.$$"
  rm -rf "$staging" && mkdir -p "$staging"
  echo "e2e: building $name $version with $toolchain_version (first run only; cached in $out)" >&2
  if ! (cd "$e2e/tools/$module" && go build -trimpath -ldflags "-s -w $ldflags" -o "$staging/" "$@") >>"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "e2e: go build of $* ($name $version) failed; full log: $log" >&2
    exit 1
  fi
  if [ -n "${RENAME:-}" ]; then mv "$staging/${RENAME%%:*}" "$staging/${RENAME##*:}"; fi
  touch "$staging/.complete"
  rm -rf "$out" && mv "$staging" "$out"
  echo "$name" >> "$cache/.built.$$"
  echo "e2e: built $name in $((SECONDS - started)) s" >&2
  echo "$out"
}

k8s_minor=${KUBERNETES_VERSION#v1.}; k8s_minor=${k8s_minor%%.*}
k8s_ldflags="-X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$k8s_minor -X k8s.io/component-base/version.gitTreeState=clean -X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES_VERSION -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=$k8s_minor"
k8s_bin=$(build_tools kubernetes "$KUBERNETES_VERSION" "$k8s_ldflags" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl)
# The node's binaries come from the same wrapper module, cached under a name of their own so the
# control plane's cached build stays valid when they are added or changed.
k8s_node_bin=$(MODULE=kubernetes build_tools kubernetes-node "$KUBERNETES_VERSION" "$k8s_ldflags" \
  k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-proxy k8s.io/kubernetes/cmd/kube-scheduler)
# The suite's own programs are keyed by a hash of their source instead of a release.
source_hash() { (cd "$e2e" && cat "$@" | sha256sum | cut -c1-12); }
grep -q "^require github.com/coredns/coredns $COREDNS_VERSION\$" "$e2e/tools/coredns/go.mod" \
  || { echo "e2e: e2e/tools/coredns/go.mod does not require CoreDNS $COREDNS_VERSION (versions.env); run go get there" >&2; exit 1; }
coredns_bin=$(build_tools coredns "$COREDNS_VERSION-$(source_hash tools/coredns/main.go tools/coredns/go.sum)" "-X github.com/coredns/coredns/coremain.GitCommit=$COREDNS_VERSION" \
  spark-tenancy.dev/e2e/coredns)
podcheck_bin=$(CGO_ENABLED=0 build_tools podcheck "$(source_hash tools/podcheck/main.go tools/podcheck/go.mod)" "" spark-tenancy.dev/e2e/podcheck)

# The node's image: Kubernetes' own pause (build/pause/linux/pause.c of the same module, static, as
# its Makefile builds it) as the sandbox entrypoint, and podcheck for the stage's pod. No registry:
# packed here as an OCI archive that the node imports into its containerd.
k8s_dir=$(cd "$e2e/tools/kubernetes" && go list -m -f '{{.Dir}}' k8s.io/kubernetes 2>>"$log") \
  || { tail -n 5 "$log" >&2; echo "e2e: cannot find k8s.io/kubernetes in Go's module cache" >&2; exit 1; }
pause_tag=$(sed -n 's/^TAG ?= //p' "$k8s_dir/build/pause/Makefile")
node_image_key=$KUBERNETES_VERSION-$(source_hash scripts/pack-oci.sh)-$(basename "$podcheck_bin")
node_image=$cache/images/node-$node_image_key.tar
node_image_name=spark-tenancy.local/e2e-node:$KUBERNETES_VERSION
if [ ! -f "$node_image" ]; then
  command -v gcc >/dev/null || missing gcc "apt-get install gcc libc6-dev"
  echo "e2e: building the node image (pause $pause_tag and podcheck)" >&2
  rootfs=$(mktemp -d)
  gcc -Os -Wall -Werror -static -DVERSION="v$pause_tag-$KUBERNETES_VERSION" -o "$rootfs/pause" "$k8s_dir/build/pause/linux/pause.c" 2>>"$log" \
    || { tail -n 5 "$log" >&2; echo "e2e: gcc -static of build/pause/linux/pause.c failed (is libc6-dev installed?)" >&2; exit 1; }
  cp "$podcheck_bin/podcheck" "$rootfs/podcheck"
  mkdir -p "$cache/images"
  bash "$e2e/scripts/pack-oci.sh" "$rootfs" "$node_image_name" /pause "$node_image"
  rm -rf "$rootfs"
  echo "node-image" >> "$cache/.built.$$"
fi
etcd_bin=$(RENAME=server:etcd build_tools etcd "$ETCD_VERSION" "" go.etcd.io/etcd/server/v3)
helm_bin=$(build_tools helm "$HELM_VERSION" "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" helm.sh/helm/v3/cmd/helm)
# ESO's own main package (every provider compiled in, the fake one among them), from the Go module
# proxy through the wrapper module that gen-wrapper-module.sh writes.
grep -qE "^require github.com/external-secrets/external-secrets $EXTERNAL_SECRETS_VERSION( // indirect)?\$" "$e2e/tools/external-secrets/go.mod" \
  || { echo "e2e: e2e/tools/external-secrets/go.mod is not for External Secrets $EXTERNAL_SECRETS_VERSION (versions.env); run e2e/scripts/gen-wrapper-module.sh external-secrets" >&2; exit 1; }
eso_bin=$(build_tools external-secrets "$EXTERNAL_SECRETS_VERSION" "" github.com/external-secrets/external-secrets)
# Argo CD's one multicall binary (every component, chosen by ARGOCD_BINARY_NAME), for the GitOps
# stage; v3.6 needs Go 1.27, which `go` fetches from the module proxy (ARGOCD_GOTOOLCHAIN).
grep -qE "^[[:space:]]*github.com/argoproj/argo-cd/v3 $ARGOCD_VERSION( // indirect)?\$" "$e2e/tools/argocd/go.mod" \
  || { echo "e2e: e2e/tools/argocd/go.mod is not for Argo CD $ARGOCD_VERSION (versions.env); run e2e/scripts/gen-wrapper-module.sh argocd" >&2; exit 1; }
argocd_bin=$(GOTOOLCHAIN=$ARGOCD_GOTOOLCHAIN RENAME=cmd:argocd build_tools argocd "$ARGOCD_VERSION" \
  "-X github.com/argoproj/argo-cd/v3/common.version=${ARGOCD_VERSION#v} -X github.com/argoproj/argo-cd/v3/common.gitTag=$ARGOCD_VERSION -X github.com/argoproj/argo-cd/v3/common.gitTreeState=clean" \
  github.com/argoproj/argo-cd/v3/cmd)

# module_dir MODULE@VERSION: the module's source in Go's module cache (downloaded once).
module_dir() {
  local dir
  dir=$(cd "$e2e/tools/kubernetes" && go mod download -json "$1" 2>>"$log" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') || true
  [ -n "$dir" ] && [ -d "$dir" ] || { tail -n 5 "$log" >&2; echo "e2e: cannot download Go module $1" >&2; exit 1; }
  echo "$dir"
}
eso_dir=$(module_dir "github.com/external-secrets/external-secrets@$EXTERNAL_SECRETS_VERSION")
argocd_dir=$(cd "$e2e/tools/argocd" && GOTOOLCHAIN=$ARGOCD_GOTOOLCHAIN go list -m -f '{{.Dir}}' github.com/argoproj/argo-cd/v3 2>>"$log") \
  || { tail -n 5 "$log" >&2; echo "e2e: cannot find github.com/argoproj/argo-cd/v3 in Go's module cache" >&2; exit 1; }
# Argo CD's image puts two of its own scripts beside the binary (its Dockerfile copies hack/gpg-wrapper.sh
# and hack/git-verify-wrapper.sh into /usr/local/bin): its repo-server runs git-verify-wrapper.sh on every
# commit it renders. Taken from the same module, as the image takes them.
for script in gpg-wrapper.sh git-verify-wrapper.sh; do
  [ -f "$argocd_dir/hack/$script" ] || { echo "e2e: $script is missing from Argo CD's module ($argocd_dir/hack)" >&2; exit 1; }
  install -m 0755 "$argocd_dir/hack/$script" "$argocd_bin/$script"
done
crds=(
  "$eso_dir/config/crds/bases/external-secrets.io_externalsecrets.yaml"
  "$eso_dir/config/crds/bases/external-secrets.io_secretstores.yaml"
  "$eso_dir/config/crds/bases/external-secrets.io_clustersecretstores.yaml"
  "$argocd_dir/manifests/crds/application-crd.yaml"
  "$argocd_dir/manifests/crds/applicationset-crd.yaml"
  "$argocd_dir/manifests/crds/appproject-crd.yaml"
)
# The one more CRD the ESO controller itself needs before it starts: its GeneratorState reconciler
# always runs (no flag turns it off) and waits for its kind to be served.
eso_controller_crds=("$eso_dir/config/crds/bases/generators.external-secrets.io_generatorstates.yaml")
for crd in "${crds[@]}" "${eso_controller_crds[@]}"; do [ -f "$crd" ] || { echo "e2e: CRD file $crd is missing from its module" >&2; exit 1; }; done

# Spark: jars of each release, and a SPARK_HOME whose bin/spark-submit does what Spark's own script
# does (bin/spark-submit -> bin/spark-class -> org.apache.spark.launcher.Main builds the java command).
spark_json="" unresolved=""
for entry in $SPARK_VERSIONS ${SPARK_OPTIONAL_VERSIONS:-}; do
  spark_version=${entry%%:*} scala=${entry##*:}
  home=$cache/spark/$spark_version
  optional=false
  case " ${SPARK_OPTIONAL_VERSIONS:-} " in *" $entry "*) optional=true ;; esac
  # Only Maven's definite answer that an optional release is not in the registry ("Could not find
  # artifact") is remembered; any other failure (a time-out, a broken download) is tried again next run.
  if [ "$optional" = true ] && [ -f "$cache/spark/$spark_version.not-found" ]; then
    unresolved="$unresolved${unresolved:+,}{\"version\":\"$spark_version\",\"reason\":\"not-found\"}"
    continue
  fi
  if [ ! -f "$home/.complete" ]; then
    echo "e2e: resolving Spark $spark_version (Scala $scala) from Maven Central" >&2
    rm -rf "$home" && mkdir -p "$home/jars" "$home/bin"
    spark_log=$cache/spark/$spark_version.log
    if ! mvn -q -B -f "$e2e/spark/pom.xml" dependency:copy-dependencies -Dspark.version="$spark_version" \
      -Dscala.binary="$scala" -DincludeScope=runtime -DoutputDirectory="$home/jars" >"$spark_log" 2>&1; then
      cat "$spark_log" >>"$log"
      rm -rf "$home"
      if [ "$optional" = true ]; then
        reason=failed
        if grep -q "Could not find artifact org.apache.spark:" "$spark_log"; then
          reason=not-found
          touch "$cache/spark/$spark_version.not-found"
        fi
        echo "e2e: Spark $spark_version does not resolve from Maven ($reason; optional, reported, not run)" >&2
        unresolved="$unresolved${unresolved:+,}{\"version\":\"$spark_version\",\"reason\":\"$reason\"}"
        continue
      fi
      grep -E 'ERROR|Could not' "$spark_log" | head -n 5 >&2
      echo "e2e: Maven could not resolve org.apache.spark:spark-kubernetes_$scala:$spark_version and its dependencies" >&2
      exit 1
    fi
    rm -f "$spark_log"
    cp "$e2e/spark/spark-class" "$home/bin/spark-class"
    cp "$e2e/spark/spark-submit" "$home/bin/spark-submit"
    chmod +x "$home/bin/"*
    touch "$home/.complete"
    built="$built${built:+,}\"spark-$spark_version\""
  fi
  spark_json="$spark_json${spark_json:+,}{\"version\":\"$spark_version\",\"scala\":\"$scala\",\"home\":\"$home\"}"
done

# build_tools runs in a subshell ($(...)), so it leaves its names in a file.
if [ -f "$cache/.built.$$" ]; then
  while read -r name; do built="$built${built:+,}\"$name\""; done < "$cache/.built.$$"
  rm -f "$cache/.built.$$"
fi
crd_json=$(printf '"%s",' "${crds[@]}")
mkdir -p "$(dirname "$manifest")"
cat > "$manifest" <<JSON
{"kubernetes":"$KUBERNETES_VERSION","etcdVersion":"$ETCD_VERSION","helmVersion":"$HELM_VERSION",
 "externalSecrets":"$EXTERNAL_SECRETS_VERSION","argocd":"$ARGOCD_VERSION","go":"$go_version",
 "coredns":"$COREDNS_VERSION",
 "bin":{"kubeApiserver":"$k8s_bin/kube-apiserver","kubeControllerManager":"$k8s_bin/kube-controller-manager",
        "kubectl":"$k8s_bin/kubectl","etcd":"$etcd_bin/etcd","helm":"$helm_bin/helm",
        "kubelet":"$k8s_node_bin/kubelet","kubeProxy":"$k8s_node_bin/kube-proxy","kubeScheduler":"$k8s_node_bin/kube-scheduler",
        "coredns":"$coredns_bin/coredns","externalSecrets":"$eso_bin/external-secrets","argocd":"$argocd_bin/argocd"},
 "nodeImage":{"archive":"$node_image","name":"$node_image_name","pause":"$pause_tag"},
 "crds":[${crd_json%,}],
 "externalSecretsControllerCrds":[$(printf '"%s",' "${eso_controller_crds[@]}" | sed 's/,$//')],
 "spark":[$spark_json],
 "sparkUnresolved":[$unresolved],
 "built":[$built]}
JSON
echo "e2e: tools ready ($manifest)" >&2
