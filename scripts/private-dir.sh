# Private directories for demos and sandboxes: sourced, not run (run.sh, pcscd-sandbox.sh,
# cups-sandbox.sh, the integration suites). A root pcscd loads its driver and reader.conf from
# such a directory, so nobody but the caller may have been able to create, replace or link
# anything in it. Details: docs/pcsc-sandbox.md ("Private directories").

# private_dir_check DIR [MODE]: DIR is a directory (not a symbolic link) owned by the caller
# with exactly MODE (default 700). Otherwise says why on stderr and returns 1.
private_dir_check() {
  local dir=$1 want=${2:-700} owner mode
  if [[ -L $dir ]]; then
    echo "$dir is a symbolic link; refusing to use it" >&2
    return 1
  fi
  if [[ ! -d $dir ]]; then
    echo "$dir is not a directory" >&2
    return 1
  fi
  owner=$(stat -c %u -- "$dir") mode=$(stat -c %a -- "$dir")
  if [[ $owner != "$(id -u)" ]]; then
    echo "$dir is owned by $(stat -c %U -- "$dir") (uid $owner), not by $(id -un) (uid $(id -u)); refusing to use it" >&2
    return 1
  fi
  if [[ $mode != "$want" ]]; then
    echo "$dir has mode $mode, not $want; refusing to use it" >&2
    return 1
  fi
}

# private_dir_ensure DIR [MODE]: creates DIR with MODE (default 700) unless it exists, then
# checks it as private_dir_check does. The parent must exist; mkdir does not follow a link
# planted at DIR, and one that is there is refused by the check.
private_dir_ensure() {
  local dir=$1 want=${2:-700}
  private_parent_check "$(dirname -- "$dir")" || return 1
  [[ -e $dir || -L $dir ]] || mkdir -m "$want" -- "$dir" 2>/dev/null || true
  private_dir_check "$dir" "$want"
}

# private_parent_check DIR: nobody but the caller and root can rename or replace entries of
# DIR: it is owned by one of them, and if group or others may write to it, it is sticky (/tmp).
private_parent_check() {
  local dir=$1 owner mode
  owner=$(stat -L -c %u -- "$dir") mode=$(stat -L -c %a -- "$dir") || return 1
  if [[ $owner != "$(id -u)" && $owner != 0 ]]; then
    echo "$dir is owned by $(stat -L -c %U -- "$dir") (uid $owner), who could replace what is in it; refusing to use it" >&2
    return 1
  fi
  if (( 8#$mode & 8#022 )) && ! (( 8#$mode & 8#1000 )); then
    echo "$dir has mode $mode: other users could replace what is in it; refusing to use it" >&2
    return 1
  fi
}

# private_dir_make NAME: prints a new directory NAME.XXXXXXXXXX (mode 0700, made by mktemp -d)
# in $XDG_RUNTIME_DIR when that is the caller's own 0700 directory, else in ${TMPDIR:-/tmp}.
# Never a name another user could guess and create first.
private_dir_make() {
  local base=${TMPDIR:-/tmp}
  if [[ -n ${XDG_RUNTIME_DIR:-} ]] && private_dir_check "$XDG_RUNTIME_DIR" 2>/dev/null; then
    base=$XDG_RUNTIME_DIR
  fi
  local dir
  private_parent_check "$base" || return 1
  dir=$(mktemp -d "$base/$1.XXXXXXXXXX") || return 1
  private_dir_check "$dir" || return 1
  echo "$dir"
}
