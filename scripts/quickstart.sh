#!/usr/bin/env bash
# Quick start: install what is missing, build, index corpora/ and search it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

DB="${QUARRY_DB:-$BUILD_DIR/sample-index}"
"$BUILD_DIR/indexer/quarry-index" --db "$DB" "$QUARRY_ROOT/corpora"
echo
"$BUILD_DIR/searcher/quarry-search" --db "$DB" "Meta acquisition"
