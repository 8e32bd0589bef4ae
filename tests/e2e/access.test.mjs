// Every screen and every hand: axe-core in every view and theme, the
// keyboard alone, screen sizes from 320 px, and a coverage map people can read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { suite, openTable, openPresenter, firstTrace, audit, openForAudit, ARTIFACTS } from "./browser.mjs";

const env = suite();
const open = (options) => openForAudit(env, options);

test("axe-core: the page in light and dark, the table editor, presenter mode, print", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page } = await open({ colorScheme });
    await audit(page, `main page, ${colorScheme}`);
    await openTable(page);
    await audit(page, `table editor, ${colorScheme}`);
    await openPresenter(page);
    await page.keyboard.press("ArrowRight");
    await audit(page, `presenter, ${colorScheme}`);
    await page.keyboard.press("Escape");
    await page.emulateMedia({ media: "print" });
    await audit(page, `print, ${colorScheme}`);
    await context.close();
  }
});

test("axe-core: the Fleet tab with results and the coverage map, the Evidence tab, the embed view", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page } = await open({ colorScheme });
    await page.locator('[data-testid="tab-fleet"]').click();
    await page.locator('[data-testid="fleet-agents"]').fill("10.1.4.0/30\n192.168.1.1");
    await page.locator('[data-testid="fleet-run"]').click();
    await page.locator('[data-testid="coverage-run"]').click();
    await page.locator('[data-testid="outages-agent"]').click();
    await page.waitForSelector('[data-testid="coverage-ipv4"] rect');
    await audit(page, `fleet, ${colorScheme}`);
    await page.locator('[data-testid="tab-evidence"]').click();
    await page.locator('[data-testid="evidence"]').fill("Downloading [https://10.2.0.5:21112/activeupdate/server.ini]");
    await page.waitForSelector('[data-testid="evidence-summary"]');
    await audit(page, `evidence, ${colorScheme}`);
    await context.close();
    const embed = await open({ url: `${env.site.url}?embed=1`, colorScheme });
    await audit(embed.page, `embed, ${colorScheme}`);
    await embed.context.close();
  }
});

test("axe-core: a 100,000-line list and 100,000 agents shown read-only, a stopped batch", async () => {
  const lines = Array.from({ length: 100000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.0/24 -> ua://10.${(i >> 8) & 255}.${i & 255}.5`).join("\n");
  const agents = Array.from({ length: 100000 }, (_, i) => `10.${(i >> 12) & 3}.${(i >> 4) & 255}.${i & 15}`).join("\n");
  const paste = (selector, text) => page => page.locator(selector).evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  for (const colorScheme of ["light", "dark"]) {
    const { context, page } = await open({ colorScheme });
    await paste('[data-testid="source-list"]', lines)(page);
    await page.waitForSelector('[data-testid="large-list-note"]', { timeout: 30000 });
    await audit(page, `large list, ${colorScheme}`);
    await page.locator('[data-testid="tab-fleet"]').click();
    await paste('[data-testid="fleet-agents"]', agents)(page);
    await page.waitForSelector('[data-testid="fleet-agents-view"]');
    await page.evaluate(async () => {
      document.querySelector('[data-testid="fleet-run"]').click();
      await new Promise((r) => setTimeout(r, 0));
      document.querySelector('[data-testid="fleet-progress-cancel"]')?.click();
    });
    await page.waitForSelector('[data-testid="fleet-progress-stopped"]');
    await audit(page, `large agents and a stopped batch, ${colorScheme}`);
    await context.close();
  }
});

test("the keyboard alone: skip to the trace, toggle a what-if, open and close a rule quote, edit a table row", async () => {
  const { context, page } = await open();
  const active = () => page.evaluate(() => document.activeElement?.tagName);
  // The first Tab stop is the skip link.
  await page.keyboard.press("Tab");
  assert.match(await page.evaluate(() => document.activeElement?.textContent), /Skip to the trace/);
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "tab-panel");
  assert.ok(await page.evaluate(() => document.activeElement.contains(document.querySelector('[data-testid="trace"]'))));
  // A what-if switched by keyboard keeps the focus on the switch.
  await page.locator('[data-testid="down-ua://10.0.0.5"]').focus();
  await page.keyboard.press("Space");
  await page.waitForFunction(() => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "server");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "down-ua://10.0.0.5");
  // The outcome change is announced.
  assert.match(await page.locator('[data-testid="announce"]').textContent(), /components now from the OfficeScan server/);
  // A source button in a trace step keeps the focus on that source.
  await page.locator('[data-testid="trace"] li[data-source="ua://10.0.0.5"] button.src').first().focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "ua://10.0.0.5");
  assert.notEqual(await active(), "BODY");
  assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ""), /ua:\/\/10\.0\.0\.5/);
  // A rule quote opens with Enter and closes with Escape, focus back on its badge.
  const badge = page.locator('[data-testid="trace"] li[data-rule="L1"] details.rule summary').first();
  await badge.focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.locator('[data-testid="trace"] li[data-rule="L1"] details.rule').first().getAttribute("open"), "");
  await page.keyboard.press("Escape");
  assert.equal(await page.locator('[data-testid="trace"] li[data-rule="L1"] details.rule').first().getAttribute("open"), null);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "SUMMARY");
  // A click outside closes an open quote too.
  await badge.click();
  await page.locator("h1").click();
  assert.equal(await page.locator('[data-testid="trace"] li[data-rule="L1"] details.rule[open]').count(), 0);
  // A table row edited without the mouse.
  await page.getByRole("button", { name: "Show as table" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: /Edit entry 2/ }).focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Control+a");
  await page.keyboard.type("ua://10.2.0.9");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector('[data-testid="source-list"]').value.includes("ua://10.2.0.9"));
  assert.notEqual(await active(), "BODY");
  await context.close();
});

test("screens from 320 px: no sideways scroll, the trace one tap away on phones, the outcome in view after a what-if on wide screens", async () => {
  for (const [width, height] of [[320, 640], [390, 844], [1280, 720], [1920, 1080]]) {
    const { context, page } = await open({ viewport: { width, height } });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `sideways scroll at ${width}`);
    if (width < 900) {
      await page.locator('[data-testid="view-trace"]').click();
      assert.ok(await page.locator('[data-testid="trace"]').isVisible());
      assert.ok(await page.locator('[data-testid="outcome-components"]').isVisible());
      await page.screenshot({ path: `${ARTIFACTS}/screen-${width}x${height}.png` });
      await page.locator('[data-testid="view-scenario"]').click();
      assert.ok(await page.locator('[data-testid="source-list"]').isVisible());
      assert.ok(await page.locator('[data-testid="outcome-strip"]').isVisible(), "the outcome stays in sight");
    } else {
      // Toggle a what-if at the bottom of the inputs: the outcome is in view beside it.
      await page.locator('[data-testid="down-ua://10.0.0.5"]').scrollIntoViewIfNeeded();
      await page.locator('[data-testid="down-ua://10.0.0.5"]').check();
      await page.waitForFunction(() => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "server");
      const box = await page.locator('[data-testid="outcome-components"]').boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= height, `outcome out of view at ${width}×${height}`);
      await page.screenshot({ path: `${ARTIFACTS}/screen-${width}x${height}.png` });
    }
    await context.close();
  }
});

test("twenty sources on the coverage map: twenty distinct colour and pattern pairs, gaps in words", async () => {
  const lines = [];
  for (let i = 1; i <= 20; i++) lines.push(`10.${i}.0.0/16 -> ua://10.${i}.0.5`);
  const { context, page } = await open();
  await page.locator('[data-testid="source-list"]').fill(lines.join("\n"));
  await page.locator('[data-testid="tab-fleet"]').click();
  await page.locator('[data-testid="coverage-run"]').click();
  await page.waitForSelector('[data-testid="coverage-legend"] li');
  const pairs = await page.locator('[data-testid="coverage-legend"] li[data-source]').evaluateAll((els) => els.map((e) => `${e.dataset.colour}/${e.dataset.pattern}`));
  assert.equal(pairs.length, 20);
  assert.equal(new Set(pairs).size, 20, pairs.join(" "));
  const gaps = await page.locator('[data-testid="coverage-gaps"] > li').allTextContents();
  assert.ok(gaps.some((g) => /^0\.0\.0\.0 – 10\.0\.255\.255, 167\.8 million IPv4 addresses/.test(g)), gaps.join("|"));
  assert.ok(gaps.some((g) => /million|billion/.test(g)), gaps.join("|"));
  assert.match(await page.locator(".bar figcaption").first().textContent(), /log scale/);
  await context.close();
});
