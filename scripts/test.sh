#!/usr/bin/env bash
# Install what is missing, build, and run the whole test suite (unit + e2e).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

cd "$BUILD_DIR"
ctest --output-on-failure -j "$(nproc)" --timeout 300
