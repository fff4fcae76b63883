#!/bin/sh
# config-sync materializer: writes a pod's config files into its shared volumes before the main container starts.
# One implementation, two entry points: the package inlines this file as the `config-sync` init container's
# `sh -c` script, and the image ships it as /opt/spark-tenancy/materialize.sh for `bootstrap.sh sync`.
# POSIX sh (dash, bash, busybox sh); uses only base64, sha256sum, od, tr, mkdir, mv, chmod, cp and rmdir
# (all in coreutils and in busybox).
#
# Arguments are a plan: `version N` first (the plan format; see PLAN_VERSION), then one argument holding
# every operation, one per line, its fields separated by tabs (the spec refuses tabs and line breaks in
# names and paths, so no field holds one; one argument per field cost a YAML list item each in every pod spec):
#   seed FROM_DIR TO_DIR                      copy the image's FROM_DIR into the volume at TO_DIR first
#   env  VAR CHUNKS CHECK MODE TARGET         base64 content in env VAR_0 .. VAR_<CHUNKS-1>
#   file SOURCE CHECK MODE TARGET             copy SOURCE (a mounted ConfigMap or Secret key)
# CHECK is the content's sha256, or for a secret (whose bytes synth never sees) "secret": not empty, or
# "keytab": not empty and starting with 0x05 0x02 (MIT keytab format version 2).
# Every file is staged in the folder .config-sync of its volume (a name no declared file may take) and
# verified first; targets are renamed into place only when all files are good, so a failure never leaves
# a half-written set, and a rerun redoes the same work.
set -eu

STAGING=.config-sync

fail() {
  echo "config-sync: $*" >&2
  exit 1
}

# The plan format this script reads. The package writes its plan for the script it knows (read from
# this line), and the image may carry an older or newer one: they must agree before anything is written.
PLAN_VERSION=2
if [ "${1-}" != version ] || [ "${2-}" != "$PLAN_VERSION" ]; then
  fail "plan format ${2:-unknown} (${1:-no plan}), but this image's materializer reads format $PLAN_VERSION: build the image from the same spark-tenancy release, or set \"materializer: inline\" in the spec"
fi
shift 2
[ "$#" -le 1 ] || fail "plan: format $PLAN_VERSION has all its operations in one argument, got $# arguments"
# The operations' fields become the positional parameters: split on tabs and line breaks only, and
# without globbing (a file name may hold * or ?); seeding globs again afterwards.
if [ "$#" -eq 1 ]; then
  set -f
  tab=$(printf '\t')
  IFS="$tab
"
  # shellcheck disable=SC2086 # splitting the plan into its fields is the point
  set -- $1
  unset IFS
  set +f
fi

staged() {
  printf '%s\n' "${1%/*}/$STAGING/${1##*/}"
}

# Makes a stale staging file from an earlier, failed run writable again (no rm available).
prepare() {
  mkdir -p "${1%/*}"
  if [ -e "$1" ]; then chmod u+w "$1"; fi
}

check_content() {
  # $1 staged file, $2 CHECK (sha256, "secret" or "keytab"), $3 target for messages
  case $2 in
    secret|keytab)
      [ -s "$1" ] || fail "$3: the secret's value is empty (is the key set in the Secret, or in the secret store?)"
      if [ "$2" = keytab ]; then
        magic=$(od -A n -N 2 -t x1 < "$1" | tr -d ' \n')
        [ "$magic" = 0502 ] || fail "$3: not a keytab: it starts with 0x$magic, a keytab starts with 0x0502 (stored base64-encoded? set remoteRef.decodingStrategy)"
      fi ;;
    *)
      actual=$(sha256sum < "$1")
      actual=${actual%% *}
      [ "$actual" = "$2" ] || fail "$3: sha256 mismatch: expected $2, got $actual (payload corrupt or tampered)" ;;
  esac
}

# Copies the image's folder $1 into the volume folder $2 without following links: folders and regular
# files (content and mode bits) are copied; symbolic links, special files and anything named like the
# staging folder are skipped and named, so nothing is written outside the volume or into staging. Owner and times are not kept: on a node the volume root
# belongs to root, and a non-root init container can set neither. A subshell, so recursion keeps its
# own variables.
seed_dir() (
  for entry in "$1"/* "$1"/.[!.]* "$1"/..?*; do
    name=${entry##*/}
    if [ -L "$entry" ]; then
      echo "config-sync: seed: skipped symbolic link $entry"
    elif [ "$name" = "$STAGING" ]; then
      echo "config-sync: seed: skipped $entry (the staging folder's name)"
    elif [ -d "$entry" ]; then
      mkdir -p "$2/$name" || exit 1
      seed_dir "$entry" "$2/$name" || exit 1
    elif [ -f "$entry" ]; then
      cp -f "$entry" "$2/$name" || exit 1
    elif [ -e "$entry" ]; then
      echo "config-sync: seed: skipped special file $entry"
    fi
  done
)

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
  check_content "$tmp" "$sum" "$target"
  chmod "$mode" "$tmp"
}

stage_file() {
  source=$1 sum=$2 mode=$3 target=$4
  [ -f "$source" ] || fail "$target: source $source is missing (is the ConfigMap or Secret key there?)"
  tmp=$(staged "$target")
  prepare "$tmp"
  cp "$source" "$tmp" || fail "$target: cannot read $source"
  check_content "$tmp" "$sum" "$target"
  chmod "$mode" "$tmp"
}

# Pass 1: seed volumes, stage and verify every file.
stage_all() {
  while [ "$#" -gt 0 ]; do
    case $1 in
      seed)
        [ "$#" -ge 3 ] || fail "plan: seed needs FROM_DIR TO_DIR"
        if [ -d "$2" ]; then seed_dir "$2" "$3" || fail "$3: cannot seed from image folder $2"; fi
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

# Renames one staged file onto its target (atomic, on the same volume).
commit_one() {
  mv -f "$(staged "$1")" "$1"
  printf 'config-sync: %s\n' "$1"
}

# The staging folder of a target's volume, once empty, so the main container sees only its files.
remove_staging() {
  dir=$(staged "$1")
  dir=${dir%/*}
  if [ -d "$dir" ]; then rmdir "$dir"; fi
}

# Pass 2: rename every staged file onto its target.
commit_all() {
  count=0
  while [ "$#" -gt 0 ]; do
    case $1 in
      seed) shift 3 ;;
      env) commit_one "$6"; count=$((count + 1)); shift 6 ;;
      file) commit_one "$5"; count=$((count + 1)); shift 5 ;;
    esac
  done
  echo "config-sync: $count file(s) in place"
}

# Pass 3: remove the staging folders, empty now.
clean_all() {
  while [ "$#" -gt 0 ]; do
    case $1 in
      seed) shift 3 ;;
      env) remove_staging "$6"; shift 6 ;;
      file) remove_staging "$5"; shift 5 ;;
    esac
  done
}

stage_all "$@"
commit_all "$@"
clean_all "$@"
