#!/usr/bin/env bash
# Mutation testing of the core: for each module (a file under src/, or a
# folder), how many of cargo-mutants' mutants the tests catch. Not part of
# the test command (it takes long: every mutant is a build and a test run).
#   scripts/mutants.sh                  every core module (src/ but ui/ and bin/)
#   scripts/mutants.sh src/walk/swp.rs  only these
# Prints one line per module: caught, missed, unviable, timeouts, score
# (caught / (caught + missed + timeouts)); missed mutants are listed in
# mutants.out/<module>/missed.txt. Equivalent mutants are excluded with a
# reason in .cargo/mutants.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if ! cargo mutants --version >/dev/null 2>&1; then
  echo "mutants: installing cargo-mutants (a few minutes, once)"
  cargo install cargo-mutants --locked
fi
if [ "$#" -gt 0 ]; then
  modules=("$@")
else
  mapfile -t modules < <(find src -name '*.rs' -not -path 'src/ui/*' -not -path 'src/bin/*' -not -name main.rs | sort)
fi
printf '%-34s %7s %7s %9s %9s %7s\n' module caught missed unviable timeouts score
for m in "${modules[@]}"; do
  out="mutants.out/$(echo "$m" | tr '/' '_')"
  rm -rf "$out"
  cargo mutants --no-shuffle --baseline skip --timeout 300 -f "$m" -o "$out" >/dev/null 2>&1 || true
  outcomes="$out/mutants.out/outcomes.json"
  if [ ! -f "$outcomes" ]; then
    printf '%-34s %s\n' "$m" "(no mutants)"
    continue
  fi
  node -e '
    const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const n = (s) => o.outcomes.filter((x) => x.scenario !== "Baseline" && x.summary === s).length;
    const [c, m, u, t] = [n("CaughtMutant"), n("MissedMutant"), n("Unviable"), n("Timeout")];
    const viable = c + m + t;
    const score = viable ? (100 * c / viable).toFixed(1) + " %" : "-";
    console.log(`${process.argv[2].padEnd(34)} ${String(c).padStart(7)} ${String(m).padStart(7)} ${String(u).padStart(9)} ${String(t).padStart(9)} ${score.padStart(7)}`);
  ' "$outcomes" "$m"
  cp "$out/mutants.out/missed.txt" "$out/missed.txt" 2>/dev/null || true
done
