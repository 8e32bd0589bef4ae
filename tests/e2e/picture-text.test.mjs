// No text of the picture is drawn over another: every example, at 1280 and
// 1920 wide, in the page (each item's drawing), in presenter mode (at every
// step) and in the drawing the PNG download is made from (the SVG handed to
// the browser's canvas, caught as it is). Each <text> is measured as drawn
// (getBoundingClientRect), in the fonts this machine has.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { suite, firstTrace, openPresenter, until } from "./browser.mjs";

const env = suite();
const EXAMPLES = JSON.parse(readFileSync("www/examples/index.json", "utf8")).map((e) => e.file.replace(/\.json$/, ""));
const WIDTHS = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }];

let links;
/// Each example's share link, as `planner links` writes them.
function linkOf(example) {
  links ??= Object.fromEntries(execFileSync("cargo", ["run", "-q", "--locked", "--bin", "planner", "--", "links",
    ...EXAMPLES.map((e) => `www/examples/${e}.json`)], { encoding: "utf8" }).trim().split("\n").map((l, i) => [EXAMPLES[i], `#${l.trim()}`]));
  return links[example];
}

/// Inside the page: the pairs of texts of the pictures matched by
/// `selector` drawn over each other (by more than a pixel each way).
function overprinted(selector) {
  const found = [];
  for (const svg of document.querySelectorAll(selector)) {
    const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim() && t.checkVisibility())
      .map((t) => ({ words: t.textContent.trim(), r: t.getBoundingClientRect() }))
      .filter((t) => t.r.width > 0 && t.r.height > 0);
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].r, b = texts[j].r;
        const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (across > 1 && down > 1) found.push(`"${texts[i].words}" over "${texts[j].words}" (${Math.round(across)}×${Math.round(down)} px)`);
      }
    }
  }
  return found;
}

/// Catches the SVG the PNG download draws: the page hands it to an image
/// as a data: URL, which is recorded here before the image loads.
function catchPictures() {
  window.__pictures = [];
  const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    ...src,
    set(value) {
      if (String(value).startsWith("data:image/svg+xml;base64,")) window.__pictures.push(String(value));
      src.set.call(this, value);
    },
  });
}

async function open(viewport, example) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript(catchPictures);
  await page.goto(env.site.url + linkOf(example));
  await firstTrace(page);
  return { context, page, errors };
}

for (const viewport of WIDTHS) {
  test(`${viewport.width}: no text of any example's picture is drawn over another, in the page and in presenter mode`, async () => {
    const found = [];
    for (const example of EXAMPLES) {
      const { context, page, errors } = await open(viewport, example);
      const say = (where, over) => over.forEach((o) => found.push(`${example} ${where}: ${o}`));
      // Each item's drawing, chosen as a reader chooses it.
      const items = await page.locator('[data-testid^="diagram-item-"]').evaluateAll((bs) => bs.map((b) => b.dataset.testid));
      for (const id of items.length ? items : [null]) {
        if (id) await page.locator(`[data-testid="${id}"]`).click();
        say(`page ${id ?? ""}`, await page.evaluate(overprinted, '[data-testid="diagram"] figure:not(.dg-hidden) svg'));
      }
      await openPresenter(page);
      const total = await page.evaluate(() => Number(document.querySelector(".presenter-bar span").textContent.match(/of (\d+)/)[1]));
      for (let i = 1; i <= total; i++) {
        if (i > 1) await page.keyboard.press("ArrowRight");
        await until(page, (k) => document.querySelector(".presenter-bar span")?.textContent.startsWith(`Step ${k} `), i);
        say(`presenter step ${i}`, await page.evaluate(overprinted, ".presenter-picture svg"));
      }
      errors.forEach((e) => found.push(`${example}: ${e}`));
      await context.close();
    }
    assert.deepEqual(found, [], `${found.length} texts drawn over others:\n${found.join("\n")}`);
  });
}

test("no text of the drawing a PNG download is made from is drawn over another, every example", async () => {
  const found = [];
  const sheet = await env.browser.newPage();
  for (const example of EXAMPLES) {
    const { context, page, errors } = await open(WIDTHS[0], example);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="download-png"]').click()]);
    assert.match(download.suggestedFilename(), /\.png$/);
    const pictures = await page.evaluate(() => window.__pictures);
    assert.equal(pictures.length, 1, `${example}: the PNG is drawn from one SVG`);
    const svg = Buffer.from(pictures[0].split(",")[1], "base64").toString("utf8");
    // As the canvas draws it: the document alone, at its own size, with its own style.
    await sheet.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
    const items = await sheet.evaluate(() => document.querySelectorAll("svg svg").length);
    assert.ok(items >= 1, `${example}: a drawing per item`);
    for (const o of await sheet.evaluate(overprinted, "body > svg")) found.push(`${example} PNG: ${o}`);
    errors.forEach((e) => found.push(`${example}: ${e}`));
    await context.close();
  }
  await sheet.close();
  assert.deepEqual(found, [], `${found.length} texts drawn over others:\n${found.join("\n")}`);
});

test("the check finds text drawn over text", async () => {
  const page = await env.browser.newPage();
  await page.setContent(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60" style="font:17px system-ui"><text x="12" y="22" font-weight="600">Programs and hot fixes</text><text x="196" y="22">corporate network edge</text><text x="12" y="50">alone</text></svg>`);
  assert.deepEqual((await page.evaluate(overprinted, "svg")).map((o) => o.replace(/ \(.*/, "")), ['"Programs and hot fixes" over "corporate network edge"']);
  await page.close();
});
