// Screenshots for review, and their comparison with reviewed baselines.
// Baselines live in tests/e2e/baselines/chromium-MAJOR/VIEW/NAME.png: fonts
// and anti-aliasing change between Chromium releases, so a set is tied to
// the major version the set-up installs, and a browser with no set of its
// own skips the comparison (saying so) rather than failing on them.
import { mkdirSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import { ARTIFACTS } from "./browser.mjs";

const BASELINES = "tests/e2e/baselines";
/// Share of a screen's pixels that may differ beyond anti-aliasing.
const TOLERANCE = 0.002;
const UPDATE = process.env.UPDATE_BASELINES === "1";

const results = { major: null, compared: 0, differ: [], written: 0 };

/// Saves the screen as `ARTIFACTS/look/VIEW/NAME.png` and compares it with
/// its baseline (or writes it as the baseline when asked to).
export async function shoot(page, view, name) {
  const shot = join(ARTIFACTS, "look", view, `${name}.png`);
  mkdirSync(dirname(shot), { recursive: true });
  const bytes = await page.screenshot({ path: shot, animations: "disabled", caret: "hide" });
  results.major ??= page.context().browser().version().split(".")[0];
  const base = join(BASELINES, `chromium-${results.major}`, view, `${name}.png`);
  if (UPDATE) {
    mkdirSync(dirname(base), { recursive: true });
    writeFileSync(base, bytes);
    results.written++;
    return;
  }
  if (!existsSync(join(BASELINES, `chromium-${results.major}`))) return;
  if (!existsSync(base)) {
    results.differ.push(`${view}/${name}: no baseline (look at ${shot}, then scripts/baselines.sh)`);
    return;
  }
  const a = PNG.sync.read(readFileSync(base));
  const b = PNG.sync.read(bytes);
  results.compared++;
  if (a.width !== b.width || a.height !== b.height) {
    results.differ.push(`${view}/${name}: ${b.width}×${b.height}, baseline ${a.width}×${a.height}`);
    return;
  }
  const diff = new PNG({ width: a.width, height: a.height });
  const n = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.1, includeAA: false });
  if (n > a.width * a.height * TOLERANCE) {
    const out = join(ARTIFACTS, "look", "diff", view, `${name}.png`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, PNG.sync.write(diff));
    results.differ.push(`${view}/${name}: ${n} pixels differ (${((100 * n) / (a.width * a.height)).toFixed(2)} %), see ${out}`);
  }
}

/// What the comparisons of this run found.
export function baselineReport() {
  if (UPDATE) return { skipped: `wrote ${results.written} baselines for Chromium ${results.major}` };
  if (!results.major) return { skipped: "no screenshot was taken" };
  if (!existsSync(join(BASELINES, `chromium-${results.major}`))) {
    return { skipped: `no baselines for Chromium ${results.major}: review the screenshots in ${ARTIFACTS}/look, then run scripts/baselines.sh` };
  }
  console.log(`pixels: ${results.compared} screens compared with their Chromium ${results.major} baselines`);
  return { differ: results.differ };
}
