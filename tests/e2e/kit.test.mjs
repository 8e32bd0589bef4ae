// The documentation kit: the JavaScript API agrees with the command line,
// never throws on bad input, and the <update-source-trace> element renders
// from a file, inline JSON, in dark mode, with a bad src, under a strict CSP.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { suite, openPage, planner } from "./browser.mjs";

const env = suite();


const jsonFiles = (dir) => readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "index.json" && !f.endsWith(".trace.json")).map((f) => join(dir, f));

test("trace() from the API equals planner trace --json for every example, every rule-by-rule scenario and every version-1 file", async () => {
  const { context, page, foreign } = await openPage(env.browser, env.site.origin);
  await page.goto(`${env.site.url}docs/floor.json`);
  await page.evaluate(async (url) => { window.api = await import(url); await window.api.default(); }, `${env.site.url}api/planner.js`);
  // The rule-by-rule tests keep their scenarios here (cargo test runs first).
  if (!existsSync("target/rule-scenarios")) execFileSync("cargo", ["test", "--locked", "--test", "rules"], { stdio: "ignore" });
  const ruleScenarios = jsonFiles("target/rule-scenarios");
  assert.ok(ruleScenarios.length >= 40, `${ruleScenarios.length} rule scenarios`);
  const files = [...jsonFiles("www/examples"), ...jsonFiles("tests/corpus/v1"), ...ruleScenarios];
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    let cli;
    try {
      cli = execFileSync(planner(), ["trace", "--json", f], { encoding: "utf8" });
    } catch (e) {
      cli = e.stdout; // exit 1: the scenario has errors, the trace is still printed
    }
    const [fromText, fromObject] = await page.evaluate((t) => [window.api.trace(t), window.api.trace(JSON.parse(t))], text);
    assert.deepEqual(fromText, JSON.parse(cli), f);
    assert.deepEqual(fromObject.outcome, JSON.parse(cli).outcome, `${f} as an object`);
  }
  const version = await page.evaluate(() => window.api.version);
  assert.match(version, /^\d+\.\d+\.\d+$/);
  const rules = await page.evaluate(() => window.api.rules());
  assert.ok(rules.some((r) => r.id === "W6") && rules.find((r) => r.id === "L0").assumed);
  assert.match(await page.evaluate(() => window.api.diagram(JSON.parse(document.body.innerText), { item: "components" })), /^<svg /);
  assert.deepEqual(foreign, []);
  await context.close();
});

test("lint() and trace() answer every broken file with errors carrying line and column, never a throw", async () => {
  const { context, page } = await openPage(env.browser, env.site.origin);
  await page.goto(`${env.site.url}docs/floor.json`);
  await page.evaluate(async (url) => { window.api = await import(url); await window.api.default(); }, `${env.site.url}api/planner.js`);
  for (const f of readdirSync("tests/corpus/broken").map((f) => join("tests/corpus/broken", f))) {
    const text = readFileSync(f).toString("latin1");
    const [t, l] = await page.evaluate((s) => {
      try { return [window.api.trace(s), window.api.lint(s)]; } catch (e) { return ["threw " + e, null]; }
    }, text);
    assert.ok(typeof t === "object", `${f}: ${t}`);
    const errors = t.errors ?? [];
    const lintErrors = l.errors ?? [];
    assert.ok(errors.length > 0 || lintErrors.length > 0 || (t.warnings ?? []).length > 0, `${f} says nothing`);
    for (const e of [...errors, ...lintErrors]) assert.ok(e.line >= 1 && e.column >= 1 && e.text, `${f}: ${JSON.stringify(e)}`);
  }
  assert.deepEqual(await page.evaluate(() => window.api.trace(42)).then((t) => t.errors.length), 1);
  await context.close();
});

async function docsPage(colorScheme = "light") {
  const opened = await openPage(env.browser, env.site.origin);
  await opened.page.emulateMedia({ colorScheme });
  await opened.page.goto(`${env.site.url}docs/example.html`);
  return opened;
}

const shadow = (page, id, selector) =>
  page.waitForFunction(([i, s]) => document.getElementById(i)?.shadowRoot?.querySelector(s), [id, selector], { timeout: 10000 });

test("the element renders from src, from inline JSON and as a picture only, under a strict CSP, with nothing fetched elsewhere", async () => {
  const { context, page, foreign, problems } = await docsPage();
  await shadow(page, "from-src", "ol.steps li");
  await shadow(page, "inline", "ol.steps li");
  await shadow(page, "diagram-only", "svg .dg-arrow");
  const fromSrc = await page.evaluate(() => {
    const r = document.getElementById("from-src").shadowRoot;
    return { steps: r.querySelectorAll("ol.steps li").length, card: r.querySelector('.card[data-item="components"]').textContent, link: r.querySelector("a").href, svg: !!r.querySelector("svg") };
  });
  assert.equal(fromSrc.steps, 8);
  assert.match(fromSrc.card, /updated from Update Agent ua:\/\/10\.0\.0\.5/);
  assert.match(fromSrc.link, /#s2\./);
  assert.ok(fromSrc.svg);
  const inline = await page.evaluate(() => document.getElementById("inline").shadowRoot.querySelector('.card[data-item="components"]').textContent);
  assert.match(inline, /updated from the ActiveUpdate server/);
  assert.equal(await page.evaluate(() => document.getElementById("inline").shadowRoot.querySelector("svg")), null, "view=trace draws no picture");
  assert.equal(await page.evaluate(() => document.getElementById("diagram-only").shadowRoot.querySelector("ol.steps")), null);
  // The framed planner reports its height and the page sizes the frame.
  await page.waitForFunction(() => parseInt(getComputedStyle(document.getElementById("framed")).height) > 100 && document.getElementById("framed").style.height !== "");
  // ...and shows the case its link holds, not an error.
  const frame = page.frameLocator("#framed");
  await frame.locator('[data-testid="trace"] li').first().waitFor({ timeout: 10000 });
  assert.match(await frame.locator(".embed-head h1").textContent(), /floor Update Agent/i);
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems.filter((p) => /Content Security Policy|Refused/.test(p)), [], "nothing refused by the CSP");
  await page.screenshot({ path: "tests/e2e/artifacts/docs-example.png", fullPage: true });
  await context.close();
});

test("the element follows dark mode and shows an error box for a bad src", async () => {
  const { context, page } = await docsPage("dark");
  await shadow(page, "from-src", "ol.steps li");
  // Its style sheet, in its shadow root, gives the dark colours.
  await page.waitForFunction(() => getComputedStyle(document.getElementById("from-src")).backgroundColor === "rgb(13, 17, 23)", null, { timeout: 5000 });
  await page.evaluate(() => {
    const e = document.createElement("update-source-trace");
    e.id = "bad";
    e.setAttribute("src", "missing.json");
    document.querySelector("main").append(e);
    const n = document.createElement("update-source-trace");
    n.id = "notjson";
    n.innerHTML = '<script type="application/json">{ "version": 2, "profile": </script>';
    document.querySelector("main").append(n);
  });
  await shadow(page, "bad", ".error");
  assert.match(await page.evaluate(() => document.getElementById("bad").shadowRoot.querySelector(".error").textContent), /missing\.json could not be loaded \(HTTP 404, looked for at \/docs\/missing\.json\)/);
  await shadow(page, "notjson", ".error");
  assert.match(await page.evaluate(() => document.getElementById("notjson").shadowRoot.querySelector(".error").textContent), /not a scenario.*line \d+, column \d+/s);
  await context.close();
});

test("the element renders once per upgrade, reads a <template> child or a scenario attribute, and shows only the asked item's card", async () => {
  const { context, page } = await docsPage();
  await shadow(page, "from-src", "ol.steps li");
  const fetched = [];
  page.on("request", (r) => { if (r.url().endsWith("/floor.json")) fetched.push(r.url()); });
  await page.evaluate(() => {
    const main = document.querySelector("main");
    // Written by a generator: every attribute present before the upgrade.
    main.insertAdjacentHTML("beforeend", `
      <update-source-trace id="two-a" src="floor.json" view="diagram" item="components" theme="light" planner="../"></update-source-trace>
      <update-source-trace id="two-b" src="floor.json" view="both" item="programs" theme="auto"></update-source-trace>
      <update-source-trace id="templated" view="trace"><template>{ "version": 2, "profile": "apex-one",
        "settings": { "agents_use_activeupdate": true }, "agent": { "addresses": ["10.1.4.20"] }, "world": { "down": ["server"] } }</template></update-source-trace>`);
    const attr = document.createElement("update-source-trace");
    attr.id = "attribute";
    attr.setAttribute("view", "trace");
    attr.setAttribute("scenario", JSON.stringify({ version: 2, profile: "apex-one", agent: { addresses: ["10.1.4.20"] } }));
    main.append(attr);
    // A <template> built as React builds one: its text in the element itself, not in .content.
    const reactLike = document.createElement("update-source-trace");
    reactLike.id = "react-like";
    reactLike.setAttribute("view", "trace");
    const template = document.createElement("template");
    template.appendChild(document.createTextNode(JSON.stringify({ version: 2, profile: "apex-one", agent: { addresses: ["10.1.4.20"] } })));
    reactLike.append(template);
    main.append(reactLike);
  });
  await shadow(page, "two-a", "svg .dg-arrow");
  await shadow(page, "react-like", "ol.steps li");
  await shadow(page, "two-b", "ol.steps li");
  await shadow(page, "templated", "ol.steps li");
  await shadow(page, "attribute", "ol.steps li");
  await page.waitForTimeout(300);
  assert.equal(fetched.length, 2, `one fetch per element, not one per attribute: ${fetched.length}`);
  const cards = (id) => page.evaluate((i) => [...document.getElementById(i).shadowRoot.querySelectorAll(".card")].map((c) => c.dataset.item), id);
  assert.deepEqual(await cards("two-a"), ["components"]);
  assert.deepEqual(await cards("two-b"), ["programs"]);
  assert.match(await page.evaluate(() => document.getElementById("templated").shadowRoot.querySelector('.card[data-item="components"]').textContent), /updated from the ActiveUpdate server/);
  assert.equal(await page.evaluate(() => document.getElementById("attribute").shadowRoot.querySelectorAll(".card").length), 3);
  // A change of one attribute renders again, once.
  fetched.length = 0;
  await page.evaluate(() => { const e = document.getElementById("two-b"); e.setAttribute("item", "components"); e.setAttribute("view", "trace"); });
  await page.waitForFunction(() => [...document.getElementById("two-b").shadowRoot.querySelectorAll(".card")].map((c) => c.dataset.item).join() === "components");
  await page.waitForTimeout(200);
  assert.equal(fetched.length, 1);
  await context.close();
});

test("the element follows the site's own light and dark switch (Material, mdBook, Docusaurus, VitePress) and its theme attribute", async () => {
  const { context, page } = await docsPage("light");
  await shadow(page, "from-src", "ol.steps li");
  const bg = () => page.evaluate(() => getComputedStyle(document.getElementById("from-src")).backgroundColor);
  const DARK = "rgb(13, 17, 23)";
  const LIGHT = "rgb(255, 255, 255)";
  const until = (want) => page.waitForFunction((w) => getComputedStyle(document.getElementById("from-src")).backgroundColor === w, want, { timeout: 3000 });
  // The element's stylesheet arrives after its first render.
  await until(LIGHT).catch(() => {});
  assert.equal(await bg(), LIGHT, "the system's light, with no site switch");
  const cases = [
    ["Material slate", () => document.body.setAttribute("data-md-color-scheme", "slate"), DARK],
    ["Material default", () => document.body.setAttribute("data-md-color-scheme", "default"), LIGHT],
    ["mdBook navy", () => { document.body.removeAttribute("data-md-color-scheme"); document.documentElement.className = "navy"; }, DARK],
    ["mdBook rust", () => { document.documentElement.className = "rust"; }, LIGHT],
    ["Docusaurus dark", () => { document.documentElement.className = ""; document.documentElement.setAttribute("data-theme", "dark"); }, DARK],
    ["Docusaurus light", () => document.documentElement.setAttribute("data-theme", "light"), LIGHT],
    ["VitePress dark", () => { document.documentElement.removeAttribute("data-theme"); document.documentElement.classList.add("dark"); }, DARK],
  ];
  for (const [name, act, want] of cases) {
    await page.evaluate(act);
    await until(want).catch(() => {});
    assert.equal(await bg(), want, name);
  }
  // theme="light" holds against a dark site; auto follows it again.
  await page.evaluate(() => document.getElementById("from-src").setAttribute("theme", "light"));
  await until(LIGHT).catch(() => {});
  assert.equal(await bg(), LIGHT, 'theme="light" on a dark site');
  await page.evaluate(() => document.getElementById("from-src").setAttribute("theme", "auto"));
  await until(DARK).catch(() => {});
  assert.equal(await bg(), DARK, 'theme="auto" on a dark site');
  await context.close();
});

test("the kit imports where there is no DOM, and renders at build time in Node from the wasm's bytes, as the command line draws; fences.js, a build-time bundle of its own, reads a fence as planner fence does", async () => {
  const url = (f) => new URL(`../../dist/api/${f}`, import.meta.url).href;
  const element = await import(url("element.js"));
  assert.equal(typeof globalThis.customElements, "undefined");
  assert.ok(element, "imported with nothing defined and nothing thrown");
  const api = await import(url("planner.js"));
  api.initSync(readFileSync("dist/api/core_bg.wasm"));
  const file = "www/docs/floor.json";
  const svg = api.diagram(readFileSync(file, "utf8"), { item: "components" });
  assert.equal(svg.trim(), execFileSync(planner(), ["diagram", file, "--item", "components"], { encoding: "utf8" }).trim());
  // The kit readers download has no fence reader: a site's build loads it on its own.
  assert.equal(api.fence, undefined, "planner.js has no fence()");
  const fences = await import(url("fences.js"));
  fences.initSync(readFileSync("dist/api/build/fences_bg.wasm"));
  // A fence, as a site generator in Node reads it: what `planner fence` says, no program run.
  const fence = (info, body, options = {}) => [
    fences.fence(info, body, { line: 7, read: (p) => readFileSync(`www/docs/${p}`, "utf8"), ...options }),
    (() => {
      const run = spawnSync(planner(), ["fence", "--info", info, "--base", "www/docs", "--line", "7", ...(options.strict === false ? ["--lenient"] : [])], { input: body, encoding: "utf8" });
      return run.status === 0 ? JSON.parse(run.stdout) : { errors: [{ line: 7, column: 1, text: run.stderr.trim(), rule: "fence" }] };
    })(),
  ];
  const broken = '{ "version": 5, "profile": "apex-one", "agent": { "addresses": ["999.1.4.20"] } }';
  for (const [info, body, options] of [
    ["update-source-trace static", readFileSync(file, "utf8")],
    ["update-source-trace view=diagram item=components title=\"Floor one\"", "src=floor.json\n"],
    ["update-source-trace", broken],
    ["update-source-trace", broken, { strict: false }],
  ]) {
    const [fromWasm, fromCommand] = fence(info, body, options);
    assert.deepEqual(fromWasm, fromCommand, info);
  }
  const [missing] = fence("update-source-trace src=missing.json", "");
  assert.match(missing.errors[0].text, /^the update-source-trace fence at line 7: src=missing.json could not be read: .*missing\.json/);
});

test("the static figure keeps to a strict policy, keeps its chips in a row under a site's list rules, and is readable on a dark site", async () => {
  const figure = execFileSync(planner(), ["render", "www/docs/floor.json", "--style", "file"], { encoding: "utf8" });
  const inline = execFileSync(planner(), ["render", "www/docs/floor.json", "--style", "inline"], { encoding: "utf8" });
  const html = (dark) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self'">
    <title>figure</title><link rel="stylesheet" href="../api/figure.css"><link rel="stylesheet" href="site.css"></head>
    <body ${dark ? 'data-md-color-scheme="slate"' : 'data-md-color-scheme="default"'} class="md-typeset">
    <svg id="other" width="40" height="20"><text x="0" y="15">x</text></svg>${figure}${figure}</body></html>`;
  // A documentation theme's typography, as MkDocs Material writes it.
  const site = `.md-typeset ul:not([hidden]){display:flow-root} .md-typeset ul li{margin-left:1.25em;margin-bottom:.5em}
    [data-md-color-scheme="slate"]{background:#1e2129;color:#e2e4e9} text{fill:rgb(1, 2, 3)}`;
  for (const dark of [false, true]) {
    const { context, page, problems } = await openPage(env.browser, env.site.origin);
    await page.route(`${env.site.url}docs/figure-test.html`, (r) => r.fulfill({ contentType: "text/html", body: html(dark) }));
    await page.route(`${env.site.url}docs/site.css`, (r) => r.fulfill({ contentType: "text/css", body: site }));
    await page.goto(`${env.site.url}docs/figure-test.html`);
    const seen = await page.evaluate(() => {
      const fig = document.querySelector(".usp-figure");
      const chips = [...fig.querySelectorAll(".usp-outcome > li")].map((li) => li.getBoundingClientRect());
      const text = fig.querySelector("svg text:not(.dg-lane):not(.dg-small):not(.dg-mark)");
      return {
        rows: new Set(chips.map((r) => Math.round(r.top))).size,
        widest: Math.max(...chips.map((r) => r.width)) / fig.getBoundingClientRect().width,
        bg: getComputedStyle(fig).backgroundColor,
        fg: getComputedStyle(fig.querySelector(".usp-case")).color,
        svgFill: getComputedStyle(text).fill,
        otherFill: getComputedStyle(document.querySelector("#other text")).fill,
        ids: document.querySelectorAll("[id]").length,
      };
    });
    assert.equal(seen.rows, 1, "the three chips in one row");
    assert.ok(seen.widest < 0.5, `a chip is ${Math.round(seen.widest * 100)} % of the figure's width`);
    assert.equal(seen.bg, dark ? "rgb(13, 17, 23)" : "rgb(255, 255, 255)");
    assert.equal(seen.svgFill, dark ? "rgb(230, 237, 243)" : "rgb(31, 35, 40)", "the picture's text follows the site's switch");
    assert.equal(seen.otherFill, "rgb(1, 2, 3)", "the figure's rules leave other drawings alone");
    assert.equal(seen.ids, 1, "no ids in two figures (only the page's own)");
    assert.deepEqual(problems.filter((p) => /Content Security Policy|Refused/.test(p)), [], "nothing refused");
    await page.screenshot({ path: `tests/e2e/artifacts/figure-${dark ? "dark" : "light"}.png`, fullPage: true });
    // The inline form's rules are scoped too: the other drawing keeps its colour.
    await page.route(`${env.site.url}docs/figure-inline.html`, (r) => r.fulfill({ contentType: "text/html", body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>i</title><link rel="stylesheet" href="site.css"></head><body><svg id="other" width="40" height="20"><text x="0" y="15">x</text></svg>${inline}</body></html>` }));
    await page.goto(`${env.site.url}docs/figure-inline.html`);
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("#other text")).fill), "rgb(1, 2, 3)");
    await context.close();
  }
});
