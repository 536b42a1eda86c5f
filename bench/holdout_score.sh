#!/usr/bin/env bash
# Score the extractor on the project-written holdout digests (tests/fixtures/holdout), which the
# extraction rules were not tuned on. Prints the corpus scorer's summary for all, en and zh.
# Usage: bench/holdout_score.sh [--per-doc] [--anchor-mode none]
set -euo pipefail
cd "$(dirname "$0")/.."
SCORER=${SCORER:-/work/shared/tools/score_extraction.py}
for lang in all en zh; do
  echo "== holdout, lang=$lang"
  python3 "$SCORER" tests/fixtures/holdout --cmd "python3 -m tracker" --lang "$lang" "$@"
done
