#!/usr/bin/env bash
# Builds the .deb with CPack from a build folder and checks it the way a user would meet it:
#   1. its SHA-256 checksum file verifies;
#   2. its files are where it says, with modes 0755 (programs, folders) / 0644 (data), owned by root;
#   3. unpacked into a scratch root, the program there prints its version and imports the bundled
#      sample with the import child beside it;
#   4. as root on a Debian system without a tracescope package already installed: installed with
#      dpkg, every file is in place, the desktop entry validates and the MIME database knows our
#      types, then purged, after which the folders it touched list exactly what they did before.
#   bash packaging/check_package.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: check_package.sh BUILD_DIR}" && pwd)
scratch=$(mktemp -d)
installed_here=0
cleanup() {
  if [ "$installed_here" = 1 ]; then dpkg --purge tracescope >/dev/null 2>&1 || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
fail() { echo "check_package: FAIL: $*" >&2; exit 1; }
say() { echo "check_package: $*"; }

# The package's files: path, mode.
expected=(
  "./usr/bin/tracescope 755"
  "./usr/bin/tracescope-import 755"
  "./usr/share/applications/io.github.tracescope.TraceScope.desktop 644"
  "./usr/share/metainfo/io.github.tracescope.TraceScope.metainfo.xml 644"
  "./usr/share/mime/packages/io.github.tracescope.TraceScope.mime.xml 644"
  "./usr/share/icons/hicolor/scalable/apps/tracescope.svg 644"
  "./usr/share/man/man1/tracescope.1.gz 644"
  "./usr/share/bash-completion/completions/tracescope 644"
  "./usr/share/tracescope/samples/sample.pt.trace.json.gz 644"
)

# 1. Build and checksum.
rm -f "$build"/tracescope_*.deb "$build"/tracescope_*.deb.sha256
# Under a strict umask, so the package's modes cannot depend on the builder's.
(cd "$build" && umask 077 && cpack -G DEB > "$scratch/cpack.log" 2>&1) || { cat "$scratch/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb=$(ls "$build"/tracescope_*.deb)
[ -f "$deb.sha256" ] || fail "no checksum file beside $deb"
(cd "$build" && sha256sum --quiet -c "$(basename "$deb").sha256") || fail "checksum of $deb does not verify"
say "built $(basename "$deb") ($(du -h "$deb" | cut -f1)), checksum verifies"

# 2. Contents, modes and owners, from the archive itself.
dpkg-deb -c "$deb" > "$scratch/contents"
while read -r perms owner _ _ _ path _; do
  [ "$owner" = root/root ] || fail "$path is owned by $owner, not root/root"
  case "$perms" in
    d*) [ "$perms" = drwxr-xr-x ] || fail "folder $path has mode $perms, not drwxr-xr-x" ;;
    -*) [ "$perms" = -rw-r--r-- ] || [ "$perms" = -rwxr-xr-x ] || fail "$path has mode $perms" ;;
    *) fail "$path is neither a file nor a folder ($perms)" ;;
  esac
  case "$path" in ./usr/*|./) ;; *) fail "$path is outside /usr" ;; esac
done < "$scratch/contents"
for entry in "${expected[@]}"; do
  path=${entry% *} mode=${entry##* }
  want=$([ "$mode" = 755 ] && echo -rwxr-xr-x || echo -rw-r--r--)
  grep -qE "^$want .* $path\$" "$scratch/contents" || fail "$path is not in the package with mode $mode"
done
say "${#expected[@]} expected files present with their modes; everything root-owned under /usr"
# The Chinese UI needs a font with Chinese glyphs; the translations themselves are in the binary.
dpkg-deb -f "$deb" Depends | grep -qE '(^|[ ,|])fonts-wqy-microhei' ||
  fail "the package does not depend on a CJK font (Depends: $(dpkg-deb -f "$deb" Depends))"

# 3. Unpacked into a scratch root.
root="$scratch/root"
dpkg-deb -x "$deb" "$root"
version=$("$root/usr/bin/tracescope" --version)
[ "$version" = "tracescope $(dpkg-deb -f "$deb" Version)" ] || fail "unpacked tracescope --version printed '$version'"
json=$(HOME="$scratch/home" "$root/usr/bin/tracescope" --allow-root --import \
  "$root/usr/share/tracescope/samples/sample.pt.trace.json.gz" --cache-dir "$scratch/cache") ||
  fail "the unpacked program could not import its own sample"
case "$json" in *'"slices":'*) ;; *) fail "unexpected import output: $json" ;; esac
say "unpacked: '$version', imports its sample"

# 4. A real install and removal.
if [ "$(id -u)" -ne 0 ] || ! command -v dpkg >/dev/null; then
  say "not root: install and removal skipped"; exit 0
fi
if dpkg-query -W -f='${Status}' tracescope 2>/dev/null | grep -q "install ok installed"; then
  say "a tracescope package is already installed here: install and removal skipped"; exit 0
fi
watched=(/usr/bin /usr/share/applications /usr/share/metainfo /usr/share/mime /usr/share/icons/hicolor
         /usr/share/man/man1 /usr/share/bash-completion /usr/share/tracescope)
# The caches that desktop-file-utils' and GTK's dpkg triggers rebuild from everything installed
# are the system's, not ours: they may appear on the first rebuild and stay.
listing() {
  { find "${watched[@]}" 2>/dev/null || true; } | grep -vxE '/usr/share/applications/mimeinfo.cache|/usr/share/icons/hicolor/icon-theme.cache' | sort
}
listing > "$scratch/before"
installed_here=1
DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" > "$scratch/dpkg.log" 2>&1 || { cat "$scratch/dpkg.log" >&2; fail "dpkg -i failed"; }
for entry in "${expected[@]}"; do
  path=${entry% *} mode=${entry##* }
  path=${path#.}
  [ "$(stat -c %a "$path" 2>/dev/null)" = "$mode" ] || fail "installed $path missing or not mode $mode"
  dpkg -S "$path" >/dev/null 2>&1 || fail "dpkg does not know $path as the package's"
done
[ "$(/usr/bin/tracescope --version)" = "$version" ] || fail "installed tracescope --version differs"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/io.github.tracescope.TraceScope.desktop || fail "installed desktop entry"
fi
if command -v update-mime-database >/dev/null; then
  # shared-mime-info's dpkg trigger compiled our package into the system database.
  [ -f /usr/share/mime/application/x-tracescope-cache.xml ] || fail "the MIME database does not know our types"
fi
if command -v man >/dev/null; then
  [ "$(man -w tracescope)" = /usr/share/man/man1/tracescope.1.gz ] || fail "man -w tracescope"
fi
say "installed with dpkg: files in place, version, desktop entry, MIME types and man page found"
dpkg --purge tracescope > "$scratch/dpkg.log" 2>&1 || { cat "$scratch/dpkg.log" >&2; fail "dpkg --purge failed"; }
installed_here=0
listing > "$scratch/after"
diff "$scratch/before" "$scratch/after" >&2 || fail "removing the package left the above behind"
say "purged: nothing left behind"
