#!/usr/bin/env bash
# pack-oci.sh ROOTFS NAME ENTRYPOINT OUT: packs the folder ROOTFS as a one-layer OCI image archive
# (an OCI image layout in a tar) named NAME, so `ctr images import` gives it that name in containerd
# with no registry and no daemon. Reproducible: fixed owners and times, sorted entries, gzip -n.
set -euo pipefail
rootfs=$1 name=$2 entrypoint=$3 out=$4
layout=$(mktemp -d)
trap 'rm -rf "$layout"' EXIT
mkdir -p "$layout/blobs/sha256"
blob() { # blob FILE: moves FILE into the layout under its digest; prints "DIGEST SIZE"
  local digest size
  digest=$(sha256sum "$1" | cut -d' ' -f1)
  size=$(stat -c %s "$1")
  mv "$1" "$layout/blobs/sha256/$digest"
  echo "$digest $size"
}
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$rootfs" -cf "$layout/layer.tar" .
diff_id=$(sha256sum "$layout/layer.tar" | cut -d' ' -f1)
gzip -n "$layout/layer.tar"
read -r layer_digest layer_size < <(blob "$layout/layer.tar.gz")
printf '{"architecture":"amd64","os":"linux","config":{"Entrypoint":["%s"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
  "$entrypoint" "$diff_id" > "$layout/config.json"
read -r config_digest config_size < <(blob "$layout/config.json")
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
  "$config_digest" "$config_size" "$layer_digest" "$layer_size" > "$layout/manifest.json"
read -r manifest_digest manifest_size < <(blob "$layout/manifest.json")
# containerd names an imported image after io.containerd.image.name; other tools read ref.name (the tag).
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"amd64","os":"linux"},"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
  "$manifest_digest" "$manifest_size" "$name" "${name##*:}" > "$layout/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$layout" -cf "$out.partial" oci-layout index.json blobs
mv "$out.partial" "$out"
