// The longest task on the page's thread (PerformanceObserver "longtask",
// which reports every task over 50 ms) while the page does its heaviest
// work, in headless Chromium against dist/:
//   a 100,000-line paste into the list, to the trace with W1;
//   a batch of 100,000 agents against a 1,024-entry list, to the table;
//   the coverage map of that list, drawn;
//   the outage impact over that list, to its answer.
// Target: no task over 50 ms. Prints each task's length.
import { launch, startServer, openPage } from "../tests/e2e/browser.mjs";

const browser = await launch();
const site = await startServer("/");

const OBSERVER = `
  window.__tasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push(e.duration); })
    .observe({ type: "longtask", buffered: false });
`;

async function fresh() {
  const { context, page } = await openPage(browser, site.origin);
  await page.addInitScript(OBSERVER);
  await page.goto(site.url);
  await page.waitForSelector('[data-testid="trace"] li');
  await page.waitForTimeout(300);
  return { context, page };
}

// Runs `act` in the page and waits for `done`; the long tasks meanwhile.
// `arg` is handed to the page first, so its transfer is not counted.
async function measure(page, act, done, arg) {
  await page.evaluate((a) => { window.__arg = a; }, arg);
  await page.waitForTimeout(300);
  await page.evaluate(() => { window.__tasks = []; });
  const started = Date.now();
  await page.evaluate(act);
  await page.waitForFunction(done, arg, { timeout: 120000, polling: 50 });
  await page.waitForTimeout(200);
  const tasks = await page.evaluate(() => window.__tasks);
  return { tasks, ms: Date.now() - started };
}

const paste = () => {
  const t = window.__arg;
  const area = document.querySelector('[data-testid="source-list"]');
  area.select();
  const data = new DataTransfer();
  data.setData("text/plain", t);
  area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
};
const hasW1 = () => [...document.querySelectorAll('[data-testid="warnings"] li')].some((li) => li.dataset.rule === "W1");

const results = [];
const big = Array.from({ length: 100000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.0/24 -> ua://10.${(i >> 8) & 255}.${i & 255}.5 # branch office ${i}`).join("\n");
{
  const { context, page } = await fresh();
  results.push(["100,000-line paste to the trace", await measure(page, paste, hasW1, big)]);
  await context.close();
}

const list = [];
for (let i = 0; i < 1024; i++) {
  list.push(i % 4 === 0 ? `10.${i >> 8}.${i & 255}.0/24 -> ua://10.${i >> 8}.${i & 255}.5 # floor ${i}`
    : i % 4 === 1 ? `2001:db8:${i.toString(16)}::/48 -> ua://[2001:db8:${i.toString(16)}::5]`
    : i % 4 === 2 ? `172.16.${i & 255}.0 - 172.16.${i & 255}.255 -> http://mirror${i}.corp.local/au`
    : `192.168.${i & 255}.0/24 -> server`);
}
list.push("* -> activeupdate");
const agents = Array.from({ length: 100000 }, (_, i) => {
  const k = (i * 7919) % 1024;
  switch (i % 5) {
    case 0: return `2001:db8:${k.toString(16)}::${(i % 65536).toString(16)}`;
    case 1: return `172.16.${k & 255}.${i & 255}`;
    case 2: return `192.168.${k & 255}.${i & 255}`;
    case 3: return `203.0.113.${i & 255}`;
    default: return `10.${(k >> 8) & 255}.${k & 255}.${i & 255}`;
  }
}).join("\n");
{
  const { context, page } = await fresh();
  await page.locator('[data-testid="source-list"]').fill(list.join("\n"));
  await page.waitForFunction(() => document.querySelector('[data-testid="trace"] li'));
  await page.locator('[data-testid="tab-fleet"]').click();
  await page.waitForSelector('[data-testid="fleet-agents"]');
  await page.evaluate((a) => {
    const area = document.querySelector('[data-testid="fleet-agents"]');
    area.value = a;
    area.dispatchEvent(new InputEvent("input", { bubbles: true }));
  }, agents);
  await page.waitForTimeout(500);
  results.push(["batch of 100,000 agents to the table", await measure(page,
    () => document.querySelector('[data-testid="fleet-run"]').click(),
    () => document.querySelector('[data-testid="fleet-table"]')?.dataset.rows === "100000")]);
  results.push(["coverage map of the 1,024-entry list", await measure(page,
    () => document.querySelector('[data-testid="coverage-run"]').click(),
    () => document.querySelector('[data-testid="coverage-legend"]'))]);
  await page.locator('[data-testid="fleet-agents-clear"]').click();
  await page.waitForTimeout(300);
  results.push(["outage impact over the 1,024-entry list", await measure(page,
    () => document.querySelector('[data-testid="outages-list"]').click(),
    () => document.querySelector('[data-testid="outages-list-result"] li'))]);
  await context.close();
}
await browser.close();
site.server.close();

console.log("\nlongest task on the page's thread (target: none over 50 ms):");
for (const [what, { tasks, ms }] of results) {
  const longest = tasks.length ? Math.max(...tasks) : 0;
  const verdict = longest > 50 ? "OVER" : "within";
  console.log(`  ${what.padEnd(44)} ${tasks.length ? longest.toFixed(0).padStart(5) + " ms" : " none over 50 ms"}  (${verdict}; ${tasks.length} long tasks: [${tasks.map((t) => t.toFixed(0)).join(", ")}]; ${ms} ms in all)`);
}
