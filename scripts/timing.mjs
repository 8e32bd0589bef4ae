// The page's speed in headless Chromium against dist/ on a local static server:
//   first trace: navigation start to the first trace drawn, median of 5 cold loads;
//   keystroke:   a key typed in a 1,024-line list to the updated trace, median of 15;
//   large paste: a 100,000-line (5 MB) paste to the trace with W1, and a
//                change of the agent's address with that list, median of 3.
import { launch, startServer, openPage } from "../tests/e2e/browser.mjs";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const browser = await launch();
const site = await startServer("/");

// Records when the trace list is first filled, and when it changes after a key.
const OBSERVER = `
  window.__firstTrace = null; window.__changes = [];
  new MutationObserver(() => {
    const li = document.querySelector('[data-testid="trace"] li');
    if (li && window.__firstTrace === null) window.__firstTrace = performance.now();
    if (li) window.__changes.push(performance.now());
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  document.addEventListener("keydown", () => { window.__key = performance.now(); }, true);
`;

const loads = [];
for (let i = 0; i < 5; i++) {
  const { context, page } = await openPage(browser, site.origin);
  await page.addInitScript(OBSERVER);
  await page.goto(site.url);
  await page.waitForFunction(() => window.__firstTrace !== null);
  loads.push(await page.evaluate(() => window.__firstTrace));
  await context.close();
}

const lines = [];
for (let i = 0; i < 1024; i++) lines.push(`10.${i >> 8}.${i & 255}.0/24 -> ua://10.${i >> 8}.${i & 255}.5 # floor ${i}`);
const { context, page } = await openPage(browser, site.origin);
await page.addInitScript(OBSERVER);
await page.goto(site.url);
await page.waitForFunction(() => window.__firstTrace !== null);
await page.locator('[data-testid="agent-addresses"]').fill("10.3.255.77");
await page.locator('[data-testid="source-list"]').fill(lines.join("\n"));
await page.waitForFunction(() => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "ua://10.3.255.5");
const keys = [];
const area = page.locator('[data-testid="source-list"]');
await area.focus();
await page.keyboard.press("Control+End");
for (let i = 0; i < 15; i++) {
  await page.evaluate(() => { window.__changes = []; });
  const key = i % 2 === 0 ? "x" : "Backspace";
  await page.keyboard.press(key);
  // Typing "x" into the last line's label changes that entry's label in the trace.
  await page.waitForFunction(() => window.__changes.some((t) => t > window.__key));
  keys.push(await page.evaluate(() => Math.min(...window.__changes.filter((t) => t > window.__key)) - window.__key));
}
await context.close();

// A 100,000-line paste, delivered as the browser delivers a paste.
const big = Array.from({ length: 100000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.0/24 -> ua://10.${(i >> 8) & 255}.${i & 255}.5 # branch office ${i}`).join("\n");
const pastes = [], switches = [];
for (let i = 0; i < 3; i++) {
  const { context: c, page: p } = await openPage(browser, site.origin);
  await p.addInitScript(OBSERVER);
  await p.goto(site.url);
  await p.waitForFunction(() => window.__firstTrace !== null);
  pastes.push(await p.evaluate(async (t) => {
    const area = document.querySelector('[data-testid="source-list"]');
    area.select();
    const data = new DataTransfer();
    data.setData("text/plain", t);
    const started = performance.now();
    area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    while (![...document.querySelectorAll('[data-testid="warnings"] li')].some((li) => li.dataset.rule === "W1")) {
      await new Promise((r) => requestAnimationFrame(r));
    }
    return performance.now() - started;
  }, big));
  switches.push(await p.evaluate(async () => {
    const input = document.querySelector('[data-testid="agent-addresses"]');
    const before = document.querySelector('[data-testid="trace"]').textContent;
    const started = performance.now();
    input.value = "10.2.7.9";
    input.dispatchEvent(new InputEvent("input", { bubbles: true }));
    while (document.querySelector('[data-testid="trace"]').textContent === before) await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - started;
  }));
  await c.close();
}
await browser.close();
site.server.close();

const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(", ");
console.log(`\nfirst trace after navigation: median ${median(loads).toFixed(0)} ms (target < 300 ms)  [${fmt(loads)}]`);
console.log(`keystroke in a 1,024-line list to the updated trace: median ${median(keys).toFixed(1)} ms (target < 50 ms)  [${fmt(keys)}]`);
console.log(`100,000-line paste to the trace with W1: median ${median(pastes).toFixed(0)} ms  [${fmt(pastes)}]`);
console.log(`agent's address changed with that list, to the updated trace: median ${median(switches).toFixed(0)} ms  [${fmt(switches)}]`);
