// Every gallery story at its own address, read with JavaScript off: the
// outcome per item, the picture and every step, as `planner trace --json`
// tells them; readable at 320 px, light and dark; under a sub-path and
// offline after one visit of the planner.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { launch, startServer, openPage, firstTrace, audit, planner, ARTIFACTS, servedOffline } from "./browser.mjs";

const stories = JSON.parse(readFileSync("www/examples/index.json", "utf8"));
const stem = (s) => s.file.replace(/\.json$/, "");

let browser, site;
before(async () => {
  browser = await launch();
  site = await startServer("/docs/planner/");
});
after(async () => {
  await browser?.close();
  site?.server.close();
});

test("with JavaScript off, every story's page tells its outcome, picture and steps as planner trace --json does, at 320 px", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 700 } });
  const page = await context.newPage();
  const foreign = [];
  page.on("request", (r) => { if (!r.url().startsWith(site.origin)) foreign.push(r.url()); });
  try {
    for (const story of stories) {
      const json = JSON.parse(execFileSync(planner(), ["trace", "--json", `www/examples/${story.file}`], { encoding: "utf8" }));
      const response = await page.goto(`${site.url}examples/${stem(story)}/`);
      assert.equal(response.status(), 200, story.file);
      assert.equal(await page.title(), `${story.title} · Update Source Planner`);
      const shown = await page.evaluate(() => ({
        h1: document.querySelector("h1").textContent,
        outcome: [...document.querySelectorAll(".usp-outcome li")].map((li) => li.textContent),
        steps: [...document.querySelectorAll(".usp-steps li")].map((li) => ({ n: li.value, text: li.textContent })),
        arrows: [...document.querySelectorAll(".usp-wide svg .dg-arrow")].map((a) => ({ n: +a.dataset.step, result: a.dataset.result })),
        styled: getComputedStyle(document.querySelector(".usp-figure")).borderTopStyle,
        wide: document.documentElement.scrollWidth,
        smallest: Math.min(...[...document.querySelectorAll("main p, main li, main dd, main dt, main blockquote")].filter((e) => e.offsetParent).map((e) => parseFloat(getComputedStyle(e).fontSize))),
      }));
      assert.equal(shown.h1, story.title);
      assert.equal(shown.styled, "solid", `${story.file}: the figure's style sheet loads under the sub-path`);
      const words = Object.entries(json.outcome).map(([item, o]) => `${item.replace("-", " ").replace("programs", "programs and hot fixes")}: ${o.words}`);
      assert.deepEqual(shown.outcome, words, story.file);
      assert.deepEqual(shown.steps.map((s) => s.n), json.steps.map((s) => s.n), story.file);
      for (const [i, s] of json.steps.entries()) {
        assert.ok(shown.steps[i].text.includes(s.text), `${story.file} step ${s.n}: ${shown.steps[i].text} vs ${s.text}`);
        assert.ok(shown.steps[i].text.startsWith(s.rule), `${story.file} step ${s.n} wears its rule's badge`);
      }
      // An arrow per attempt and skip, each at its step with its result; a
      // relay group is drawn as one source, reached by the step that ends there.
      const tried = json.steps.filter((s) => s.kind === "attempt" || s.kind === "skip");
      for (const a of shown.arrows) {
        const step = tried.find((s) => s.n === a.n);
        assert.ok(step, `${story.file}: the arrow of step ${a.n} is an attempt or a skip`);
        if (step.result) assert.equal(a.result, step.result, `${story.file} step ${a.n}`);
      }
      const grouped = json.steps.some((s) => / of group "/.test(s.text));
      if (!grouped) assert.equal(shown.arrows.length, tried.length, `${story.file}: an arrow per attempt and skip`);
      else assert.ok(shown.arrows.length >= 1 && shown.arrows.length <= tried.length, story.file);
      assert.ok(shown.wide <= 320, `${story.file}: nothing wider than a phone (${shown.wide})`);
      assert.ok(shown.smallest >= 12, `${story.file}: text of ${shown.smallest} px`);
    }
    assert.deepEqual(foreign, []);
    // The list of stories links every page.
    await page.goto(`${site.url}examples/`);
    const links = await page.locator(".stories a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.deepEqual(links, stories.map((s) => `${stem(s)}/`));
    await page.goto(`${site.url}examples/apex-one-laptop-home-edge-relay/`);
    await page.screenshot({ path: `${ARTIFACTS}/gallery-320.png`, fullPage: true });
  } finally {
    await context.close();
  }
});

test("a story's page opens the story in the planner in one click, and the sitemap lists every page", async () => {
  const { context, page, problems } = await openPage(browser, site.origin);
  try {
    await page.goto(`${site.url}examples/apex-one-laptop-home-edge-relay/`);
    await page.locator(".open a").click();
    await firstTrace(page);
    assert.equal(await page.locator('[data-testid="outcome-components"]').getAttribute("data-source"), "activeupdate");
    assert.match(await page.locator('[data-testid="outcome-programs"]').textContent(), /Edge Relay server/);
    const sitemap = await (await fetch(`${site.url}sitemap.xml`)).text();
    for (const s of stories) assert.ok(sitemap.includes(`<loc>examples/${stem(s)}/</loc>`), s.file);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("axe-core: every story's page, light and dark, at 1280", async () => {
  for (const colorScheme of ["light", "dark"]) {
    // The pages refuse every script; axe is let in by the test alone.
    const context = await browser.newContext({ bypassCSP: true, colorScheme, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      for (const story of stories) {
        await page.goto(`${site.url}examples/${stem(story)}/`);
        await audit(page, `${stem(story)} ${colorScheme}`);
      }
      await page.goto(`${site.url}examples/`);
      await audit(page, `every story ${colorScheme}`);
      await page.goto(`${site.url}examples/swp-relay-group-one-down/`);
      await page.screenshot({ path: `${ARTIFACTS}/gallery-1280-${colorScheme}.png`, fullPage: true });
    } finally {
      await context.close();
    }
  }
});

test("after one visit of the planner, a story's page opens with the network off", async () => {
  const local = await startServer("/");
  const { context, page } = await openPage(browser, local.origin);
  try {
    await page.goto(local.url);
    await firstTrace(page);
    await servedOffline(page);
    await context.setOffline(true);
    local.server.close();
    await page.goto(`${local.url}examples/roaming-client-waits-for-schedule/`);
    assert.equal(await page.locator("h1").textContent(), "A roaming client waits for its schedule");
    assert.ok((await page.locator(".usp-steps li").count()) > 3);
  } finally {
    await context.close();
  }
});
