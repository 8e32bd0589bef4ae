// The page as a visitor's phone and desktop load it: serves the built dist/
// gzipped (as hosts serve it), counts the bytes that arrive before the
// first paint and before the page is interactive (the live page in place
// of the built-in first view), then runs Lighthouse 12.2.3 three times on
// mobile (the median is printed) and once on desktop.
//   node scripts/lighthouse.mjs [dist]     (scripts/build.sh first)
// Needs Chromium and Lighthouse (scripts/setup.sh browser lighthouse). Not part of the test command: it takes two minutes,
// and its scores follow the machine's load.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";
import { serve } from "./static-server.mjs";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const LIGHTHOUSE = "lighthouse@12.2.3";
const dist = process.argv[2] ?? "dist";
const server = await serve(dist, 0, "/", { gzip: true });
const url = `http://127.0.0.1:${server.address().port}/`;

/// Bytes on the wire (gzipped bodies and headers) that had arrived when the
/// page first painted, and when the live page had replaced the first view.
async function bytes() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    // When the live page has replaced the first view.
    await page.addInitScript(() => new MutationObserver((_, seen) => {
      if (document.querySelector('[data-testid="trace"] li') && !document.querySelector("[data-first-view]")) {
        window.uspLive = performance.now();
        seen.disconnect();
      }
    }).observe(document, { childList: true, subtree: true }));
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('[data-testid="trace"] li') && !document.querySelector("[data-first-view]"), null, { timeout: 30000 });
    await page.waitForTimeout(500);
    return await page.evaluate(() => {
      const live = window.uspLive;
      const paint = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
      const loads = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
      const until = (t) => loads.filter((e) => e.responseEnd <= t).reduce((n, e) => n + e.transferSize, 0);
      return { paint: until(paint), live: until(live) };
    });
  } finally {
    await browser.close();
  }
}

/// One Lighthouse run's figures (run beside this process, which serves the page).
async function lighthouse(desktop) {
  const out = join(mkdtempSync(join(tmpdir(), "usp-lh-")), "report.json");
  await promisify(execFile)("npx", ["-y", LIGHTHOUSE, url, "--quiet", "--only-categories=performance", "--output=json", `--output-path=${out}`,
    "--chrome-flags=--headless --no-sandbox", ...(desktop ? ["--preset=desktop"] : [])],
  { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 300_000, maxBuffer: 1 << 26 });
  const r = JSON.parse(readFileSync(out, "utf8"));
  const ms = (id) => r.audits[id].numericValue;
  return { score: Math.round(100 * r.categories.performance.score), fcp: ms("first-contentful-paint"), lcp: ms("largest-contentful-paint"), tbt: ms("total-blocking-time"), cls: ms("cumulative-layout-shift") };
}

try {
  const b = await bytes();
  const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
  console.log(`bytes before the first paint      ${kb(b.paint)}`);
  console.log(`bytes before interactive          ${kb(b.live)}`);
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await lighthouse(false));
  const median = [...runs].sort((a, b) => a.score - b.score || a.lcp - b.lcp)[1];
  const s = (n) => `${(n / 1000).toFixed(2)} s`;
  console.log(`mobile performance (median of 3)  ${median.score}   (runs: ${runs.map((r) => r.score).join(", ")})`);
  console.log(`  FCP ${s(median.fcp)}  LCP ${s(median.lcp)}  TBT ${Math.round(median.tbt)} ms  CLS ${median.cls.toFixed(3)}`);
  const d = await lighthouse(true);
  console.log(`desktop performance               ${d.score}   (FCP ${s(d.fcp)}  LCP ${s(d.lcp)}  TBT ${Math.round(d.tbt)} ms  CLS ${d.cls.toFixed(3)})`);
} finally {
  server.close();
}
