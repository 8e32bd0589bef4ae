#!/usr/bin/env bash
# Mutation testing of the core: for each module (a file under src/), how
# many of cargo-mutants' mutants the tests catch. Not part of the test
# command (it takes long: every mutant is a build and a test run).
#   scripts/mutants.sh                  every core module (src/ but ui/ and bin/)
#   scripts/mutants.sh src/walk/swp.rs  only these
#   ITERATE=1 scripts/mutants.sh …      again, skipping what the last run caught
#   SUMMARY=1 scripts/mutants.sh …      only the lines of the last run
#   SUMMARY=1 RUNS="mutants.out/a mutants.out/b" scripts/mutants.sh …
#                                       the lines over several runs, a later
#                                       one (a re-check with ONLY=) first
#   OUT=mutants.out/diagram …            write there (two runs side by side)
#   TIMEOUT=20 …                         seconds before a mutant's tests count
#                                       as hanging (120 unless told)
#   JOBS=2 …                             mutants built and tested side by side
#                                       (1 unless told; each needs a copy of target/)
#   ONLY=file …                          only the mutants whose names match one of
#                                       the file's regexes (one a line): a re-check
#                                       of those an earlier run missed
#   IN_DIFF=change.diff …                only the mutants on lines a diff adds or
#                                       changes (git diff BASE > change.diff)
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
[ -n "${IN_DIFF:-}" ] && args+=(--in-diff "$IN_DIFF")
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
# Only the mutants the source has now count. Each takes the outcome of the
# latest run (of RUNS, else this one) that tried a mutant of its name: its
# file and description, without line and column, which move as tests and
# fixes land. Several mutants of one name are matched in source order when
# that run had as many; otherwise the worst outcome among them counts.
cargo mutants --list "${files[@]}" >"$out/now.txt" 2>/dev/null
node -e '
  const fs = require("fs");
  const [now, runs, ...modules] = process.argv.slice(1);
  const parse = (l) => {
    const m = /^(.*?):(\d+):(\d+): (.*)$/.exec(l);
    return m && { key: m[1] + "\0" + m[4], file: m[1], at: [Number(m[2]), Number(m[3])], line: l };
  };
  const byPlace = (a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1];
  const read = (f) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8").split("\n").filter(Boolean) : []);
  const latest = new Map();
  for (const dir of runs.split(" ").filter(Boolean)) {
    const seen = new Map();
    const add = (f, kind) => {
      for (const m of read(f).map(parse).filter(Boolean)) {
        if (!seen.has(m.key)) seen.set(m.key, []);
        seen.get(m.key).push({ ...m, kind });
      }
    };
    // What an ITERATE run skipped counts as it did before.
    add(dir + "/earlier-caught.txt", "caught");
    add(dir + "/earlier-unviable.txt", "unviable");
    for (const kind of ["caught", "missed", "timeout", "unviable"]) add(`${dir}/mutants.out/${kind}.txt`, kind);
    for (const [k, v] of seen) latest.set(k, v.sort(byPlace));
  }
  const instances = new Map();
  for (const m of read(now).map(parse).filter(Boolean)) {
    if (!instances.has(m.key)) instances.set(m.key, []);
    instances.get(m.key).push(m);
  }
  const tally = new Map(modules.map((m) => [m, { caught: 0, missed: [], unviable: 0, timeout: [], "not run": [] }]));
  for (const [k, list] of instances) {
    list.sort(byPlace);
    const got = latest.get(k);
    list.forEach((m, i) => {
      let kind = "not run";
      if (got && got.length === list.length) kind = got[i].kind;
      else if (got) kind = ["timeout", "missed", "caught", "unviable"].find((w) => got.some((g) => g.kind === w));
      const t = tally.get(m.file);
      if (!t) return;
      if (Array.isArray(t[kind])) t[kind].push(m.line);
      else t[kind] += 1;
    });
  }
  console.log(["module".padEnd(34), "caught", "missed", "unviable", "timeouts", "not run", "score"].map((s, i) => i ? s.padStart(9) : s).join(""));
  for (const [m, t] of tally) {
    const viable = t.caught + t.missed.length + t.timeout.length;
    const score = viable ? (100 * t.caught / viable).toFixed(1) + " %" : "-";
    console.log([m.padEnd(34), t.caught, t.missed.length, t.unviable, t.timeout.length, t["not run"].length, score].map((s, i) => i ? String(s).padStart(9) : s).join(""));
    for (const x of t.missed) console.log(`    missed: ${x}`);
    for (const x of t.timeout) console.log(`    timeout: ${x}`);
    for (const x of t["not run"]) console.log(`    not run: ${x}`);
  }
' "$out/now.txt" "${RUNS:-$out}" "${modules[@]}"
