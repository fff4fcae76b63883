#!/usr/bin/env bash
# Imports the image build-image.sh made into a running containerd, under its full name, so that a
# kubelet (CRI, namespace k8s.io) finds it without a registry: with imagePullPolicy IfNotPresent (the
# default for a tagged image, and the generated manifests set none) the pods run it unchanged.
# Usage: e2e/scripts/import-image.sh SOCKET [IMAGE_MANIFEST] [NAMESPACE]
#   SOCKET          containerd's gRPC socket (its config's grpc.address)
#   IMAGE_MANIFEST  build-image.sh's JSON (default: $cache/image/image.json)
#   NAMESPACE       containerd namespace (default k8s.io, the CRI plugin's)
# Prints the image as containerd lists it (name, digest); exits non-zero if it is not there after.
set -euo pipefail
cache=${SPARK_TENANCY_CACHE:-$HOME/.cache/spark-tenancy}
socket=${1:?usage: import-image.sh SOCKET [IMAGE_MANIFEST] [NAMESPACE]}
image_manifest=${2:-$cache/image/image.json}
namespace=${3:-k8s.io}
command -v ctr >/dev/null || { echo "import-image: ctr is missing (apt-get install containerd)" >&2; exit 1; }
[ -S "$socket" ] || { echo "import-image: $socket is not a socket (is containerd running?)" >&2; exit 1; }
[ -f "$image_manifest" ] || { echo "import-image: $image_manifest is missing: run e2e/scripts/build-image.sh first" >&2; exit 1; }

field() { node -e 'process.stdout.write(String(require(process.argv[1])[process.argv[2]]))' "$image_manifest" "$1"; }
ref=$(field ref) name=$(field name) archive=$(field archive) digest=$(field digest)

# The OCI archive names the image by its tag only (org.opencontainers.image.ref.name: umoci's tag);
# --base-name makes that NAME:TAG (containerd 1.6: tag-only refs get the base name prepended). The
# layers are unpacked into the default snapshotter now, so the first pod does not wait for it.
ctr --address "$socket" --namespace "$namespace" images import --base-name "$name" "$archive" >&2
listed=$(ctr --address "$socket" --namespace "$namespace" images list "name==$ref")
echo "$listed"
grep -q "$digest" <<< "$listed" || {
  echo "import-image: containerd ($socket, namespace $namespace) does not list $ref with $digest after the import" >&2
  exit 1
}
