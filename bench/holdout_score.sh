#!/usr/bin/env bash
# Score the extractor on the project-written holdout digests with the shared corpus scorer.
#   tests/fixtures/holdout   20 digests; blind at first, then the rules were tuned on them
#   tests/fixtures/holdout2  17 digests the extractor's authors never read (only the causes of
#                            their misses were passed on): the most honest figure we have
# Usage: bench/holdout_score.sh [--per-doc] [--anchor-mode none]
set -euo pipefail
cd "$(dirname "$0")/.."
SCORER=${SCORER:-../shared/tools/score_extraction.py}
for set in holdout holdout2; do
  for lang in all en zh; do
    echo "== $set, lang=$lang"
    python3 "$SCORER" "tests/fixtures/$set" --cmd "python3 -m tracker" --lang "$lang" "$@" | tail -4 | head -3
  done
done
