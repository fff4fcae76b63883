#!/bin/sh
# config-sync materializer: writes a pod's config files into its shared volumes before the main container starts.
# One implementation, two entry points: the package inlines this file as the `config-sync` init container's
# `sh -c` script, and the image ships it as /opt/spark-tenancy/materialize.sh for `bootstrap.sh sync`.
# POSIX sh (dash, bash, busybox sh); uses only base64, sha256sum, mkdir, mv, chmod and cp.
#
# Arguments are a plan, one operation after another:
#   seed FROM_DIR TO_DIR                      copy the image's FROM_DIR into the volume at TO_DIR first
#   env  VAR CHUNKS SHA256 MODE TARGET        base64 content in env VAR_0 .. VAR_<CHUNKS-1>
#   file SOURCE SHA256 MODE TARGET            copy SOURCE (a mounted ConfigMap or Secret key); SHA256 "-" skips the check
# Every file is staged next to its target and verified first; targets are renamed into place only when all
# files are good, so a failure never leaves a half-written set, and a rerun redoes the same work.
set -eu

fail() {
  echo "config-sync: $*" >&2
  exit 1
}

staged() {
  dir=${1%/*}
  echo "$dir/.${1##*/}.config-sync"
}

# Makes a stale staging file from an earlier, failed run writable again (no rm available).
prepare() {
  mkdir -p "${1%/*}"
  if [ -e "$1" ]; then chmod u+w "$1"; fi
}

check_sum() {
  # $1 staged file, $2 expected sha256 or "-", $3 target for messages
  [ "$2" = "-" ] && return 0
  actual=$(sha256sum < "$1")
  actual=${actual%% *}
  [ "$actual" = "$2" ] || fail "$3: sha256 mismatch: expected $2, got $actual (payload corrupt or tampered)"
}

stage_env() {
  var=$1 chunks=$2 sum=$3 mode=$4 target=$5
  case $var in *[!A-Za-z0-9_]*|[0-9]*|'') fail "$target: invalid variable name '$var'" ;; esac
  i=0
  while [ "$i" -lt "$chunks" ]; do
    isset=
    eval "isset=\${${var}_$i+set}"
    [ "$isset" = set ] || fail "$target: missing env var ${var}_$i"
    i=$((i + 1))
  done
  tmp=$(staged "$target")
  prepare "$tmp"
  i=0
  while [ "$i" -lt "$chunks" ]; do
    eval "printf '%s' \"\${${var}_$i}\""
    i=$((i + 1))
  done | base64 -d > "$tmp" || fail "$target: env ${var}_* is not valid base64"
  check_sum "$tmp" "$sum" "$target"
  chmod "$mode" "$tmp"
}

stage_file() {
  source=$1 sum=$2 mode=$3 target=$4
  [ -f "$source" ] || fail "$target: source $source is missing (is the ConfigMap or Secret key there?)"
  tmp=$(staged "$target")
  prepare "$tmp"
  cp "$source" "$tmp" || fail "$target: cannot read $source"
  check_sum "$tmp" "$sum" "$target"
  chmod "$mode" "$tmp"
}

# Pass 1: seed volumes, stage and verify every file.
stage_all() {
  while [ "$#" -gt 0 ]; do
    case $1 in
      seed)
        [ "$#" -ge 3 ] || fail "plan: seed needs FROM_DIR TO_DIR"
        if [ -d "$2" ]; then cp -R -p -f "$2/." "$3/" || fail "$3: cannot seed from image folder $2"; fi
        shift 3 ;;
      env)
        [ "$#" -ge 6 ] || fail "plan: env needs VAR CHUNKS SHA256 MODE TARGET"
        stage_env "$2" "$3" "$4" "$5" "$6"
        shift 6 ;;
      file)
        [ "$#" -ge 5 ] || fail "plan: file needs SOURCE SHA256 MODE TARGET"
        stage_file "$2" "$3" "$4" "$5"
        shift 5 ;;
      *) fail "plan: unknown operation '$1'" ;;
    esac
  done
}

# Pass 2: rename every staged file onto its target (atomic per file, on the same volume).
commit_all() {
  count=0
  while [ "$#" -gt 0 ]; do
    case $1 in
      seed) shift 3 ;;
      env) mv -f "$(staged "$6")" "$6"; echo "config-sync: $6"; count=$((count + 1)); shift 6 ;;
      file) mv -f "$(staged "$5")" "$5"; echo "config-sync: $5"; count=$((count + 1)); shift 5 ;;
    esac
  done
  echo "config-sync: $count file(s) in place"
}

stage_all "$@"
commit_all "$@"
