// The first view built into index.html: with JavaScript off it tells the
// first example's answer (the outcome per item, the picture, every step) as
// `planner trace --json` does; with JavaScript on it becomes the live page
// with no layout shift and no change of a pixel, takes no typing before the
// wasm runs, and the first keystroke afterwards changes the answer; a
// visitor with a link or kept work never sees it, from the first paint on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import { suite, planner, firstTrace, until, servedOffline, shareLink, ARTIFACTS } from "./browser.mjs";

const env = suite();
const FIRST = "www/examples/floor-update-agent-down.json";
const words = (item) => item.replace("-", " ").replace("programs", "programs and hot fixes");

/// A page whose wasm is held back until `release()`: what shows before it runs.
async function heldPage(options = {}) {
  const context = await env.browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/app-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  return { context, page, problems, release };
}

/// Records, from the document's first paint on, every frame in which the
/// first view was visible, and every layout shift.
const WATCH = () => {
  window.uspSeen = [];
  window.uspShifts = [];
  window.uspCards = [];
  new PerformanceObserver((list) => window.uspShifts.push(...list.getEntries().map((e) => e.value))).observe({ type: "layout-shift", buffered: true });
  const look = () => {
    const view = document.querySelector("[data-first-view]");
    if (view && view.checkVisibility({ visibilityProperty: true })) window.uspSeen.push(performance.now());
    // The live page's answer as each frame shows it, once the wasm runs.
    const card = document.querySelector('#live > .app [data-testid="outcome-components"]');
    const said = card?.checkVisibility({ visibilityProperty: true }) ? card.textContent : null;
    if (said && window.uspCards.at(-1) !== said) window.uspCards.push(said);
  };
  document.addEventListener("DOMContentLoaded", look);
  const frame = () => { look(); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
};

test("with JavaScript off, index.html tells the first example's outcome per item, picture and every step as planner trace --json does", async () => {
  const json = JSON.parse(execFileSync(planner(), ["trace", "--json", FIRST], { encoding: "utf8" }));
  for (const viewport of [{ width: 1280, height: 720 }, { width: 390, height: 844 }]) {
    const context = await env.browser.newContext({ javaScriptEnabled: false, viewport });
    const page = await context.newPage();
    try {
      await page.goto(env.site.url);
      const shown = await page.evaluate(() => {
        const view = document.querySelector("body > [data-first-view]");
        const figure = [...view.querySelectorAll(".diagram-holder figure")].find((f) => f.checkVisibility());
        return {
          inert: view.inert,
          outcome: [...view.querySelectorAll(".outcome .card")].map((c) => `${c.querySelector(".item").textContent}: ${c.querySelector(".status").textContent}`),
          steps: [...view.querySelectorAll('[data-testid="trace"] li')].map((li) => ({ ...li.dataset, text: li.querySelector(".text").textContent, visible: li.checkVisibility() })),
          item: figure?.dataset.item,
          arrows: [...(figure?.querySelectorAll(".dg-arrow") ?? [])].map((a) => ({ n: +a.dataset.step, result: a.dataset.result })),
          list: view.querySelector('[data-testid="source-list"]')?.value ?? view.querySelector("textarea")?.value,
          wide: document.documentElement.scrollWidth,
        };
      });
      assert.equal(shown.inert, true, "the first view takes no input");
      assert.deepEqual(shown.outcome, Object.entries(json.outcome).map(([item, o]) => `${words(item)}: ${o.words}`));
      assert.deepEqual(shown.steps.map((s) => +s.n), json.steps.map((s) => s.n));
      for (const [i, s] of json.steps.entries()) {
        const step = shown.steps[i];
        assert.ok(step.visible, `step ${s.n} is shown`);
        assert.deepEqual([step.kind, step.rule, step.item, step.source, step.result], [s.kind, s.rule, s.item ?? "", s.source ?? "", s.result ?? ""], `step ${s.n}`);
        assert.equal(step.assumed, String(s.assumed), `step ${s.n}`);
      }
      // The picture of components: an arrow per attempt and skip of that
      // item, each at its step with its result.
      assert.equal(shown.item, "components");
      const tried = json.steps.filter((s) => (s.kind === "attempt" || s.kind === "skip") && s.item === "components");
      assert.deepEqual(shown.arrows.map((a) => a.n), tried.map((s) => s.n), "an arrow per attempt and skip");
      for (const a of shown.arrows) {
        const s = tried.find((t) => t.n === a.n);
        if (s.result) assert.equal(a.result, s.result, `the arrow of step ${a.n}`);
      }
      assert.match(shown.list, /10\.1\.0\.0-10\.1\.255\.255 -> ua:\/\/10\.1\.0\.5/, "the list the answer is for");
      assert.ok(shown.wide <= viewport.width, `nothing wider than the screen (${shown.wide})`);
      // Every step can be read: scrolled to the page's end with the wheel,
      // as a reader would, the last step is on the screen, not cut off in
      // a panel the inert view cannot scroll.
      for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 400);
      const last = await page.evaluate(() => {
        const li = [...document.querySelectorAll('[data-first-view] [data-testid="trace"] li')].at(-1);
        const r = li.getBoundingClientRect();
        // Not clipped by a scrolling panel around it.
        let clip = { top: 0, bottom: innerHeight };
        for (let el = li.parentElement; el; el = el.parentElement) {
          if (getComputedStyle(el).overflowY !== "visible") {
            const b = el.getBoundingClientRect();
            clip = { top: Math.max(clip.top, b.top), bottom: Math.min(clip.bottom, b.bottom) };
          }
        }
        return { top: r.top, bottom: r.bottom, clip };
      });
      assert.ok(last.top >= last.clip.top && last.bottom <= last.clip.bottom, `the last step on the screen without JavaScript: ${JSON.stringify(last)}`);
      await page.screenshot({ path: `${ARTIFACTS}/first-view-nojs-${viewport.width}.png` });
    } finally {
      await context.close();
    }
  }
});

test("with JavaScript on, the first view becomes the live page without a shift or a changed pixel, takes no typing before, and the first keystroke changes the answer", async () => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 390, height: 844 }]) {
    const { context, page, problems, release } = await heldPage({ viewport });
    try {
      await page.addInitScript(WATCH);
      await page.goto(env.site.url);
      await page.waitForSelector("[data-first-view]");
      const before = await page.screenshot();
      // Before the wasm: the view is there, and typing into it goes nowhere.
      if (viewport.width > 600) {
        await page.locator("[data-first-view] textarea").click({ force: true }).catch(() => {});
        await page.keyboard.type("#");
        assert.equal(await page.evaluate(() => document.activeElement === document.body || !document.activeElement.closest("[data-first-view]")), true, "nothing in the first view takes the focus");
      }
      release();
      await until(page, () => !document.querySelector("[data-first-view]") && document.querySelector('[data-testid="trace"] li'));
      await page.waitForTimeout(300);
      const after = await page.screenshot();
      const [a, b] = [PNG.sync.read(before), PNG.sync.read(after)];
      const differ = pixelmatch(a.data, b.data, null, a.width, a.height, { threshold: 0.1 });
      assert.equal(differ, 0, `${viewport.width} px: ${differ} pixels change as the page goes live`);
      const shifts = await page.evaluate(() => window.uspShifts);
      assert.deepEqual(shifts, [], "no layout shift over the load (CLS 0)");
      assert.deepEqual(problems, []);
      if (viewport.width > 600) {
        // The first keystroke: line 3 commented out leaves the agent only
        // the floor's agent, which is down.
        const outcome = () => page.locator('[data-testid="outcome-components"]').getAttribute("data-source");
        assert.equal(await outcome(), "ua://10.0.0.5");
        await page.evaluate(() => {
          const area = document.querySelector('[data-testid="source-list"]');
          const at = area.value.indexOf("10.0.0.0/8");
          area.focus();
          area.setSelectionRange(at, at);
        });
        await page.keyboard.type("#");
        await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source !== "ua://10.0.0.5");
      }
    } finally {
      await context.close();
    }
  }
});

test("a visitor with a link or with kept work never sees the first example's answer, from the first paint on", async () => {
  const story = readFileSync("dist/examples/apex-one-laptop-home-edge-relay/index.html", "utf8");
  const link = story.match(/href="\.\.\/\.\.\/(#s2\.[^"]+)"/)[1];
  const kept = JSON.stringify({ ...JSON.parse(readFileSync("www/examples/ipv6-only-branch.json", "utf8")) });
  for (const [name, url, setup] of [
    ["a link", env.site.url + link, null],
    ["kept work", env.site.url, kept],
    ["a framed case", env.site.url + "?embed=1", null],
  ]) {
    const { context, page, release } = await heldPage({ viewport: { width: 1280, height: 720 } });
    try {
      if (setup) await page.addInitScript((json) => localStorage.setItem("update-source-planner.scenario", json), setup);
      await page.addInitScript(WATCH);
      await page.goto(url);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${ARTIFACTS}/first-view-hidden-${name.replace(/ /g, "-")}.png` });
      release();
      // A framed case without a link says so: no trace, an error of its own.
      if (name === "a framed case") await until(page, () => !document.querySelector("[data-first-view]") && document.querySelector('[data-testid="trace"] li, .embed-error, [role="alert"]'));
      else await firstTrace(page);
      await page.waitForTimeout(300);
      assert.deepEqual(await page.evaluate(() => window.uspSeen), [], `${name}: the first view was never visible`);
      // Nor, once the wasm ran, the live page's answer to anything but the visitor's own scenario, in any frame.
      if (name !== "a framed case") {
        const cards = await page.evaluate(() => window.uspCards);
        assert.deepEqual(cards, [await page.locator('[data-testid="outcome-components"]').textContent()], `${name}: only the visitor's own answer was ever shown`);
      }
      assert.equal(await page.locator("[data-first-view]").count(), 0, `${name}: the live page took its place`);
      if (name !== "a framed case") {
        assert.notEqual(await page.locator('[data-testid="title"]').inputValue(), "A floor Update Agent goes down", `${name}: the visitor's own scenario`);
      }
    } finally {
      await context.close();
    }
  }
});

test("a first visit that changes nothing keeps nothing, so the next is shown the first view at once; one change keeps the work", async () => {
  // No service worker: it would serve the wasm past the route that holds it back.
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 }, permissions: ["clipboard-read", "clipboard-write"], serviceWorkers: "block" });
  const page = await context.newPage();
  const kept = () => page.evaluate(() => [localStorage.getItem("update-source-planner.scenario"), location.hash]);
  try {
    await page.goto(env.site.url);
    await firstTrace(page);
    await page.waitForTimeout(1000); // edits settle after 250 ms, and the link is compressed after that
    assert.deepEqual(await kept(), [null, ""], "nothing kept in this browser or the address bar");
    await page.locator('[data-testid="share"]').click();
    assert.match(await shareLink(page), /#s2\./, "Share still makes the example's link");
    assert.match(await page.locator('[data-testid="embed-link"]').getAttribute("href"), /\?embed=1#s2\./, "and the embed view's link has it");
    // The next visit: the first view shows while the wasm is still on its way.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route(/app-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
    await page.goto(env.site.url);
    await page.waitForTimeout(300);
    assert.ok(await page.evaluate(() => document.querySelector("[data-first-view]")?.checkVisibility({ visibilityProperty: true })), "the first view is shown");
    release();
    await firstTrace(page);
    // One change is work of the visitor's own: kept, and a reload never shows the first view.
    await page.locator('[data-testid="down-ua://10.0.0.5"]').check();
    await page.waitForFunction(() => localStorage.getItem("update-source-planner.scenario") && location.hash.startsWith("#s2."), null, { timeout: 10000 });
    await page.addInitScript(WATCH);
    await page.reload();
    await firstTrace(page);
    assert.deepEqual(await page.evaluate(() => window.uspSeen), [], "the first view was never visible");
    assert.ok(await page.locator('[data-testid="down-ua://10.0.0.5"]').isChecked(), "the change was kept");
  } finally {
    await context.close();
  }
});

test("the first view is served offline after one visit", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(env.site.url);
    await firstTrace(page);
    await servedOffline(page);
    await context.setOffline(true);
    const response = await page.goto(env.site.url);
    assert.match(await response.text(), /data-first-view/);
    await firstTrace(page);
  } finally {
    await context.close();
  }
});
