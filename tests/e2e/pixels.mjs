// Screenshots for review, and their comparison with reviewed baselines.
// Baselines live in tests/e2e/baselines/chromium-MAJOR-fonts-HASH/VIEW/NAME.png:
// text is drawn differently by another Chromium release or another set of
// fonts, so a set is tied to both, and a machine with no set of its own
// skips the comparison (saying so) rather than failing on them. Every
// screen is saved for review; the reference example's screens, in every
// view and theme, are the ones compared (a small set that reads the whole
// layout, not megabytes of near-identical pictures).
import { mkdirSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import { ARTIFACTS } from "./browser.mjs";

const BASELINES = "tests/e2e/baselines";
/// Share of a screen's pixels that may differ beyond anti-aliasing.
const TOLERANCE = 0.002;
const UPDATE = process.env.UPDATE_BASELINES === "1";

/// The example whose screens have baselines (with the embed view's link errors).
export const REFERENCE = "floor-update-agent-down";

const results = { major: null, compared: 0, differ: [], written: 0 };

/// The installed fonts, as a short hash: fontconfig's families and styles.
function fontsHash() {
  let list = "";
  try {
    list = execFileSync("fc-list", [":", "family", "style"], { encoding: "utf8" });
  } catch {
    list = "no fontconfig";
  }
  const sorted = list.split("\n").filter(Boolean).sort().join("\n");
  return createHash("sha256").update(sorted).digest("hex").slice(0, 8);
}

let setName = null;
function baselineSet() {
  setName ??= `chromium-${results.major}-fonts-${fontsHash()}`;
  return join(BASELINES, setName);
}

/// Saves the screen as `ARTIFACTS/look/VIEW/NAME.png` and compares it with
/// its baseline (or writes it as the baseline when asked to).
export async function shoot(page, view, name) {
  const shot = join(ARTIFACTS, "look", view, `${name}.png`);
  mkdirSync(dirname(shot), { recursive: true });
  const bytes = await page.screenshot({ path: shot, animations: "disabled", caret: "hide" });
  results.major ??= page.context().browser().version().split(".")[0];
  if (!name.startsWith(`${REFERENCE}-`) && view !== "embed-error") return;
  const base = join(baselineSet(), view, `${name}.png`);
  if (UPDATE) {
    mkdirSync(dirname(base), { recursive: true });
    writeFileSync(base, bytes);
    results.written++;
    return;
  }
  if (!existsSync(baselineSet())) return;
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
  if (!results.major) return { skipped: "no screenshot was taken" };
  if (UPDATE) return { skipped: `wrote ${results.written} baselines to ${baselineSet()}` };
  if (!existsSync(baselineSet())) {
    return { skipped: `no baselines for this browser and these fonts (${baselineSet()}): review the screenshots in ${ARTIFACTS}/look, then run scripts/baselines.sh` };
  }
  console.log(`pixels: ${results.compared} screens compared with their baselines in ${baselineSet()}`);
  return { differ: results.differ };
}
