// Hostile and broken input in the page: huge pastes, storage that fails,
// links of every broken kind.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, startServer, openPage, firstTrace, shareLink } from "./browser.mjs";

let browser, site;

/// As a paste does: the whole text arrives in the list in one input event.
async function paste(page, text) {
  await page.evaluate((t) => {
    const area = document.querySelector('[data-testid="source-list"]');
    area.value = t;
    area.dispatchEvent(new InputEvent("input", { bubbles: true }));
  }, text);
}
before(async () => { browser = await launch(); site = await startServer("/"); });
after(async () => { await browser?.close(); site?.server.close(); });

test("a 100,000-line, 5 MB paste is read, W1 says what is over 1024, and the page answers after", async () => {
  const { context, page, problems } = await openPage(browser, site.origin);
  await page.goto(site.url);
  await firstTrace(page);
  const lines = [];
  for (let i = 0; i < 100000; i++) lines.push(`10.${(i >> 8) & 255}.${i & 255}.0/24 -> ua://10.${(i >> 8) & 255}.${i & 255}.5 # branch office ${i}`);
  const text = lines.join("\n");
  assert.ok(text.length > 5_000_000);
  const started = Date.now();
  await paste(page, text);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="warnings"] li')].some((li) => li.dataset.rule === "W1"), null, { timeout: 30000 });
  const ms = Date.now() - started;
  console.log(`# 100,000-line paste to trace: ${ms} ms`);
  // The page still answers: a what-if switch redraws the trace.
  await page.locator('[data-testid="down-server"]').check();
  await page.waitForFunction(() => document.querySelector('[data-testid="down-server"]').checked);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a paste over the limit is refused with a message and kept in the text area", async () => {
  const { context, page } = await openPage(browser, site.origin);
  await page.goto(site.url);
  await firstTrace(page);
  const text = "* -> server # " + "x".repeat(7 * 1024 * 1024);
  await paste(page, text);
  await page.waitForFunction(() => document.querySelector('[data-testid="errors"]')?.textContent.includes("at most 6 MB"), null, { timeout: 20000 });
  assert.equal((await page.locator('[data-testid="source-list"]').inputValue()).length, text.length);
  await context.close();
});

test("storage that is full or disabled is reported and the page still works", async () => {
  const { context, page, problems } = await openPage(browser, site.origin);
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException("quota", "QuotaExceededError"); };
  });
  await page.goto(site.url);
  await firstTrace(page);
  await page.locator('[data-testid="agent-addresses"]').fill("10.2.0.9");
  await page.waitForFunction(() => document.querySelector('[data-testid="notice"]')?.textContent.includes("could not be saved"));
  assert.equal(await page.locator('[data-testid="outcome-components"]').getAttribute("data-source"), "ua://10.2.0.5");
  assert.deepEqual(problems, []);
  await context.close();
});

test("each kind of broken link has its own message and keeps the work", async () => {
  const { context, page } = await openPage(browser, site.origin);
  await page.goto(site.url);
  await firstTrace(page);
  await page.locator('[data-testid="share"]').click();
  const link = await shareLink(page);
  const frag = link.split("#")[1];
  const [, sum, body] = frag.split(".");
  const flipped = sum === "00000000" ? "11111111" : "00000000";
  const cases = [
    [frag.slice(0, frag.length - 7), /cut short/],
    [`s1.${flipped}.${body}`, /changed after it was made/],
    [`s1.${sum}.${body.slice(0, 10)}*${body.slice(11)}`, /changed after it was made/],
    [`s7.${sum}.${body}`, /newer planner/],
    [`s1.0.${"A".repeat(1024 * 1024 + 10)}`, /too long/],
    ["nonsense", /not a planner link/],
  ];
  for (const [bad, message] of cases) {
    await page.goto(`${site.url}#${bad}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="notice"]'));
    const notice = await page.locator('[data-testid="notice"]').textContent();
    assert.match(notice, message, bad.slice(0, 40));
    assert.match(notice, /current work is kept/);
    assert.equal(await page.locator('[data-testid="outcome-components"]').getAttribute("data-source"), "ua://10.0.0.5");
    await page.locator('[data-testid="notice"] button[aria-label="Dismiss"]').click();
  }
  await context.close();
});
