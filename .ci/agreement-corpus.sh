#!/usr/bin/env bash
# Issue 11's differential harness (lint findings = migrate's sites) on a 200-file generated
# corpus: what CI can afford of bench/agreement.ts's 2,000 files. Fails when a file cannot be
# linted or migrated, and on any disagreement.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsx bench/agreement.ts --files 200
