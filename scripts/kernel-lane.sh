#!/usr/bin/env bash
# Prepares the kernel lane: a stock Debian kernel with vgem, booted under qemu (TCG), runs
# scenarios through kernel-lane/executor.c. Everything lands in one cache folder per kernel,
# so a second run only checks it.
#   scripts/kernel-lane.sh [--kernel 6.1|6.12] [--rt] [CACHE_ROOT]
#     --kernel   Debian's 6.1 (bookworm's own kernel, the default) or 6.12 (bookworm's backport line)
#     --rt       the PREEMPT_RT build of that kernel
#     CACHE_ROOT default .cache/kernel-lane; the kernel goes to CACHE_ROOT/6.1, CACHE_ROOT/6.12-rt, ...
# Then: ./primeprops kernel --kernel 6.1 [--rt] --cache CACHE_ROOT
# Installs qemu-system-x86, busybox-static and cpio with apt-get when missing (needs root).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
say() { echo "kernel-lane: $*" >&2; }
die() { say "$*"; exit 1; }

version=6.1 rt="" root=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kernel) [ $# -ge 2 ] || die "--kernel needs 6.1 or 6.12"; version="$2"; shift 2 ;;
    --rt) rt="-rt"; shift ;;
    -*) die "unknown option $1 (usage: scripts/kernel-lane.sh [--kernel 6.1|6.12] [--rt] [CACHE_ROOT])" ;;
    *) root="$1"; shift ;;
  esac
done
# The metapackage that names the current build of each kernel line (Debian keeps only recent ones).
case "$version" in
  6.1) meta="linux-image${rt}-amd64" ;;
  6.12) meta="linux-image-6.12${rt}-amd64" ;;
  *) die "--kernel $version: known kernels are 6.1 and 6.12" ;;
esac
cache="$(realpath -m "${root:-$repo/.cache/kernel-lane}")/$version$rt"
mkdir -p "$cache"

apt() { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@"; }

# 1. host tools
missing=()
command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
[ -f /usr/share/qemu/qboot.rom ] || missing+=(qemu-system-data)
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
command -v cpio >/dev/null || missing+=(cpio)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing packages: ${missing[*]} (run as root, or: apt-get install -y --no-install-recommends ${missing[*]})"
  say "installing ${missing[*]}"
  apt update -qq
  apt install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
for tool in gcc python3 dpkg-deb apt-get gzip; do
  command -v "$tool" >/dev/null || die "missing tool: $tool"
done

# 2. the kernel and the modules vgem needs, in load order
if [ ! -f "$cache/kernel-abi" ] || [ ! -f "$cache/modules/order" ]; then
  resolve() { apt-cache depends "$meta" 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}'; }
  package=$(resolve)
  if [ -z "$package" ] && [ "$(id -u)" = 0 ]; then apt update -qq; package=$(resolve); fi # a fresh machine has no package lists yet
  [ -n "$package" ] || die "cannot resolve the kernel package from $meta (run apt-get update as root)"
  abi=${package#linux-image-}
  say "kernel $package"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && apt-get download -qq "$package") || die "apt-get download $package failed"
  dpkg-deb --fsys-tarfile "$work"/"$package"_*.deb | tar -x -C "$work" "./boot/vmlinuz-$abi" "./lib/modules/$abi/kernel" \
    || die "the package lacks vmlinuz or its modules"
  rm -rf "$cache/modules" "$cache/vmlinux" "$cache/vmlinuz"
  mkdir -p "$cache/modules"
  # vgem and what it depends on (the .ko's depends= field), plain .ko so busybox insmod loads them;
  # modules/order lists them dependencies first.
  python3 - "$work/lib/modules/$abi/kernel" "$cache/modules" <<'PY' || die "cannot gather vgem and its dependencies"
import lzma, os, sys
tree, out = sys.argv[1], sys.argv[2]
paths = {}
for d, _, files in os.walk(tree):
    for f in files:
        for ext in ('.ko', '.ko.xz'):
            if f.endswith(ext):
                paths[f[:-len(ext)].replace('-', '_')] = os.path.join(d, f)
def read(name):
    data = open(paths[name], 'rb').read()
    return lzma.decompress(data) if paths[name].endswith('.xz') else data
order = []
def visit(name):
    if name in order:
        return
    if name not in paths:
        sys.exit(f'module {name} is not in the package')
    data = read(name)
    at = data.find(b'\0depends=')
    deps = data[at + 9:data.index(b'\0', at + 1)].decode() if at >= 0 else ''
    for dep in filter(None, deps.split(',')):
        visit(dep)
    open(os.path.join(out, name + '.ko'), 'wb').write(data)
    order.append(name)
visit('vgem')
open(os.path.join(out, 'order'), 'w').write(' '.join(order) + '\n')
PY
  # The raw ELF vmlinux inside an xz bzImage boots through its PVH note, which skips the guest's
  # decompression (about 4 s under TCG); a kernel compressed otherwise boots as the bzImage.
  python3 - "$work/boot/vmlinuz-$abi" "$cache/vmlinux" <<'PY' || cp "$work/boot/vmlinuz-$abi" "$cache/vmlinuz"
import lzma, sys
data = open(sys.argv[1], 'rb').read()
start = data.find(b'\xfd7zXZ\x00')
if start < 0:
    sys.exit(1)
elf = lzma.LZMADecompressor().decompress(data[start:])
if b'Xen\x00' not in elf:  # no PVH entry note
    sys.exit(1)
open(sys.argv[2], 'wb').write(elf)
PY
  echo "$abi" > "$cache/kernel-abi"
fi

# 3. the executor and the base initramfs (rebuilt when a source of the executor changed)
src="$repo/kernel-lane"
stale=0
for f in "$src"/*.c "$src"/*.h "$src/init" "$cache/modules/order"; do
  [ "$f" -nt "$cache/base.cpio.gz" ] && stale=1
done
if [ ! -f "$cache/base.cpio.gz" ] || [ $stale = 1 ]; then
  gcc -static -pthread -O2 -Wall -Werror -o "$cache/executor" "$src/executor.c" "$src/concurrent.c"
  initrd=$(mktemp -d)
  mkdir -p "$initrd"/{bin,lib/modules,proc,sys,dev}
  cp /bin/busybox "$initrd/bin/busybox"
  cp "$cache/executor" "$initrd/bin/executor"
  cp "$cache"/modules/*.ko "$cache/modules/order" "$initrd/lib/modules/"
  cp "$src/init" "$initrd/init"
  chmod +x "$initrd/init"
  (cd "$initrd" && find . | cpio -o -H newc --quiet | gzip -1) > "$cache/base.cpio.gz.tmp"
  mv "$cache/base.cpio.gz.tmp" "$cache/base.cpio.gz"
  rm -rf "$initrd"
fi
say "ready: $cache (kernel $(cat "$cache/kernel-abi"), $( [ -f "$cache/vmlinux" ] && echo "PVH vmlinux" || echo "bzImage"))"
