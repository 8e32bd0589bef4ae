// Hostile and broken input in the page: huge pastes, storage that fails,
// links of every broken kind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, openPage, freshPage, firstTrace, shareLink } from "./browser.mjs";

const env = suite();

/// A paste into the list's text area, as the browser delivers it: a paste
/// event carrying the text. Returns how long the page took to take it.
async function paste(page, text, selector = '[data-testid="source-list"]', { replace = true } = {}) {
  return page.evaluate(([t, sel, whole]) => {
    const area = document.querySelector(sel);
    area.focus();
    if (whole) area.select?.();
    const data = new DataTransfer();
    data.setData("text/plain", t);
    const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
    const started = performance.now();
    // A paste the page does not take goes into the text area as the browser would.
    if (area.dispatchEvent(event)) {
      area.setRangeText(t, area.selectionStart, area.selectionEnd, "end");
      area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    }
    return performance.now() - started;
  }, [text, selector, replace]);
}

test("a 100,000-line, 5 MB paste is read, W1 says what is over 1024, and the page answers after", async () => {
  const { context, page, problems } = await freshPage(env.browser, env.site.origin, env.site.url);
  const lines = [];
  for (let i = 0; i < 100000; i++) lines.push(`10.${(i >> 8) & 255}.${i & 255}.0/24 -> ua://10.${(i >> 8) & 255}.${i & 255}.5 # branch office ${i}`);
  const text = lines.join("\n");
  assert.ok(text.length > 5_000_000);
  const started = Date.now();
  const handler = await paste(page, text);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="warnings"] li')].some((li) => li.dataset.rule === "W1"), null, { timeout: 30000 });
  const ms = Date.now() - started;
  console.log(`# 100,000-line paste: ${handler.toFixed(0)} ms in the paste handler, ${ms} ms to the trace with W1`);
  // Shown read-only, drawn only where in sight, with the right numbers.
  assert.match(await page.locator('[data-testid="large-list-note"]').textContent(), /^100000 lines, 5\.\d MB/);
  assert.equal(await page.locator('[data-testid="source-list"]').count(), 0);
  assert.ok(await page.locator('[data-testid="source-list-view"] tr[data-line]').count() < 80);
  assert.match(await page.locator('[data-testid="list-status"]').textContent(), /^100,000 entries.*over the console's 1024 entries/);
  await page.locator('[data-testid="source-list-view"]').evaluate((v) => { v.scrollTop = 99_990 * 20; v.dispatchEvent(new Event("scroll")); });
  await page.waitForSelector('[data-testid="source-list-view"] tr[data-line="100000"]');
  assert.match(await page.locator('[data-testid="source-list-view"] tr[data-line="100000"]').textContent(), /branch office 99999$/);
  // The page still answers quickly: a what-if switch redraws the trace.
  const t0 = Date.now();
  await page.locator('[data-testid="down-server"]').check();
  await page.waitForFunction(() => document.querySelector('[data-testid="down-server"]').checked);
  console.log(`# what-if switch with the 100,000-line list: ${Date.now() - t0} ms`);
  // Pasting onto the view replaces the list; clearing brings the text area back.
  await paste(page, "10.1.0.0/16 -> server", '[data-testid="source-list-view"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="source-list"]')?.value === "10.1.0.0/16 -> server");
  await page.locator('[data-testid="source-list"]').fill("");
  await paste(page, text);
  await page.waitForSelector('[data-testid="clear-list"]');
  await page.locator('[data-testid="clear-list"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="source-list"]')?.value === "");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a large paste keeps what is around the caret, and the list can still be edited as text", async () => {
  const { context, page, problems } = await freshPage(env.browser, env.site.origin, env.site.url);
  const area = page.locator('[data-testid="source-list"]');
  await area.fill("# first\n* -> server # last");
  await area.evaluate((a) => a.setSelectionRange(8, 8));
  const many = Array.from({ length: 12000 }, (_, i) => `10.9.${(i >> 8) & 255}.${i & 255} -> ua://10.9.0.5`).join("\n") + "\n";
  await paste(page, many, undefined, { replace: false });
  await page.waitForSelector('[data-testid="source-list-view"]');
  await page.locator('[data-testid="edit-large"]').click();
  const value = await area.inputValue();
  assert.ok(value.startsWith("# first\n10.9.0.0 -> ua://10.9.0.5\n"));
  assert.ok(value.endsWith("10.9.46.223 -> ua://10.9.0.5\n* -> server # last"));
  assert.match(await page.locator('[data-testid="list-status"]').textContent(), /^12,001 entries/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a paste over the limit is refused with a message and kept", async () => {
  const { context, page } = await freshPage(env.browser, env.site.origin, env.site.url);
  const text = "* -> server # " + "x".repeat(7 * 1024 * 1024);
  await paste(page, text);
  await page.waitForFunction(() => document.querySelector('[data-testid="errors"]')?.textContent.includes("at most 6 MB"), null, { timeout: 20000 });
  assert.match(await page.locator('[data-testid="large-list-note"]').textContent(), /^1 lines, 7\.3 MB/);
  await page.locator('[data-testid="edit-large"]').click();
  assert.equal((await page.locator('[data-testid="source-list"]').inputValue()).length, text.length);
  await context.close();
});

test("storage that is full or disabled is reported and the page still works", async () => {
  const { context, page, problems } = await openPage(env.browser, env.site.origin);
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException("quota", "QuotaExceededError"); };
  });
  await page.goto(env.site.url);
  await firstTrace(page);
  await page.locator('[data-testid="agent-addresses"]').fill("10.2.0.9");
  await page.waitForFunction(() => document.querySelector('[data-testid="notice"]')?.textContent.includes("could not be saved"));
  assert.equal(await page.locator('[data-testid="outcome-components"]').getAttribute("data-source"), "ua://10.2.0.5");
  assert.deepEqual(problems, []);
  await context.close();
});

test("each kind of broken link has its own message and keeps the work", async () => {
  const { context, page } = await freshPage(env.browser, env.site.origin, env.site.url);
  await page.locator('[data-testid="share"]').click();
  const link = await shareLink(page);
  const frag = link.split("#")[1];
  const [, sum, length, body] = frag.split(".");
  const flipped = sum === "00000000" ? "11111111" : "00000000";
  const tail = body.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA";
  const cases = [
    [frag.slice(0, frag.length - 7), /cut short/],
    [`s2.${flipped}.${length}.${body}`, /changed after it was made/],
    [`s2.${sum}.${length}.${body.slice(0, 10)}*${body.slice(11)}`, /changed after it was made/],
    // Its tail changed, its length whole: changed, not cut.
    [`s2.${sum}.${length}.${body.slice(0, -6)}${tail}`, /changed after it was made/],
    [`s7.${sum}.${body}`, /newer planner/],
    [`s1.0.${"A".repeat(1024 * 1024 + 10)}`, /too long/],
    ["nonsense", /not a planner link/],
  ];
  for (const [bad, message] of cases) {
    await page.goto(`${env.site.url}#${bad}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="notice"]'));
    const notice = await page.locator('[data-testid="notice"]').textContent();
    assert.match(notice, message, bad.slice(0, 40));
    assert.match(notice, /current work is kept/);
    assert.equal(await page.locator('[data-testid="outcome-components"]').getAttribute("data-source"), "ua://10.0.0.5");
    await page.locator('[data-testid="notice"] button[aria-label="Dismiss"]').click();
  }
  await context.close();
});

test("a large paste is read in slices with a progress bar: Cancel keeps the list, and a finished one is kept through a reload", async () => {
  const { context, page, problems } = await freshPage(env.browser, env.site.origin, env.site.url);
  const before = await page.locator('[data-testid="list-status"]').textContent();
  const text = Array.from({ length: 100000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.0/24 -> ua://10.${(i >> 8) & 255}.${i & 255}.5`).join("\n");
  await paste(page, text);
  // The bar shows once the reading has run 100 ms; Cancel stops it and the list stays.
  const cancel = page.locator('[data-testid="list-reading-cancel"]');
  await cancel.click();
  await page.waitForSelector('[data-testid="list-reading"]', { state: "detached" });
  await page.waitForTimeout(800);
  assert.equal(await page.locator('[data-testid="list-status"]').textContent(), before);
  assert.equal(await page.locator('[data-testid="large-list-note"]').count(), 0);
  // Read to the end, it becomes the list, and survives a reload of the page.
  await paste(page, text);
  await page.waitForSelector('[data-testid="list-reading"] progress');
  await page.waitForFunction(() => /^100,000 entries/.test(document.querySelector('[data-testid="list-status"]').textContent), null, { timeout: 30000 });
  assert.equal(await page.locator('[data-testid="list-reading"]').count(), 0);
  // Written in slices, the saved JSON is the whole list.
  await page.waitForFunction(() => (localStorage.getItem("update-source-planner.scenario") ?? "").includes("10.134.159.0/24 -> ua://10.134.159.5\""), null, { timeout: 10000 });
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("update-source-planner.scenario")).sources.list);
  assert.equal(saved, text);
  // Too large for a link: the address bar holds no older scenario's link for a reload to open over it.
  await page.waitForFunction(() => location.hash === "", null, { timeout: 10000 });
  await page.reload();
  await page.waitForFunction(() => /^100,000 entries/.test(document.querySelector('[data-testid="list-status"]')?.textContent ?? ""), null, { timeout: 30000 });
  assert.deepEqual(problems, []);
  await context.close();
});
