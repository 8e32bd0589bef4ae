// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core, the built dist/ served on loopback.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/static-server.mjs";

/// The command line built by the test command (or built here once).
export function planner() {
  const bin = "target/debug/planner";
  if (!existsSync(bin)) execFileSync("cargo", ["build", "--locked", "--bin", "planner"], { stdio: "ignore" });
  return bin;
}

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

export async function startServer(prefix = "/") {
  const server = await serve("dist", 0, prefix);
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}`, url: `http://127.0.0.1:${port}${prefix}` };
}

/// A fresh page that records every request leaving the page's origin and
/// every console error.
export async function openPage(browser, origin, { offline = false } = {}) {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"], offline });
  const page = await context.newPage();
  const foreign = [];
  const problems = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (!["data:", "blob:"].includes(u.protocol) && u.origin !== origin) foreign.push(r.url());
  });
  // A failed load names its address, so the failure says what was missing.
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text().startsWith("Failed to load resource") ? `${m.text()}: ${m.location().url}` : m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  return { context, page, foreign, problems };
}

/// Waits (up to 5 s) until `fn(arg)` holds in the page.
export function until(page, fn, arg) {
  return page.waitForFunction(fn, arg, { timeout: 5000 });
}

/// Waits until the service worker has the page's files and serves the
/// page: from then on it opens with the network off.
export async function servedOffline(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }
  });
}

/// Waits until the page's own trace is drawn: the live page, not the first
/// view index.html is built with (which the page replaces as it starts),
/// and shown (drawn in stages, it is hidden until the last: `starting`).
export async function firstTrace(page) {
  await page.waitForFunction(() => !document.querySelector("[data-first-view]") && !document.documentElement.classList.contains("opening-link") && !document.documentElement.classList.contains("starting") && document.querySelector('[data-testid="trace"] li'), null, { timeout: 15000 });
}

/// The link the Share button made (compressed by the browser, so it arrives a moment later).
export async function shareLink(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="share"]')?.dataset.link);
  return page.locator('[data-testid="share"]').getAttribute("data-link");
}

/// An element's href once it carries a scenario link.
export async function linkOf(page, selector) {
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute("href")?.includes("#s2."), selector);
  return page.locator(selector).getAttribute("href");
}

/// A fresh page at `url` with its first trace drawn.
export async function freshPage(browser, origin, url) {
  const opened = await openPage(browser, origin);
  await opened.page.goto(url);
  await firstTrace(opened.page);
  return opened;
}

/// Clicks `selector` and returns the download it starts: its suggested name and text.
export async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
  return { name: d.suggestedFilename(), text: (await (await d.createReadStream()).toArray()).join("") };
}

/// Where the suite saves screenshots for review.
export const ARTIFACTS = "tests/e2e/artifacts";

/// One browser and the built dist/ served (under `prefix`) for a test file:
/// `env.browser` and `env.site` once the file's tests run, and
/// `env.withPage(fn, options)`, `withPage` on them.
export function suite(prefix = "/") {
  const env = { withPage: (fn, options) => withPage(env, fn, options) };
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    env.browser = await launch();
    env.site = await startServer(prefix);
  });
  after(async () => {
    await env.browser?.close();
    env.site?.server.close();
  });
  return env;
}

/// Opens a fresh page at `url` (the page by default) with its first trace
/// drawn, runs `fn`, then checks that nothing left the page's origin and
/// nothing failed in the console (but what `expectedConsole` matches).
export async function withPage(env, fn, { url = env.site.url, origin = env.site.origin, viewport, colorScheme = "light", expectedConsole = null } = {}) {
  const { context, page, foreign, problems } = await openPage(env.browser, origin);
  try {
    if (viewport) await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme });
    await page.goto(url);
    await firstTrace(page);
    await fn(page, context);
    assert.deepEqual(foreign, [], "requests to other origins");
    assert.deepEqual(problems.filter((p) => !(expectedConsole && expectedConsole.test(p))), [], "console errors");
  } finally {
    await context.close();
  }
}

/// Opens presenter mode: it is loaded on demand, so the first time its code
/// is fetched before it shows. Resolves once its bar and current step are drawn.
export async function openPresenter(page) {
  await page.locator('[data-testid="presenter"]').click();
  await page.waitForSelector(".presenter-bar span", { timeout: 15000 });
  await page.waitForSelector(".step.current", { timeout: 5000 });
}

/// Shows the list as a table: loaded on demand, like the presenter.
export async function openTable(page) {
  await page.getByRole("button", { name: "Show as table" }).click();
  await page.waitForSelector(".list-table", { timeout: 15000 });
}

const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");

/// A page whose scripts the test may add to (axe), the page's own CSP aside.
export async function openForAudit(env, { url = env.site.url, viewport = { width: 1280, height: 900 }, colorScheme = "light" } = {}) {
  const context = await env.browser.newContext({ bypassCSP: true, viewport, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(url);
  await firstTrace(page).catch(() => {});
  return { context, page, problems };
}

/// Runs axe-core in the page: fails on serious and critical violations,
/// prints the moderate and minor ones.
export async function audit(page, name) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n")[1] ?? ""}`) }));
  });
  const grave = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of result.filter((v) => !grave.includes(v))) console.log(`axe ${name}: ${v.impact} ${v.id}: ${v.help}`);
  assert.deepEqual(grave, [], `${name}: serious or critical accessibility violations`);
}

