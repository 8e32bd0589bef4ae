#!/usr/bin/env bash
# Mutation testing of the core: for each module (a file under src/), how
# many of cargo-mutants' mutants the tests catch. Not part of the test
# command (it takes long: every mutant is a build and a test run).
#   scripts/mutants.sh                  every core module (src/ but ui/ and bin/)
#   scripts/mutants.sh src/walk/swp.rs  only these
# One cargo-mutants run for all the modules asked (one build of the
# dependencies), then one line per module: caught, missed, unviable,
# timeouts, score (caught / (caught + missed + timeouts)), and each missed
# mutant under its module. Equivalent mutants are excluded with a reason in
# .cargo/mutants.toml. Everything cargo-mutants wrote is in mutants.out/run.
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
# No debug information: the same tests, linked in half the time.
export CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0
args=()
for m in "${modules[@]}"; do args+=(-f "$m"); done
out="mutants.out/run"
rm -rf "$out"
mkdir -p "$out"
cargo mutants --no-shuffle --baseline skip --timeout 120 "${args[@]}" -o "$out" >"$out/progress.txt" 2>&1 || true
outcomes="$out/mutants.out/outcomes.json"
if [ ! -f "$outcomes" ]; then
  echo "mutants: cargo mutants did not run; see $out/progress.txt" >&2
  exit 2
fi
node -e '
  const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).outcomes.filter((x) => x.scenario !== "Baseline");
  console.log(["module".padEnd(34), "caught", "missed", "unviable", "timeouts", "score"].map((s, i) => i ? s.padStart(9) : s).join(""));
  for (const m of process.argv.slice(2)) {
    const mine = o.filter((x) => x.scenario.Mutant.file === m);
    const n = (s) => mine.filter((x) => x.summary === s).length;
    const [c, mi, u, t] = [n("CaughtMutant"), n("MissedMutant"), n("Unviable"), n("Timeout")];
    const viable = c + mi + t;
    const score = viable ? (100 * c / viable).toFixed(1) + " %" : "-";
    console.log([m.padEnd(34), c, mi, u, t, score].map((s, i) => i ? String(s).padStart(9) : s).join(""));
    for (const x of mine.filter((x) => x.summary === "MissedMutant" || x.summary === "Timeout")) {
      console.log(`    ${x.summary === "Timeout" ? "timeout" : "missed"}: ${x.scenario.Mutant.name}`);
    }
  }
' "$outcomes" "${modules[@]}"
