#!/bin/sh
# Print the Debian packages for a private PostGIS test server on this release:
#   postgresql postgresql-NN-postgis-3
# NN is the PostgreSQL major version the release ships, read from the
# `postgresql` metapackage's dependency on `postgresql-NN` (apt-cache depends),
# so no release is hard-coded (Debian 12: 15, Debian 13: 17).
# Without apt lists it falls back to a table of known releases (12: 15, 13: 17).
set -eu

major=$(apt-cache depends postgresql 2>/dev/null \
    | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n 1)
if [ -z "$major" ]; then
    # Fallback: the newest postgresql-NN-postgis-3 the lists know about.
    major=$(apt-cache pkgnames postgresql- 2>/dev/null \
        | sed -n 's/^postgresql-\([0-9][0-9]*\)-postgis-3$/\1/p' | sort -n | tail -n 1)
fi
if [ -z "$major" ]; then
    # No apt lists yet (fresh machine before apt-get update): the releases we know.
    case "$(cut -d. -f1 /etc/debian_version 2>/dev/null)" in
        12) major=15 ;;
        13) major=17 ;;
    esac
fi
if [ -z "$major" ]; then
    echo "postgis_packages.sh: cannot tell this release's PostgreSQL version" \
         "(no 'postgresql' package in the apt lists; run apt-get update)" >&2
    exit 1
fi
echo "postgresql postgresql-${major}-postgis-3"
