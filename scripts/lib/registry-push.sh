# Pushes small, deterministic images to a registry over the distribution HTTP API with curl + sha256sum.
# Layers are a few bytes of text (the registry stores blobs by digest and never unpacks them), so the same
# script always produces the same digests. Needs: REG (e.g. http://127.0.0.1:5000) and WORK (a scratch folder).

OCI_INDEX=application/vnd.oci.image.index.v1+json
OCI_MANIFEST=application/vnd.oci.image.manifest.v1+json

sha256_of() { echo "sha256:$(sha256sum "$1" | cut -d' ' -f1)"; }

# push_blob REPO FILE — monolithic upload (POST, then PUT ?digest=); prints the digest.
push_blob() {
  local repo="$1" file="$2" digest location separator
  digest="$(sha256_of "$file")"
  location="$(curl -fsS -X POST -D - -o /dev/null "$REG/v2/$repo/blobs/uploads/" | tr -d '\r' | awk 'tolower($1) == "location:" { print $2 }')"
  case "$location" in http*) ;; *) location="$REG$location" ;; esac
  case "$location" in *\?*) separator='&' ;; *) separator='?' ;; esac
  curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary @"$file" -o /dev/null "$location${separator}digest=$digest"
  echo "$digest"
}

# push_manifest REPO REFERENCE MEDIA_TYPE FILE — prints the digest.
push_manifest() {
  curl -fsS -X PUT -H "Content-Type: $3" --data-binary @"$4" -o /dev/null "$REG/v2/$1/manifests/$2"
  sha256_of "$4"
}

# push_image REPO TAG OS ARCH LABEL — a single-platform image under TAG ("-": untagged); prints "DIGEST SIZE".
push_image() {
  local repo="$1" tag="$2" os="$3" arch="$4" label="$5" base layer config manifest
  base="$WORK/$(echo "$repo-$os-$arch-$label" | tr '/:' '__')"
  printf 'refreshbot sample layer: %s %s/%s %s\n' "$repo" "$os" "$arch" "$label" > "$base.layer"
  layer="$(push_blob "$repo" "$base.layer")"
  printf '{"architecture":"%s","os":"%s","rootfs":{"type":"layers","diff_ids":["%s"]}}' "$arch" "$os" "$layer" > "$base.config"
  config="$(push_blob "$repo" "$base.config")"
  printf '{"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":%d}]}' \
    "$OCI_MANIFEST" "$config" "$(stat -c %s "$base.config")" "$layer" "$(stat -c %s "$base.layer")" > "$base.manifest"
  if [ "$tag" = "-" ]; then tag="$(sha256_of "$base.manifest")"; fi
  manifest="$(push_manifest "$repo" "$tag" "$OCI_MANIFEST" "$base.manifest")"
  echo "$manifest $(stat -c %s "$base.manifest")"
}

# push_index REPO TAG "os/arch=DIGEST SIZE" ... — an index over pushed images, under TAG; prints its digest.
push_index() {
  local repo="$1" tag="$2" entries="" entry platform digest size file
  shift 2
  for entry in "$@"; do
    platform="${entry%%=*}"; digest="${entry#*=}"; size="${digest#* }"; digest="${digest%% *}"
    entries="$entries${entries:+,}{\"mediaType\":\"$OCI_MANIFEST\",\"digest\":\"$digest\",\"size\":$size,\"platform\":{\"architecture\":\"${platform#*/}\",\"os\":\"${platform%%/*}\"}}"
  done
  file="$WORK/$(echo "$repo-$tag" | tr '/:' '__').index"
  printf '{"schemaVersion":2,"mediaType":"%s","manifests":[%s]}' "$OCI_INDEX" "$entries" > "$file"
  push_manifest "$repo" "$tag" "$OCI_INDEX" "$file"
}
