#!/usr/bin/env bash
# Mutation testing of the core: for each module (a file under src/), how
# many of cargo-mutants' mutants the tests catch. Not part of the test
# command (it takes long: every mutant is a build and a test run).
#   scripts/mutants.sh                  every core module (src/ but ui/ and bin/)
#   scripts/mutants.sh src/walk/swp.rs  only these
#   ITERATE=1 scripts/mutants.sh …      again, skipping what the last run caught
#   SUMMARY=1 scripts/mutants.sh …      only the lines of the last run
#   OUT=mutants.out/diagram …            write there (two runs side by side)
#   TIMEOUT=20 …                         seconds before a mutant's tests count
#                                       as hanging (120 unless told)
#   JOBS=2 …                             mutants built and tested side by side
#                                       (1 unless told; each needs a copy of target/)
#   ONLY=file …                          only the mutants whose names match one of
#                                       the file's regexes (one a line): a re-check
#                                       of those an earlier run missed
#   TESTS="--lib --test diagram" scripts/mutants.sh src/diagram.rs
#                                       only these tests (quicker; a mutant
#                                       another test would catch counts as missed)
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
# No debug information: the same tests, linked in half the time. The
# property tests try 200 cases, not 2000: every mutant runs the whole suite.
export CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0 PROPERTY_CASES=200
files=()
for m in "${modules[@]}"; do files+=(-f "$m"); done
args=("${files[@]}")
if [ -n "${ONLY:-}" ]; then
  while IFS= read -r re; do
    [ -n "$re" ] && args+=(-F "$re")
  done <"$ONLY"
fi
out="${OUT:-mutants.out/run}"
if [ -z "${SUMMARY:-}" ]; then
  if [ -n "${ITERATE:-}" ] && [ -d "$out/mutants.out" ]; then
    # What the last run caught or found unviable is not run again; it counts.
    cat "$out/mutants.out/caught.txt" "$out"/earlier-caught.txt 2>/dev/null | sort -u >"$out/earlier-caught.tmp" || true
    cat "$out/mutants.out/unviable.txt" "$out"/earlier-unviable.txt 2>/dev/null | sort -u >"$out/earlier-unviable.tmp" || true
    mv "$out/earlier-caught.tmp" "$out/earlier-caught.txt"
    mv "$out/earlier-unviable.tmp" "$out/earlier-unviable.txt"
    args+=(--iterate)
  else
    rm -rf "$out"
  fi
  mkdir -p "$out"
  read -r -a tests <<<"${TESTS:-}"
  cargo mutants --no-shuffle --baseline skip --jobs "${JOBS:-1}" --timeout "${TIMEOUT:-120}" "${args[@]}" -o "$out" -- "${tests[@]}" >"$out/progress.txt" 2>&1 || true
  if [ ! -f "$out/mutants.out/caught.txt" ]; then
    echo "mutants: cargo mutants did not run; see $out/progress.txt" >&2
    exit 2
  fi
fi
# Only the mutants the source has now count: a run again after the source
# moved has its earlier names at other lines.
cargo mutants --list "${files[@]}" >"$out/now.txt" 2>/dev/null
node -e '
  const fs = require("fs");
  const [dir, ...modules] = process.argv.slice(1);
  const now = new Set(fs.readFileSync(dir + "/now.txt", "utf8").split("\n").filter(Boolean));
  const lines = (f) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8").split("\n").filter((l) => now.has(l)) : []);
  const caught = new Set([...lines(dir + "/mutants.out/caught.txt"), ...lines(dir + "/earlier-caught.txt")]);
  const unviable = new Set([...lines(dir + "/mutants.out/unviable.txt"), ...lines(dir + "/earlier-unviable.txt")]);
  const missed = lines(dir + "/mutants.out/missed.txt").filter((l) => !caught.has(l));
  const timeouts = lines(dir + "/mutants.out/timeout.txt").filter((l) => !caught.has(l));
  const of = (set, m) => [...set].filter((l) => l.startsWith(m + ":"));
  console.log(["module".padEnd(34), "caught", "missed", "unviable", "timeouts", "score"].map((s, i) => i ? s.padStart(9) : s).join(""));
  for (const m of modules) {
    const [c, mi, u, t] = [of(caught, m), of(missed, m), of(unviable, m), of(timeouts, m)];
    const viable = c.length + mi.length + t.length;
    const score = viable ? (100 * c.length / viable).toFixed(1) + " %" : "-";
    console.log([m.padEnd(34), c.length, mi.length, u.length, t.length, score].map((s, i) => i ? String(s).padStart(9) : s).join(""));
    for (const x of mi) console.log(`    missed: ${x}`);
    for (const x of t) console.log(`    timeout: ${x}`);
  }
' "$out" "${modules[@]}"
