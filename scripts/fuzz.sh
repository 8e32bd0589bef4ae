#!/usr/bin/env bash
# Fuzzes the readers that take outside input, each for a bounded time:
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
# Targets: list_parser, scenario_reader, share_link, agents_reader.
# A crash leaves its input under fuzz/artifacts/<target>/; add it to the
# regression tests (tests/fuzz_regressions.rs) when fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
export PATH="$HOME/.cargo/bin:$PATH"
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

# Share-link seeds: every example as a link, made by the planner itself.
mkdir -p fuzz/corpus/share_link
cargo run -q --release --bin planner -- links www/examples/*.json > /tmp/usp-links.txt 2>/dev/null || true
i=0
while read -r link; do
  [ -n "$link" ] && printf '%s' "$link" > "fuzz/corpus/share_link/example-$i.txt" && i=$((i+1))
done < /tmp/usp-links.txt

status=0
for target in list_parser scenario_reader share_link agents_reader evidence_reader; do
  echo "== fuzz $target for ${secs}s"
  # A scratch copy of the seeds, so the run's findings do not clutter the repository.
  work=$(mktemp -d)
  cp -r "fuzz/corpus/$target/." "$work/"
  if cargo +nightly fuzz run "$target" "$work" -- -max_total_time="$secs" -max_len=65536 -print_final_stats=1 2>&1 \
      | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+== ERROR|SUMMARY|artifact_prefix|Test unit written)"; then :; fi
  if [ "${PIPESTATUS[0]}" != 0 ]; then status=1; echo "!! $target found a crash: see fuzz/artifacts/$target/"; fi
  rm -rf "$work"
done
exit $status
