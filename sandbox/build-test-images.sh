#!/usr/bin/env bash
# Builds every container test image and saves it as a tarball:
#   sandbox/build-test-images.sh OUTDIR
# Starts the private engine (engine.sh start), makes the base image (base-image.sh),
# builds submissions/example-container as muraarena/example:latest and each
# sandbox/adversarial/<name> as muraarena/test-<name>:latest, and writes OUTDIR/<name>.tar
# (docker save) for each, plus OUTDIR/example.tar and OUTDIR/example.tar.gz.
# Incremental: an image is rebuilt only when its recipe folder or the base image changed
# (hash kept as the image label muraarena.recipe.hash) and a tarball is re-saved only when
# its image changed (image id kept in OUTDIR/.<name>.stamp). Works from nothing (CI).
# A recipe may share a file with another through a symlink: it is followed, both when hashing
# and when copying the build context.
set -euo pipefail

out=${1:?usage: $0 OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
t_total=$SECONDS
msg() { echo "build-test-images: $*" >&2; }

t=$SECONDS
eval "export $("$here/engine.sh" start | tail -n 1)"
msg "engine ready ($DOCKER_HOST) in $((SECONDS - t)) s"
t=$SECONDS
"$here/base-image.sh"
msg "base image ready in $((SECONDS - t)) s"
base_id=$(docker image inspect muraarena/base:bookworm --format '{{.Id}}')

mkdir -p "$out"
export DOCKER_BUILDKIT=0  # classic builder: needs neither buildx nor any registry

recipe_hash() {  # folder -> hash of its files (paths and contents) and the base image
  (cd "$1" && find -L . -type f ! -name '*.pyc' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
   echo "base $base_id"; echo "recipe-format 1") | sha256sum | cut -c1-16
}

build_one() {  # name folder tag
  local name=$1 dir=$2 tag=$3 hash have t ctx
  hash=$(recipe_hash "$dir")
  have=$(docker image inspect "$tag" --format '{{index .Config.Labels "muraarena.recipe.hash"}}' 2>/dev/null || true)
  if [[ $have == "$hash" ]]; then
    msg "$name: image $tag up to date"
  else
    t=$SECONDS
    ctx=$(mktemp -d /var/tmp/arena-ctx.XXXXXX)
    cp -aL "$dir/." "$ctx/"
    if [[ -x $dir/prebuild.sh ]]; then "$dir/prebuild.sh" "$ctx"; fi
    if ! docker build -q --label "muraarena.recipe.hash=$hash" -t "$tag" "$ctx" >"$ctx.log" 2>&1; then
      cat "$ctx.log" >&2; rm -rf "$ctx" "$ctx.log"; msg "$name: build FAILED"; return 1
    fi
    rm -rf "$ctx" "$ctx.log"
    msg "$name: built $tag in $((SECONDS - t)) s"
  fi
  local id stamp="$out/.$name.stamp" tar="$out/$name.tar"
  id=$(docker image inspect "$tag" --format '{{.Id}}')
  if [[ -s $tar && -f $stamp && $(<"$stamp") == "$id" ]]; then
    msg "$name: $tar up to date"
    return 0
  fi
  t=$SECONDS
  rm -f "$stamp"
  docker save -o "$tar.part" "$tag"
  chmod 0644 "$tar.part"
  mv "$tar.part" "$tar"
  if [[ $name == example ]]; then
    gzip -1 -c "$tar" >"$out/example.tar.gz.part" && mv "$out/example.tar.gz.part" "$out/example.tar.gz"
  fi
  echo "$id" >"$stamp"
  msg "$name: saved $tar ($(( $(stat -c %s "$tar") >> 20 )) MiB) in $((SECONDS - t)) s"
}

build_one example "$repo/submissions/example-container" muraarena/example:latest
for dir in "$here"/adversarial/*/; do
  dir=${dir%/}
  name=$(basename "$dir")
  build_one "$name" "$dir" "muraarena/test-$name:latest"
done
# The example's gzip is written with its tar; make sure it exists even if only the tar did.
if [[ ! -s $out/example.tar.gz ]]; then
  gzip -1 -c "$out/example.tar" >"$out/example.tar.gz.part" && mv "$out/example.tar.gz.part" "$out/example.tar.gz"
fi
msg "total $((SECONDS - t_total)) s"
