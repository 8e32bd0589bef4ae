// The page as people see it: every example in every view and theme, looked
// at by positions and pixels. Each step inside the trace's list and in
// order, no text drawn over other text or covered, nothing scrolling
// sideways, controls large enough for a thumb on a phone, the presenter's
// picture readable from the back of a room and telling nothing early, the
// embed view saying what is wrong with its link; and every screen compared
// with a reviewed baseline (tests/e2e/baselines/chromium-MAJOR/), so an
// unintended change to what people see fails until it is reviewed.
//
// Set UPDATE_BASELINES=1 to write the screenshots of this run as the new
// baselines (scripts/baselines.sh): look at them first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { suite, openTable, openPresenter, firstTrace, until } from "./browser.mjs";
import { inspect, presenterLooks } from "./looks.mjs";
import { shoot, baselineReport } from "./pixels.mjs";

const env = suite();
const EXAMPLES = JSON.parse(readFileSync("www/examples/index.json", "utf8")).map((e) => e.file.replace(/\.json$/, ""));
/// LOOK_AT=EXAMPLE,... narrows a run to some examples while working on them.
const LOOKED_AT = process.env.LOOK_AT ? EXAMPLES.filter((e) => process.env.LOOK_AT.split(",").includes(e)) : EXAMPLES;
const THEMES = ["light", "dark"];

/// A page at `viewport` in `theme` with `example` loaded (from its link, as
/// a reader arriving from a ticket or a documentation page would).
async function open(viewport, theme, url, { bypassCSP = false } = {}) {
  const context = await env.browser.newContext({ viewport, colorScheme: theme, bypassCSP });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url);
  return { context, page, errors };
}

/// Each example's share link, as `planner links` writes them for a
/// documentation page.
let links;
function linkOf(example) {
  links ??= Object.fromEntries(execFileSync("cargo", ["run", "-q", "--locked", "--bin", "planner", "--", "links",
    ...EXAMPLES.map((e) => `www/examples/${e}.json`)], { encoding: "utf8" }).trim().split("\n").map((l, i) => [EXAMPLES[i], `#${l.trim()}`]));
  return links[example];
}

/// Looks at one screen: the problems found, and its screenshot saved for
/// review and compared with its baseline.
async function look(page, view, example, theme, options, found) {
  // As a person arriving sees it: from the top, nothing under the pointer.
  await page.evaluate(() => { scrollTo(0, 0); document.activeElement?.blur(); });
  await page.mouse.move(0, 0);
  const problems = await page.evaluate(inspect, options);
  for (const p of problems) found.push(`${view} ${example} ${theme}: ${p}`);
  await shoot(page, view, `${example}-${theme}`);
}

const VIEWS = [
  { view: "main-1280", viewport: { width: 1280, height: 720 } },
  { view: "desktop-1366", viewport: { width: 1366, height: 768 }, table: true },
  { view: "desktop-1920", viewport: { width: 1920, height: 1080 } },
  { view: "phone-320", viewport: { width: 320, height: 640 }, phone: true },
  { view: "phone-390", viewport: { width: 390, height: 844 }, phone: true },
];

for (const { view, viewport, table, phone } of VIEWS) {
  test(`${view}: every example's steps in their list, nothing overlapping, covered or scrolling sideways${phone ? ", targets 24×24" : ""}`, async () => {
    const found = [];
    for (const example of LOOKED_AT) {
      const link = linkOf(example);
      for (const theme of THEMES) {
        const { context, page, errors } = await open(viewport, theme, env.site.url + link);
        await firstTrace(page);
        await until(page, () => document.querySelector('[data-testid="notice"]')?.textContent.includes("Opened"));
        await page.locator('[data-testid="notice"] button[aria-label="Dismiss"]').click();
        await look(page, view, example, theme, { steps: true, targets: phone }, found);
        if (table && await page.getByRole("button", { name: "Show as table" }).count()) {
          await openTable(page);
          await look(page, `${view}-table`, example, theme, { steps: true }, found);
        }
        if (phone) {
          await page.locator('[data-testid="view-fleet"]').click();
          await page.locator('[data-testid="fleet-agents"]').fill("10.1.4.20\n10.5.3.3\n2001:db8:10::20");
          await page.locator('[data-testid="fleet-run"]').click();
          await page.waitForSelector('[data-testid="fleet-table"], .virtual', { timeout: 15000 });
          await page.locator('[data-testid="who-run"]').click();
          await page.waitForSelector('[data-testid="who-answer"]');
          await look(page, `${view}-fleet`, example, theme, { targets: true }, found);
        }
        for (const e of errors) found.push(`${view} ${example} ${theme}: console: ${e}`);
        await context.close();
      }
    }
    assert.deepEqual(found, [], `${found.length} problems:\n${found.join("\n")}`);
  });
}

for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
  const view = `presenter-${viewport.width}`;
  test(`${view}: the picture's text at 24 px or more, the current step whole, nothing told before it is reached`, async () => {
    const found = [];
    for (const example of LOOKED_AT) {
      const link = linkOf(example);
      for (const theme of THEMES) {
        const { context, page, errors } = await open(viewport, theme, env.site.url + link);
        await firstTrace(page);
        await until(page, () => document.querySelector('[data-testid="notice"]')?.textContent.includes("Opened"));
        await openPresenter(page);
        const total = await page.evaluate(() => Number(document.querySelector(".presenter-bar span").textContent.match(/of (\d+)/)[1]));
        for (let i = 1; i <= total; i++) {
          if (i > 1) await page.keyboard.press("ArrowRight");
          await until(page, (k) => document.querySelector(".step.current")?.dataset.n === String(k), i);
          const seen = await page.evaluate(presenterLooks);
          for (const p of seen.problems) found.push(`${view} ${example} ${theme}: ${p}`);
          if (seen.smallest < 24) found.push(`${view} ${example} ${theme}: step ${i}: the picture's text is ${seen.smallest.toFixed(1)} px`);
          if (i === 1 && total > 1 && seen.cards.every((c) => c === "true")) found.push(`${view} ${example} ${theme}: step 1 already tells every outcome`);
          if (i === Math.ceil(total / 2)) await look(page, view, example, theme, { steps: true }, found);
        }
        for (const e of errors) found.push(`${view} ${example} ${theme}: console: ${e}`);
        await context.close();
      }
    }
    assert.deepEqual(found, [], `${found.length} problems:\n${found.join("\n")}`);
  });
}

test("embed: every example as a documentation page frames it, nothing overlapping, covered or scrolling sideways", async () => {
  const found = [];
  for (const example of LOOKED_AT) {
    const link = linkOf(example);
    for (const theme of THEMES) {
      const { context, page, errors } = await open({ width: 760, height: 900 }, theme, `${env.site.url}?embed=1&view=both${link}`);
      await firstTrace(page);
      await look(page, "embed", example, theme, { steps: true }, found);
      for (const e of errors) found.push(`embed ${example} ${theme}: console: ${e}`);
      await context.close();
    }
  }
  assert.deepEqual(found, [], `${found.length} problems:\n${found.join("\n")}`);
});

test("embed: a cut, changed or unknown link shows the link's error and no trace", async () => {
  const good = linkOf("floor-update-agent-down");
  const cases = [
    ["cut", good.slice(0, Math.floor(good.length * 0.6)), /cut short/],
    ["changed", good.slice(0, -6) + (good.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA"), /changed/],
    ["garbage", "#s1.deadbeef.garbage", /changed|cut short/],
    ["unknown", "#hello", /not a planner link/],
    ["none", "", /carries no scenario/],
  ];
  for (const [what, fragment, message] of cases) {
    const { context, page } = await open({ width: 760, height: 600 }, "light", `${env.site.url}?embed=1&view=both${fragment}`);
    await page.waitForSelector('[data-testid="embed-error"]', { timeout: 10000 });
    const text = await page.locator('[data-testid="embed-error"]').textContent();
    assert.match(text, message, `${what}: ${text}`);
    assert.equal(await page.locator('[data-testid="trace"]').count(), 0, `${what}: a trace is shown`);
    assert.equal(await page.locator('[data-testid="diagram"]').count(), 0, `${what}: a picture is shown`);
    await shoot(page, "embed-error", what);
    await context.close();
  }
});

test("the layout checks fail on a planted fault: a step moved out of its list, a step over the tabs, a table too wide", async () => {
  const link = linkOf("activeupdate-first");
  const faults = [
    [".step:nth-child(2) { position: absolute; top: 0; left: 0; }", /step 2 is drawn outside the list|overlaps|covered/],
    // The fault that once shipped: a trace kind sharing the skip link's class.
    ['.step.kind-skip { position: absolute; top: .4rem; left: -999px; }', /outside the list|reaches past the screen|not drawn|covered/],
    [".outcome { width: 2400px; }", /scrolls sideways|reaches past the screen/],
  ];
  for (const [css, expected] of faults) {
    const { context, page } = await open({ width: 1366, height: 768 }, "light", env.site.url + link, { bypassCSP: true });
    await firstTrace(page);
    await page.addStyleTag({ content: css });
    const problems = await page.evaluate(inspect, { steps: true });
    assert.ok(problems.some((p) => expected.test(p)), `${css} went unseen: ${problems.join("; ")}`);
    await context.close();
  }
  // Targets: a 16 px button on a phone is reported.
  const { context, page } = await open({ width: 390, height: 844 }, "light", env.site.url + link, { bypassCSP: true });
  await firstTrace(page);
  await page.addStyleTag({ content: '[data-testid="view-scenario"] { height: 16px; min-height: 0; padding: 0; }' });
  const problems = await page.evaluate(inspect, { targets: true });
  assert.ok(problems.some((p) => /view-scenario.* is \d+×16 px/.test(p)), problems.join("; "));
  await context.close();
});

test("screenshots match their reviewed baselines", async (t) => {
  const report = baselineReport();
  if (report.skipped) return t.skip(report.skipped);
  assert.deepEqual(report.differ, [], `${report.differ.length} screens differ from their baselines (see tests/e2e/artifacts/look/diff/):\n${report.differ.join("\n")}`);
});
