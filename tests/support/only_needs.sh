#!/bin/sh
# only_needs.sh BINARY LIBRARY...: exits 1 (naming it) when BINARY needs a
# shared library other than the LIBRARYs, or needs none at all.
binary=$1
shift
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || { echo "$binary: no NEEDED entries (not a dynamic executable?)"; exit 1; }
status=0
for library in $needed; do
  allowed=no
  for ok in "$@"; do [ "$library" = "$ok" ] && allowed=yes; done
  if [ $allowed = no ]; then
    echo "$binary needs $library"
    status=1
  fi
done
exit $status
