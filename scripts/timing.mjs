// The page's speed in headless Chromium against dist/ on a local static server:
//   first trace: navigation start to the first trace drawn, median of 5 cold loads;
//   keystroke:   a key typed in a 1,024-line list to the updated trace, median of 15.
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
await browser.close();
site.server.close();

const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(", ");
console.log(`\nfirst trace after navigation: median ${median(loads).toFixed(0)} ms (target < 300 ms)  [${fmt(loads)}]`);
console.log(`keystroke in a 1,024-line list to the updated trace: median ${median(keys).toFixed(1)} ms (target < 50 ms)  [${fmt(keys)}]`);
