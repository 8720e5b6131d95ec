#!/usr/bin/env bash
# Prepares the kernel lane: a stock Debian kernel with vgem, booted under qemu (TCG), runs
# scenarios through kernel-lane/executor.c. Everything lands in a cache folder, so a second
# run only checks it.
#   scripts/kernel-lane.sh [CACHE]        default CACHE: .cache/kernel-lane
# Then: ./primeprops kernel --cache CACHE
# Installs qemu-system-x86, busybox-static and cpio with apt-get when missing (needs root).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cache="$(realpath -m "${1:-$repo/.cache/kernel-lane}")"
mkdir -p "$cache"
say() { echo "kernel-lane: $*" >&2; }
die() { say "$*"; exit 1; }

# 1. host tools
missing=()
command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
[ -f /usr/share/qemu/qboot.rom ] || missing+=(qemu-system-data)
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
command -v cpio >/dev/null || missing+=(cpio)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]} (run as root, or: apt-get install -y --no-install-recommends ${missing[*]})"
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
for tool in gcc python3 dpkg-deb apt-get gzip; do
  command -v "$tool" >/dev/null || die "missing tool: $tool"
done

# 2. kernel: the ABI the linux-image-amd64 metapackage points at today (Debian keeps only the current one)
if [ ! -f "$cache/vmlinux" ] || [ ! -f "$cache/kernel-abi" ]; then
  resolve_abi() { apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{sub("linux-image-","",$2);print $2; exit}'; }
  abi=$(resolve_abi)
  if [ -z "$abi" ] && [ "$(id -u)" = 0 ]; then apt-get update -qq; abi=$(resolve_abi); fi # a fresh machine has no package lists yet
  [ -n "$abi" ] || die "cannot resolve the kernel ABI from linux-image-amd64 (run apt-get update as root)"
  say "kernel linux-image-$abi"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && apt-get download -qq "linux-image-$abi") || die "apt-get download linux-image-$abi failed"
  mods="./lib/modules/$abi/kernel/drivers/gpu/drm"
  dpkg-deb --fsys-tarfile "$work"/linux-image-"$abi"_*.deb | tar -x -C "$work" "./boot/vmlinuz-$abi" \
    "$mods/drm.ko" "$mods/drm_shmem_helper.ko" "$mods/vgem/vgem.ko" || die "the package lacks vmlinuz or the drm/vgem modules"
  mkdir -p "$cache/modules"
  cp "$work/$mods/drm.ko" "$work/$mods/drm_shmem_helper.ko" "$work/$mods/vgem/vgem.ko" "$cache/modules/"
  # The raw ELF vmlinux inside the xz bzImage boots through its PVH note, which skips the
  # guest's xz decompression (about 4 s under TCG).
  python3 - "$work/boot/vmlinuz-$abi" "$cache/vmlinux" <<'PY'
import lzma, sys
data = open(sys.argv[1], 'rb').read()
start = data.find(b'\xfd7zXZ\x00')
if start < 0:
    sys.exit('no xz stream in ' + sys.argv[1])
open(sys.argv[2], 'wb').write(lzma.LZMADecompressor().decompress(data[start:]))
PY
  echo "$abi" > "$cache/kernel-abi"
fi

# 3. the executor and the base initramfs (rebuilt when executor.c or its header changed)
src="$repo/kernel-lane"
if [ ! -f "$cache/base.cpio.gz" ] || [ "$src/executor.c" -nt "$cache/base.cpio.gz" ] || [ "$src/prime_ioctls.h" -nt "$cache/base.cpio.gz" ]; then
  gcc -static -O2 -Wall -Werror -o "$cache/executor" "$src/executor.c"
  root=$(mktemp -d)
  mkdir -p "$root"/{bin,lib/modules,proc,sys,dev}
  cp /bin/busybox "$root/bin/busybox"
  cp "$cache/executor" "$root/bin/executor"
  cp "$cache"/modules/*.ko "$root/lib/modules/"
  cp "$src/init" "$root/init"
  chmod +x "$root/init"
  (cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$cache/base.cpio.gz.tmp"
  mv "$cache/base.cpio.gz.tmp" "$cache/base.cpio.gz"
  rm -rf "$root"
fi
say "ready: $cache (kernel $(cat "$cache/kernel-abi"))"
