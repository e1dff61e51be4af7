#!/bin/bash
# Run the whole test suite (or other make targets) on another Debian release, in a chroot.
#
#   tools/release_chroot.sh RELEASE [TARGET...]        (as root; `make test-release RELEASE=…`)
#   tools/release_chroot.sh RELEASE -- COMMAND...      (a command in /src, e.g. .venv/bin/python -m pytest …)
#
# RELEASE  trixie            Debian 13 with its own QGIS (3.40 LTR)
#          trixie-backports  Debian 13 with qgis, python3-qgis, qgis-providers and their
#                            libraries from trixie-backports (QGIS 3.44, the last 3.x)
#          (any Debian suite works; SUITE-backports pins QGIS to SUITE-backports)
# TARGET   make arguments for the checkout's copy (default: test; `-o lint test` skips lint)
#
# The chroot is made once with debootstrap (variant minbase; one pristine base per suite,
# copied for each release) and reused. Every run copies this checkout's tracked files with
# the working tree's changes, and its untracked files that git does not ignore (no .venv,
# build, dist, out), into /src in the chroot, and runs make there as root with
# DEBIAN_FRONTEND=noninteractive: the Makefile installs the Debian packages and builds
# /src/.venv (kept between runs while requirements-dev.txt is unchanged). The script then
# prints the QGIS, Python, shapely and numpy versions, the time taken and pytest's closing
# line, and exits with make's status.
#
# Environment:
#   KURSK_CHROOTS        folder of the chroots (default /var/tmp/kursk-chroots)
#   KURSK_CHROOT_DIR     this release's chroot (default $KURSK_CHROOTS/RELEASE)
#   KURSK_CHROOT_LOG     the run's log (default $KURSK_CHROOT_DIR.log)
#   KURSK_CHROOT_FRESH=1 rebuild /src/.venv in the chroot
#   KURSK_CHROOT_COMMIT  copy this commit (git archive) instead of the working tree
#   KURSK_DEBIAN_MIRROR  default http://deb.debian.org/debian
#   KURSK_SECURITY_MIRROR default http://deb.debian.org/debian-security
#   KURSK_CHROOT_CA_DIR  the host's extra CA certificates, copied in (default
#                        /usr/local/share/ca-certificates)
set -euo pipefail

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }
say() { printf '[release_chroot] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 2; }

[ $# -ge 1 ] || { usage >&2; exit 2; }
case "$1" in -h|--help) usage; exit 0 ;; esac
RELEASE=$1; shift
TARGETS=("$@"); [ ${#TARGETS[@]} -gt 0 ] || TARGETS=(test)
case "$RELEASE" in *[!a-z0-9-]*|"") die "not a Debian release name: '$RELEASE'" ;; esac
SUITE=${RELEASE%-backports}
BACKPORTS=; [ "$SUITE" != "$RELEASE" ] && BACKPORTS=$RELEASE

[ "$(id -u)" = 0 ] || die "debootstrap, mount and chroot need root (run with sudo)"
REPO=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
CHROOTS=${KURSK_CHROOTS:-/var/tmp/kursk-chroots}
ROOT=${KURSK_CHROOT_DIR:-$CHROOTS/$RELEASE}
ROOT=$(realpath -m "$ROOT")
BASE=$(dirname "$ROOT")/.base-$SUITE
LOG=${KURSK_CHROOT_LOG:-$ROOT.log}
MIRROR=${KURSK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY=${KURSK_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
CA_DIR=${KURSK_CHROOT_CA_DIR:-/usr/local/share/ca-certificates}
case "$ROOT/" in "$REPO"/*) die "the chroot ($ROOT) must lie outside the checkout ($REPO)" ;; esac
mkdir -p "$(dirname "$ROOT")"

# One run per chroot at a time.
exec 9>"$ROOT.lock"
flock -n 9 || die "another run is using $ROOT"

# -- the chroot ----------------------------------------------------------------------------

# Commands inside the chroot: a clean environment, no prompts.
# (Without the lock files' descriptors, so nothing left running in there holds the lock; with
# this run's mark in the environment, so that the end of the run finds what it left running.)
RUN_MARK=KURSK_CHROOT_RUN=$$.$(date +%s%N)
in_chroot() {
    chroot "$ROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$RUN_MARK" "$@" 8>&- 9>&-
}

make_base() {
    # A pristine debootstrap of the suite, shared by its releases (trixie, trixie-backports).
    exec 8>"$BASE.lock"
    flock 8
    if [ ! -e "$BASE/.kursk-base-ready" ]; then
        command -v debootstrap >/dev/null || {
            say "installing debootstrap"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >&2
        }
        rm -rf "$BASE.tmp"
        say "debootstrap $SUITE (minbase) into $BASE"
        debootstrap --variant=minbase --include=ca-certificates "$SUITE" "$BASE.tmp" "$MIRROR" >&2
        touch "$BASE.tmp/.kursk-base-ready"
        mv "$BASE.tmp" "$BASE"
    fi
    flock -u 8
}

configure() {
    # Sources: the release as a Debian machine has it (updates, security), plus backports.
    {
        echo "deb $MIRROR $SUITE main"
        case "$SUITE" in
            sid|unstable|experimental) ;;
            *) echo "deb $MIRROR $SUITE-updates main"
               echo "deb $SECURITY $SUITE-security main" ;;
        esac
        [ -z "$BACKPORTS" ] || echo "deb $MIRROR $BACKPORTS main"
    } >"$ROOT/etc/apt/sources.list"
    rm -f "$ROOT/etc/apt/preferences.d/kursk-qgis-backports"
    if [ -n "$BACKPORTS" ]; then
        # QGIS and everything built from its source package from backports; the rest from the release.
        cat >"$ROOT/etc/apt/preferences.d/kursk-qgis-backports" <<EOF
Package: src:qgis qgis qgis-* python3-qgis python3-qgis-* libqgis*
Pin: release n=$BACKPORTS
Pin-Priority: 990
EOF
    fi
    # No daemons from package scripts: there is no init in a chroot (postgresql's postinst
    # would start its cluster); the tests start a private server of their own.
    printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
    chmod 755 "$ROOT/usr/sbin/policy-rc.d"
    cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
    # The host's own certificate authorities (a TLS-inspecting proxy on the way to PyPI, for
    # example): the chroot trusts what the host trusts, for apt and pip alike.
    if [ -d "$CA_DIR" ] && [ -n "$(ls -A "$CA_DIR" 2>/dev/null)" ]; then
        mkdir -p "$ROOT/usr/local/share/ca-certificates"
        cp -a "$CA_DIR"/. "$ROOT/usr/local/share/ca-certificates/"
        in_chroot update-ca-certificates >/dev/null
    fi
    [ -s "$ROOT/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' \
        >"$ROOT/etc/hosts"
}

MOUNTED=()
mount_one() {  # mount_one TARGET mount-args...
    local target=$ROOT/$1; shift
    mkdir -p "$target"
    mountpoint -q "$target" && return 0
    mount "$@" "$target"
    MOUNTED=("$target" "${MOUNTED[@]}")
}

chroot_pids() {  # the processes this run started in the chroot that still run (by its mark)
    local p
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ] || continue
        tr '\0' '\n' <"$p/environ" 2>/dev/null | grep -qxF "$RUN_MARK" && echo "${p#/proc/}"
    done
    return 0
}

cleanup() {
    local status=$? pids target p
    trap - EXIT INT TERM
    # Processes this run left in the chroot (a test server, Xvfb): end them by id.
    pids=$(chroot_pids)
    if [ -n "$pids" ]; then
        say "ending processes left in the chroot:"
        for p in $pids; do say "  $p $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | cut -c1-160)"; done
        kill -TERM $pids 2>/dev/null || true
        sleep 2
        pids=$(chroot_pids)
        [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
    fi
    for target in "${MOUNTED[@]}"; do
        umount "$target" 2>/dev/null || umount -l "$target" || say "could not unmount $target"
    done
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ ! -e "$ROOT/.kursk-chroot-ready" ]; then
    make_base
    if findmnt -rn -o TARGET | grep -q "^$ROOT\(/\|\$\)"; then
        die "$ROOT is half made but has mounts inside; unmount them first"
    fi
    rm -rf "$ROOT"
    say "copying the $SUITE base into $ROOT"
    cp -a "$BASE" "$ROOT.tmp"
    rm -f "$ROOT.tmp/.kursk-base-ready"
    mv "$ROOT.tmp" "$ROOT"
    touch "$ROOT/.kursk-chroot-ready"
fi
configure

mount_one proc -t proc proc
mount_one sys -t sysfs sysfs
# /dev and /dev/pts bound from the host, made private so that nothing mounted here reaches the host.
mount_one dev --bind /dev
mount --make-private "$ROOT/dev"
mount_one dev/pts --bind /dev/pts
mount --make-private "$ROOT/dev/pts"
mount_one dev/shm -t tmpfs -o mode=1777,nosuid,nodev shm   # PostgreSQL's shared memory

say "apt-get update in $RELEASE"
in_chroot apt-get update -q >&2
if [ -n "$BACKPORTS" ]; then
    policy=$(in_chroot apt-cache policy qgis)
    printf '%s\n' "$policy" | sed -n '1,3p' >&2
    candidate=$(printf '%s\n' "$policy" | sed -n 's/^ *Candidate: //p')
    case "$candidate" in
        *bpo*) ;;
        *) die "the pin does not pick qgis from $BACKPORTS (candidate: ${candidate:-none})" ;;
    esac
fi
# make and git for the Makefile (which installs the rest with `make apt`).
in_chroot apt-get install -y -q --no-install-recommends make git >&2

# -- the checkout's copy ------------------------------------------------------------------------

if [ -n "${KURSK_CHROOT_COMMIT:-}" ]; then
    say "copying $REPO at ${KURSK_CHROOT_COMMIT} ($(git -C "$REPO" rev-parse --short "$KURSK_CHROOT_COMMIT")) to $ROOT/src"
else
    say "copying $REPO (tracked files as in the working tree, and untracked ones; HEAD" \
        "$(git -C "$REPO" rev-parse --short HEAD)) to $ROOT/src"
fi
mkdir -p "$ROOT/src"
chmod 755 "$ROOT/src"   # the tests' PostgreSQL server runs as the postgres user under /src/build
keep=(! -name .venv); [ "${KURSK_CHROOT_FRESH:-0}" = 1 ] && keep=()
find "$ROOT/src" -mindepth 1 -maxdepth 1 "${keep[@]}" -exec rm -rf {} +
if [ -n "${KURSK_CHROOT_COMMIT:-}" ]; then
    # A commit as it is, without the working tree's changes.
    git -C "$REPO" archive --format=tar "$KURSK_CHROOT_COMMIT" | tar -C "$ROOT/src" -xf -
else
    git -C "$REPO" ls-files -z --cached --others --exclude-standard --deduplicate \
        | while IFS= read -r -d '' file; do
            case "$file" in .venv/*|build/*|dist/*|out/*) continue ;; esac
            # Deleted in the working tree but still in the index: left out.
            [ -e "$REPO/$file" ] || [ -L "$REPO/$file" ] || continue
            printf '%s\0' "$file"
        done \
        | tar -C "$REPO" --null --no-recursion -T - -cf - \
        | tar -C "$ROOT/src" -xf -
fi

# -- the run ------------------------------------------------------------------------------------

# What earlier runs left in root's home (QGIS profiles, a plugin's installed packages) is not
# carried into this one; pip's cache (/root/.cache) is kept.
rm -rf "$ROOT/root/.local/share"

say "running '${TARGETS[*]}' in $RELEASE (log: $LOG)"
began=$(date +%s)
set +e
if [ "${TARGETS[0]}" = -- ]; then
    # No display in the chroot: Qt offscreen, as the Makefile sets it.
    in_chroot QT_QPA_PLATFORM=offscreen /bin/bash -c 'cd /src && exec "$@"' run "${TARGETS[@]:1}" 2>&1 \
        | tee "$LOG"
else
    in_chroot /bin/bash -c 'cd /src && exec make "$@"' make "${TARGETS[@]}" 2>&1 | tee "$LOG"
fi
status=${PIPESTATUS[0]}
set -e
took=$(( $(date +%s) - began ))

qgis=$(in_chroot /usr/bin/python3 -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION)' 2>/dev/null \
    || echo "not installed")
python=$(in_chroot /usr/bin/python3 -c 'import platform; print(platform.python_version())' 2>/dev/null \
    || echo "?")
venv=$(in_chroot /src/.venv/bin/python -c \
    'import shapely, numpy; print("shapely", shapely.__version__, "| numpy", numpy.__version__)' \
    2>/dev/null || echo "no venv")
closing=$(grep -E '^=+ .*\b(passed|failed|errors?|skipped|deselected|no tests ran)\b.* in [0-9.]+s.*=+$' "$LOG" \
    | tail -n 1 || true)
echo
echo "== $RELEASE: Debian $(cat "$ROOT/etc/debian_version") | QGIS $qgis | Python $python | $venv"
echo "== ${TARGETS[*]}: exit $status after $((took / 60)) min $((took % 60)) s (log: $LOG)"
echo "${closing:-== no pytest closing line (pytest did not run, or did not finish: see the log)}"
exit "$status"
