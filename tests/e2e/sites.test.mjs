// The integrations in sites built by the real generators, served under a
// sub-path and read in Chromium as a reader would: a fence renders with one
// arrow per attempt of `planner trace --json`, in a nested chapter too; the
// site's theme switch turns the element and the static figure dark and
// back; nothing leaves the site, nothing fails in the console, and axe-core
// finds nothing serious inside the element, light or dark.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { launch, openPage, planner, ARTIFACTS } from "./browser.mjs";
import { serve } from "../../scripts/static-server.mjs";

const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");
const SITES = "target/sites";

/// Attempts and skips of a scenario's trace: the arrows its picture draws.
function arrowsOf(json, item) {
  const file = join(SITES, "scenario.json");
  writeFileSync(file, json);
  const t = JSON.parse(execFileSync(planner(), ["trace", "--json", file], { encoding: "utf8" }));
  return t.steps.filter((s) => (s.kind === "attempt" || s.kind === "skip") && (!item || s.item === item)).length;
}

/// The sentences of a scenario's steps, as `planner trace --json` words them.
function stepsOf(json) {
  const file = join(SITES, "scenario.json");
  writeFileSync(file, json);
  return JSON.parse(execFileSync(planner(), ["trace", "--json", file], { encoding: "utf8" })).steps.map((s) => s.text);
}

/// The scenarios of a Markdown file's fences, in order (JSON ones only).
const fencedJson = (file) => [...readFileSync(file, "utf8").matchAll(/^```update-source-trace[^\n]*\n(\{.*?)^```$/gms)].map((m) => m[1]);

/// Relative luminance (WCAG) of a CSS rgb() colour.
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/// What the reader sees of each element on the page, once rendered: its
/// arrows (in the drawing shown), its error box if any, its background.
async function elements(page) {
  await page.waitForFunction(() => [...document.querySelectorAll("update-source-trace")].every((e) => e.shadowRoot?.querySelector(".outcome, .error")), null, { timeout: 15000 });
  return page.evaluate(() => [...document.querySelectorAll("update-source-trace")].map((e) => {
    const shown = [...e.shadowRoot.querySelectorAll(".picture > div")].find((d) => getComputedStyle(d).display !== "none");
    return {
      arrows: shown ? shown.querySelectorAll(".dg-arrow[data-step]").length : null,
      error: e.shadowRoot.querySelector(".error")?.textContent ?? null,
      background: getComputedStyle(e).backgroundColor,
      steps: [...e.shadowRoot.querySelectorAll(".steps li")].map((li) => li.textContent),
      link: e.shadowRoot.querySelector("a[part=link]")?.href ?? null,
    };
  }));
}

/// axe-core over the elements (their shadow roots included).
async function auditElements(page, name) {
  await page.addScriptTag({ content: AXE });
  const grave = await page.evaluate(async () => {
    const r = await window.axe.run({ include: [["update-source-trace"], [".usp-figure"]] }, { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  assert.deepEqual(grave, [], `${name}: serious or critical accessibility violations inside the element`);
}

const site = {};
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  site.browser = await launch();
});
after(async () => {
  await site.browser?.close();
  for (const s of Object.values(site)) if (s?.server) s.server.close();
});

/// Builds the fixture book with the real mdBook after `planner mdbook install`.
function buildBook() {
  const book = join(SITES, "mdbook");
  rmSync(book, { recursive: true, force: true });
  mkdirSync(SITES, { recursive: true });
  cpSync("tests/sites/mdbook", book, { recursive: true });
  execFileSync(planner(), ["mdbook", "install", book, "--kit", "dist/api"], { encoding: "utf8" });
  execFileSync("mdbook", ["build", book], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return join(book, "book");
}

test("mdBook: fences render as the element and the static figure, in nested chapters and print.html, under a sub-path", async () => {
  const served = await serve(buildBook(), 0, "/docs/book/");
  site.mdbook = { server: served };
  const origin = `http://127.0.0.1:${served.address().port}`;
  const base = `${origin}/docs/book/`;
  const { context, page, foreign, problems } = await openPage(site.browser, origin);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.goto(`${base}intro.html`);
  const intro = await elements(page);
  const [first, second] = fencedJson("tests/sites/mdbook/src/intro.md");
  assert.equal(intro.length, 2, "two fences, and the example inside a longer fence left as code");
  assert.equal(intro[0].error, null);
  assert.equal(intro[0].arrows, arrowsOf(first), "one arrow per attempt and skip");
  assert.equal(intro[1].arrows, arrowsOf(second, "components"), "item=components: that item's arrows only");
  assert.ok(intro[0].steps.some((s) => s.includes("Floor *1*")), `the label keeps its asterisks: ${intro[0].steps.join(" | ")}`);
  const cli = stepsOf(first);
  assert.equal(intro[0].steps.length, cli.length);
  intro[0].steps.forEach((s, i) => assert.ok(s.includes(cli[i]), `step ${i + 1} worded as planner trace words it: ${s} / ${cli[i]}`));
  assert.equal(await page.locator("pre code").filter({ hasText: "update-source-trace" }).count(), 1, "the example fence stays code");
  // Open in the full planner: the planner copied beside the kit, with the scenario.
  assert.ok(intro[0].link.startsWith(`${base}update-source-planner/#s2.`), intro[0].link);
  await page.screenshot({ path: `${ARTIFACTS}/site-mdbook-light.png`, fullPage: true });
  assert.ok(luminance(intro[0].background) > 0.5, `light: ${intro[0].background}`);
  await auditElements(page, "mdBook light");

  // The reader switches mdBook's theme to Navy: the element follows, and back.
  await page.locator("#mdbook-theme-toggle").click();
  await page.locator("#mdbook-theme-navy").click();
  await page.waitForFunction(() => document.querySelector("update-source-trace")?.dataset.ustTheme === "dark");
  const dark = await elements(page);
  assert.ok(luminance(dark[0].background) < 0.2, `navy: ${dark[0].background}`);
  await page.screenshot({ path: `${ARTIFACTS}/site-mdbook-navy.png`, fullPage: true });
  await auditElements(page, "mdBook navy");

  // A nested chapter, its scenario from a file beside it.
  await page.goto(`${base}guide/floors.html`);
  const floors = await elements(page);
  assert.equal(floors[0].arrows, arrowsOf(readFileSync("tests/sites/mdbook/src/guide/floor.json", "utf8")));
  assert.equal(floors[0].error, null);

  // The static figure: built with the book, dark with the site's Navy.
  await page.goto(`${base}guide/static.html`);
  const figure = page.locator(".usp-figure");
  assert.equal(await figure.count(), 1);
  assert.equal(await figure.locator(".usp-wide .dg-arrow[data-step]").count(), arrowsOf(readFileSync("tests/sites/mdbook/src/guide/floor.json", "utf8")));
  const figureBackground = () => figure.evaluate((f) => getComputedStyle(f).backgroundColor);
  assert.ok(luminance(await figureBackground()) < 0.2, "the figure follows Navy");
  await page.locator("#mdbook-theme-toggle").click();
  await page.locator("#mdbook-theme-light").click();
  await page.waitForFunction(() => document.documentElement.classList.contains("light"));
  assert.ok(luminance(await figureBackground()) > 0.5, "and back to Light");
  await auditElements(page, "mdBook static figure");

  // print.html holds every chapter: every element renders there too.
  await page.goto(`${base}print.html`);
  const printed = await elements(page);
  assert.equal(printed.length, 3);
  assert.ok(printed.every((e) => e.error === null && e.arrows > 0));

  // On a phone the stacked drawing, its text 12 px or more.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${base}intro.html`);
  await elements(page);
  const smallest = await page.evaluate(() => {
    const e = document.querySelector("update-source-trace");
    const svg = [...e.shadowRoot.querySelectorAll(".picture > div")].find((d) => getComputedStyle(d).display !== "none").querySelector("svg");
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Math.min(...[...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
  });
  assert.ok(smallest >= 12, `text on a phone: ${smallest.toFixed(1)} px`);
  await page.screenshot({ path: `${ARTIFACTS}/site-mdbook-phone.png`, fullPage: true });

  assert.deepEqual(foreign, [], "nothing leaves the site");
  assert.deepEqual(problems, [], "no console error");
  await context.close();
});
