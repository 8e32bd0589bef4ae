// The integrations in sites built by the real generators, served under a
// sub-path and read in Chromium as a reader would: a fence renders with one
// arrow per attempt of `planner trace --json`, in a nested chapter too; the
// site's theme switch turns the element and the static figure dark and
// back; nothing leaves the site, nothing fails in the console, and axe-core
// finds nothing serious inside the element, light or dark.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { delimiter, dirname, join, resolve } from "node:path";
import { homedir } from "node:os";
import { launch, openPage, planner, ARTIFACTS } from "./browser.mjs";
import { serve } from "../../scripts/static-server.mjs";
import { auditElements } from "./writer.mjs";

const SITES = "target/sites";
const PAGES = "tests/sites/pages";
const FLOOR = readFileSync(`${PAGES}/guide/floor.json`, "utf8");

/// Attempts and skips of a scenario's trace: the arrows its picture draws.
function arrowsOf(json, item) {
  const file = join(SITES, "scenario.json");
  writeFileSync(file, json);
  const t = JSON.parse(execFileSync(planner(), ["trace", "--json", file], { encoding: "utf8" }));
  return t.steps.filter((s) => (s.kind === "attempt" || s.kind === "skip") && (!item || s.item === item)).length;
}

/// The sentences of a scenario's steps, as `planner trace --json` words them.
function stepsOf(json) {
  const file = join(SITES, "scenario.json");
  writeFileSync(file, json);
  return JSON.parse(execFileSync(planner(), ["trace", "--json", file], { encoding: "utf8" })).steps.map((s) => s.text);
}

/// The numbers of a scenario's steps that `item` shows (its own and those of no item).
function numbersOf(json, item) {
  const file = join(SITES, "scenario.json");
  writeFileSync(file, json);
  return JSON.parse(execFileSync(planner(), ["trace", "--json", file], { encoding: "utf8" })).steps.filter((s) => !s.item || s.item === item).map((s) => s.n);
}

/// The scenarios of a Markdown file's fences, in order (JSON ones only).
const fencedJson = (file) => [...readFileSync(file, "utf8").matchAll(/^```update-source-trace[^\n]*\n(\{.*?)^```$/gms)].map((m) => m[1]);

/// Relative luminance (WCAG) of a CSS rgb() colour.
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/// A colour the site's style sheet names by a custom property, as the
/// browser computes it (rgb()).
function probe(variable) {
  const d = document.createElement("div");
  d.style.background = `var(${variable})`;
  document.body.append(d);
  const colour = getComputedStyle(d).backgroundColor;
  d.remove();
  return colour;
}

/// What the reader sees of each element on the page, once rendered: its
/// arrows (in the drawing shown), its error box if any, its background.
/// Read in the same moment the page is seen rendered, so a page the site
/// swaps or reloads meanwhile cannot be read half-drawn.
async function elements(page) {
  const seen = await page.waitForFunction(() => {
    const all = [...document.querySelectorAll("update-source-trace")];
    const done = (e) => e.shadowRoot?.querySelector(".error")
      || (e.shadowRoot?.querySelector(".outcome") && (e.getAttribute("view") === "trace" || e.shadowRoot.querySelector(".picture")));
    if (!all.every(done)) return null;
    return all.map((e) => {
      const shown = [...e.shadowRoot.querySelectorAll(".picture > div")].find((d) => getComputedStyle(d).display !== "none");
      return {
        arrows: shown ? shown.querySelectorAll(".dg-arrow[data-step]").length : null,
        error: e.shadowRoot.querySelector(".error")?.textContent ?? null,
        background: getComputedStyle(e).backgroundColor,
        steps: [...e.shadowRoot.querySelectorAll(".steps li")].map((li) => li.textContent),
        link: e.shadowRoot.querySelector("a[part=link]")?.href ?? null,
        title: e.shadowRoot.querySelector("h3.title")?.textContent ?? null,
        case: e.shadowRoot.querySelector(".case")?.textContent ?? null,
        leftOut: e.shadowRoot.querySelector(".left-out")?.textContent ?? null,
        numbers: [...e.shadowRoot.querySelectorAll(".steps li")].map((li) => li.value),
      };
    });
  }, null, { timeout: 15000 });
  return seen.jsonValue();
}

/// Waits for the nested page's content: a site that swaps pages without a
/// reload (or draws them in the browser) has the old one, or none, at first.
async function onFloors(page) {
  await page.getByRole("heading", { level: 1, name: "Floors" }).waitFor();
  await page.locator("update-source-trace").first().waitFor();
}

const site = {};
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  globalThis.sitesBrowser = await launch();
});
after(async () => {
  await globalThis.sitesBrowser?.close();
  for (const s of Object.values(site)) if (s?.server) s.server.close();
});

/// A generator's fixture (its configuration) with the shared pages in its
/// documentation folder, fresh under target/sites.
function fixture(generator, docs) {
  const root = join(SITES, generator);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(SITES, { recursive: true });
  cpSync(`tests/sites/${generator}`, root, { recursive: true, filter: (f) => !f.includes("node_modules") });
  cpSync(PAGES, join(root, docs), { recursive: true });
  return root;
}

/// The environment a book is built in: `planner` on the PATH, as the
/// `command = "planner mdbook"` that `planner mdbook install` writes runs it.
const WITH_PLANNER = () => ({ ...process.env, PATH: `${dirname(resolve(planner()))}${delimiter}${process.env.PATH}` });

/// Builds the fixture book with the real mdBook after `planner mdbook install`.
function buildBook() {
  const book = fixture("mdbook", "src");
  cpSync(join(book, "SUMMARY.md"), join(book, "src", "SUMMARY.md"));
  execFileSync(planner(), ["mdbook", "install", book, "--kit", "dist/api"], { encoding: "utf8" });
  execFileSync("mdbook", ["build", book], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: WITH_PLANNER() });
  return join(book, "book");
}

/// What every generator's site must show a reader, read page by page.
/// `site`: where it is served, each page's address, and how the reader
/// switches its theme to dark and back (`toDark`, `toLight`).
async function readSite(name, site) {
  const { context, page, foreign, problems } = await openPage(globalThis.sitesBrowser, site.origin);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.goto(site.pages.intro);
  const intro = await elements(page);
  const [first, second] = fencedJson(`${PAGES}/intro.md`);
  assert.equal(intro.length, 2, "two fences, and the example inside a longer fence left as code");
  assert.equal(intro[0].error, null);
  assert.equal(intro[0].arrows, arrowsOf(first), "one arrow per attempt and skip");
  assert.equal(intro[1].arrows, arrowsOf(second, "components"), "item=components: that item's arrows only");
  assert.deepEqual(intro[1].numbers, numbersOf(second, "components"), "item=components: the steps keep the whole trace's numbers");
  assert.ok(intro[0].steps.some((s) => s.includes("Floor *1*")), `the label keeps its asterisks: ${intro[0].steps.join(" | ")}`);
  const cli = stepsOf(first);
  assert.equal(intro[0].steps.length, cli.length);
  intro[0].steps.forEach((s, i) => assert.ok(s.includes(cli[i]), `step ${i + 1} worded as planner trace words it: ${s} / ${cli[i]}`));
  assert.equal(await page.locator("pre code").filter({ hasText: "update-source-trace" }).count(), 1, "the example fence stays code");
  // Open in the full planner: the planner copied beside the kit, with the scenario.
  assert.ok(intro[0].link.startsWith(`${site.base}update-source-planner/#s2.`), intro[0].link);
  await page.screenshot({ path: `${ARTIFACTS}/site-${name}-light.png`, fullPage: true });
  await page.locator("update-source-trace").first().screenshot({ path: `${ARTIFACTS}/site-${name}-element.png` });
  assert.ok(luminance(intro[0].background) > 0.5, `light: ${intro[0].background}`);
  assert.equal(intro[0].background, await page.evaluate(probe, site.background), "light: the site's own background");
  // Headed as the static figure is: the scenario's title and its case.
  assert.equal(intro[0].title, "Floor *1* -- \"the laptop\"");
  assert.match(intro[0].case, /^OfficeScan XG · agent 10\.1\.4\.20$/);
  // A fence's title=: the element's caption, and an anchor a link reaches.
  assert.equal(intro[1].title, "Floor 1's components");
  assert.equal(await page.locator("update-source-trace#floor-1-s-components").count(), 1);
  // item=components: the steps keep their numbers, and a line says why they skip.
  assert.match(intro[1].leftOut ?? "", /^Only the steps of components are shown: the steps of domain settings and of programs and hot fixes are left out/);
  await auditElements(page, `${name} light`);

  // The reader switches the site's theme to dark: the element follows.
  await site.toDark(page);
  await page.waitForFunction(() => document.querySelector("update-source-trace")?.dataset.ustTheme === "dark");
  const dark = await elements(page);
  assert.ok(luminance(dark[0].background) < 0.2, `dark: ${dark[0].background}`);
  assert.notEqual(dark[0].background, "rgb(13, 17, 23)", "not the element's own dark");
  assert.equal(dark[0].background, await page.evaluate(probe, site.background), "dark: the site's own background");
  await page.screenshot({ path: `${ARTIFACTS}/site-${name}-dark.png`, fullPage: true });
  await auditElements(page, `${name} dark`);

  // A nested page, its scenario from a file beside it: reached the site's
  // own way (a link, so a site that navigates without reloading does so).
  await site.toFloors(page);
  const floors = await elements(page);
  assert.equal(floors[0].arrows, arrowsOf(FLOOR));
  assert.equal(floors[0].error, null);

  // The static figure: built with the site, dark with the site's switch, and back.
  await page.goto(site.pages.static);
  const figure = page.locator(".usp-figure");
  assert.equal(await figure.count(), 1);
  assert.equal(await figure.locator(".usp-wide .dg-arrow[data-step]").count(), arrowsOf(FLOOR));
  // title=: the figure's heading, its drawing's name and its anchor.
  assert.equal(await figure.getAttribute("id"), "a-figure-made-at-build-time");
  assert.equal(await figure.locator("h3.usp-title").textContent(), "A figure made at build time");
  assert.equal(await figure.locator(".usp-wide").getAttribute("aria-label"), "A figure made at build time");
  const figureBackground = () => figure.evaluate((f) => getComputedStyle(f).backgroundColor);
  assert.ok(luminance(await figureBackground()) < 0.2, "the figure follows the site's dark theme");
  await site.toLight(page);
  await page.waitForFunction(() => {
    const f = document.querySelector(".usp-figure");
    const [r, g, b] = getComputedStyle(f).backgroundColor.match(/\d+/g).map(Number);
    return r + g + b > 600;
  });
  assert.ok(luminance(await figureBackground()) > 0.5, "and back to light");
  await page.screenshot({ path: `${ARTIFACTS}/site-${name}-static.png`, fullPage: true });
  await auditElements(page, `${name} static figure`);

  // On a phone the stacked drawing, its text 12 px or more.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(site.pages.intro);
  await elements(page);
  const smallest = await page.evaluate(() => {
    const e = document.querySelector("update-source-trace");
    const svg = [...e.shadowRoot.querySelectorAll(".picture > div")].find((d) => getComputedStyle(d).display !== "none").querySelector("svg");
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Math.min(...[...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
  });
  assert.ok(smallest >= 12, `text on a phone: ${smallest.toFixed(1)} px`);
  // Every text outside the drawing too: cards, rule badges, the case line.
  const smallestText = await page.evaluate(() => {
    const e = document.querySelector("update-source-trace");
    const texts = [...e.shadowRoot.querySelectorAll(".body *:not(svg, svg *)")].filter((n) => [...n.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim()));
    return Math.min(...texts.map((n) => parseFloat(getComputedStyle(n).fontSize)));
  });
  assert.ok(smallestText >= 12, `the element's text on a phone: ${smallestText} px`);
  await page.goto(site.pages.static);
  const badges = await page.evaluate(() => Math.min(...[...document.querySelectorAll(".usp-figure .usp-rule, .usp-figure .usp-assumed")].map((b) => parseFloat(getComputedStyle(b).fontSize))));
  assert.ok(badges >= 12, `the static figure's rule badges on a phone: ${badges} px`);
  await page.goto(site.pages.intro);
  await elements(page);
  await page.screenshot({ path: `${ARTIFACTS}/site-${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  return { context, page, foreign, problems };
}

/// Serves a built site under `prefix`; where it is.
async function served(dir, prefix, key) {
  const server = await serve(dir, 0, prefix);
  site[key] = { server };
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, base: `${origin}${prefix}` };
}

/// Nothing left the site, nothing failed in its console.
async function closed({ context, foreign, problems }) {
  assert.deepEqual(foreign, [], "nothing leaves the site");
  assert.deepEqual(problems, [], "no console error");
  await context.close();
}

test("mdBook: fences render as the element and the static figure, in nested chapters and print.html, under a sub-path", async () => {
  const { origin, base } = await served(buildBook(), "/docs/book/", "mdbook");
  const theme = (id) => async (page) => {
    if (!(await page.locator("#mdbook-theme-list").isVisible())) await page.locator("#mdbook-theme-toggle").click();
    await page.locator(`#mdbook-theme-${id}`).click();
  };
  const opened = await readSite("mdbook", {
    origin, base,
    pages: { intro: `${base}intro.html`, static: `${base}guide/static.html` },
    background: "--bg",
    toDark: theme("navy"),
    toLight: theme("light"),
    toFloors: async (page) => {
      await page.locator("a[href$='guide/floors.html']").first().click();
      await page.waitForURL(/guide\/floors\.html$/);
    },
  });
  // Every theme mdBook ships: the element light or dark as the theme is.
  await opened.page.goto(`${base}intro.html`);
  for (const [id, dark] of [["light", false], ["rust", false], ["coal", true], ["navy", true], ["ayu", true]]) {
    await theme(id)(opened.page);
    await opened.page.waitForFunction((want) => document.querySelector("update-source-trace")?.dataset.ustTheme === want, dark ? "dark" : "light");
    const [shown] = await elements(opened.page);
    assert.equal(luminance(shown.background) < 0.2, dark, `${id}: ${shown.background}`);
  }
  // print.html holds every chapter: every element renders there too.
  await opened.page.goto(`${base}print.html`);
  const printed = await elements(opened.page);
  assert.equal(printed.length, 3);
  assert.ok(printed.every((e) => e.error === null && e.arrows > 0));
  await closed(opened);
});

/// The virtual environment of MkDocs and Material (scripts/setup.sh), with
/// the Python package as it ships (scripts/pack-python.sh) installed in it.
let mkdocsVenv;
function mkdocsWithPlugin() {
  if (mkdocsVenv) return mkdocsVenv;
  const venv = process.env.USP_SITES_VENV ?? join(homedir(), ".cache/update-source-planner/mkdocs");
  const wheel = execFileSync("scripts/pack-python.sh", [join(SITES, "packed")], { encoding: "utf8" }).trim();
  execFileSync(join(venv, "bin/pip"), ["install", "--quiet", "--disable-pip-version-check", "--no-deps", "--force-reinstall", wheel], { stdio: "pipe" });
  return (mkdocsVenv = venv);
}

/// Builds the fixture site with the real MkDocs and Material, the plugin
/// installed from its wheel into their virtual environment.
function buildMkdocs(siteUrl) {
  const root = fixture("mkdocs", "docs");
  const venv = mkdocsWithPlugin();
  execFileSync(join(venv, "bin/mkdocs"), ["build", "--strict", "--config-file", join(root, "mkdocs.yml")], {
    stdio: "pipe", env: { ...process.env, USP_PLANNER: resolve(planner()), USP_SITE_URL: siteUrl },
  });
}

test("MkDocs Material: fences render, after instant navigation too, and follow the palette toggle, under a sub-path", async () => {
  // Served first (files are read when asked for): the site's address is in its build.
  const { origin, base } = await served(join(SITES, "mkdocs", "site"), "/docs/mk/", "mkdocs");
  buildMkdocs(base);
  const palette = async (page) => page.locator("label.md-header__button[for^='__palette']:visible").first().click();
  const opened = await readSite("mkdocs", {
    origin, base,
    pages: { intro: `${base}intro/`, static: `${base}guide/static/` },
    background: "--md-default-bg-color",
    toDark: palette,
    toLight: palette,
    toFloors: async (page) => {
      // Material's instant navigation: the page is swapped without a reload.
      await page.evaluate(() => { window.stillHere = true; });
      await page.locator("a.md-nav__link[href$='guide/floors/']").first().click();
      await page.waitForURL(/guide\/floors\/$/);
      await onFloors(page);
      assert.equal(await page.evaluate(() => window.stillHere), true, "no reload");
    },
  });
  await closed(opened);
});

/// Builds the fixture site with the real Docusaurus (installed by the
/// set-up in tests/sites/docusaurus), server-side rendering and all.
function buildDocusaurus() {
  const root = fixture("docusaurus", "docs");
  // An MDX page, and the sidebar's category open, beside the shared pages.
  cpSync(join(root, "mdx"), join(root, "docs", "guide"), { recursive: true });
  symlinkSync(resolve("tests/sites/docusaurus/node_modules"), join(root, "node_modules"), "dir");
  const run = spawnSync(resolve(root, "node_modules/.bin/docusaurus"), ["build"], {
    cwd: root, encoding: "utf8", env: { ...process.env, USP_PLANNER: resolve(planner()) },
  });
  const said = `${run.stdout}${run.stderr}`;
  assert.equal(run.status, 0, said);
  assert.ok(!said.includes("Critical dependency"), `no webpack warning about the kit's import: ${said}`);
  return join(root, "build");
}

test("Docusaurus: fences in .md and .mdx pages render after server-side rendering and client-side navigation, follow data-theme, respect baseUrl", async () => {
  const { origin, base } = await served(buildDocusaurus(), "/docs/site/", "docusaurus");
  // Docusaurus's switch cycles light, dark and the system's: clicked until the theme is the one asked for.
  const toggle = (theme) => async (page) => {
    for (let i = 0; i < 3 && (await page.evaluate(() => document.documentElement.dataset.theme)) !== theme; i++) {
      await page.locator("button[aria-label*='dark and light mode']").first().click();
    }
  };
  const opened = await readSite("docusaurus", {
    origin, base,
    pages: { intro: `${base}intro`, static: `${base}guide/static` },
    background: "--ifm-background-surface-color",
    toDark: toggle("dark"),
    toLight: toggle("light"),
    toFloors: async (page) => {
      // React's router: the page is swapped without a reload.
      await page.evaluate(() => { window.stillHere = true; });
      await page.locator("a.menu__link[href$='guide/floors']").first().click();
      await page.waitForURL(/guide\/floors$/);
      await onFloors(page);
      assert.equal(await page.evaluate(() => window.stillHere), true, "no reload");
    },
  });
  // An MDX page, reached from the sidebar without a reload.
  await opened.page.locator("a.menu__link[href$='guide/mdx-page']").first().click();
  await opened.page.waitForURL(/guide\/mdx-page$/);
  // React swaps the page after the address changes: the last page's element
  // may be there a moment longer on a busy machine.
  await opened.page.waitForFunction(() => document.querySelectorAll("update-source-trace").length === 1, null, { timeout: 10000 }).catch(() => {});
  const mdx = await elements(opened.page);
  assert.equal(mdx.length, 1);
  assert.equal(mdx[0].error, null);
  assert.equal(mdx[0].steps.length, stepsOf(FLOOR).length);
  await closed(opened);
});

/// A page whose fence's agent address no network has: the planner reads
/// the scenario, but readers would see nothing traced.
const BROKEN = "# Broken\n\nText.\n\n```update-source-trace\n{ \"version\": 5, \"profile\": \"apex-one\", \"agent\": { \"addresses\": [\"999.1.4.20\"] } }\n```\n";
const SAID = "the update-source-trace fence at line 5: the scenario's line 1, column 66: `999.1.4.20` is not an IPv4 address: 999 is over 255";

/// Runs a generator's build; its status and everything it printed.
function build(command, args, options) {
  const run = spawnSync(command, args, { encoding: "utf8", ...options, env: { ...WITH_PLANNER(), USP_PLANNER: resolve(planner()), ...options.env } });
  return { status: run.status, said: `${run.stdout}${run.stderr}` };
}

test("Strict by default: a scenario with an error fails each generator's build at its page and fence; strict: false publishes it as before", () => {
  // mdBook: `strict = false` in the preprocessor's table of book.toml.
  const book = fixture("mdbook", "src");
  cpSync(join(book, "SUMMARY.md"), join(book, "src", "SUMMARY.md"));
  writeFileSync(join(book, "src", "broken.md"), BROKEN);
  writeFileSync(join(book, "src", "SUMMARY.md"), `${readFileSync(join(book, "src", "SUMMARY.md"), "utf8")}- [Broken](broken.md)\n`);
  execFileSync(planner(), ["mdbook", "install", book, "--kit", "dist/api"], { encoding: "utf8" });
  let run = build("mdbook", ["build", book], {});
  assert.notEqual(run.status, 0, run.said);
  assert.ok(run.said.includes(`src/broken.md: ${SAID}`), run.said);
  writeFileSync(join(book, "book.toml"), readFileSync(join(book, "book.toml"), "utf8").replace("[preprocessor.update-source-trace]\n", "[preprocessor.update-source-trace]\nstrict = false\n"));
  run = build("mdbook", ["build", book], {});
  assert.equal(run.status, 0, run.said);
  assert.match(readFileSync(join(book, "book", "broken.html"), "utf8"), /<update-source-trace scenario="\{ &quot;version&quot;: 5, &quot;profile&quot;: &quot;apex-one&quot;, &quot;agent&quot;: \{ &quot;addresses&quot;: \[&quot;999\.1\.4\.20&quot;\]/);

  // MkDocs: the plugin's `strict: false`.
  const root = fixture("mkdocs", "docs");
  writeFileSync(join(root, "docs", "broken.md"), BROKEN);
  const venv = mkdocsWithPlugin();
  const config = join(root, "mkdocs.yml");
  const yml = readFileSync(config, "utf8").replace("  - A figure without scripts: guide/static.md\n", "  - A figure without scripts: guide/static.md\n  - Broken: broken.md\n");
  writeFileSync(config, yml);
  run = build(join(venv, "bin/mkdocs"), ["build", "--config-file", config], {});
  assert.notEqual(run.status, 0, run.said);
  assert.ok(run.said.includes(`update-source-trace: broken.md: ${SAID}`), run.said);
  writeFileSync(config, yml.replace("  - update-source-trace\n", "  - update-source-trace:\n      strict: false\n"));
  run = build(join(venv, "bin/mkdocs"), ["build", "--config-file", config], {});
  assert.equal(run.status, 0, run.said);
  assert.match(readFileSync(join(root, "site", "broken", "index.html"), "utf8"), /<update-source-trace scenario="[^"]*999\.1\.4\.20/);

  // Docusaurus: the plugin's `strict: false` (the build stops before webpack, so this is quick).
  const site = fixture("docusaurus", "docs");
  symlinkSync(resolve("tests/sites/docusaurus/node_modules"), join(site, "node_modules"), "dir");
  writeFileSync(join(site, "docs", "broken.md"), BROKEN);
  const docusaurus = resolve(site, "node_modules/.bin/docusaurus");
  // Without webpack's cache on disk: it would keep the other build's page
  // (a writer's switch is an edit of docusaurus.config.js, which clears it).
  const fresh = { DOCUSAURUS_NO_PERSISTENT_CACHE: "1" };
  run = build(docusaurus, ["build"], { cwd: site, env: fresh });
  assert.notEqual(run.status, 0, run.said);
  assert.ok(run.said.includes(`docs/broken.md: ${SAID}`), run.said);
  run = build(docusaurus, ["build"], { cwd: site, env: { ...fresh, USP_STRICT: "false" } });
  assert.equal(run.status, 0, run.said);
  assert.match(readFileSync(join(site, "build", "broken", "index.html"), "utf8"), /<update-source-trace scenario="[^"]*999\.1\.4\.20/);
});

/// A port nothing listens on.
function freePort() {
  return new Promise((done) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

test("Docusaurus's dev server (docusaurus start) serves the kit: fences render with one arrow per attempt and no error overlay", async () => {
  const root = fixture("docusaurus", "docs");
  cpSync(join(root, "mdx"), join(root, "docs", "guide"), { recursive: true });
  symlinkSync(resolve("tests/sites/docusaurus/node_modules"), join(root, "node_modules"), "dir");
  const port = await freePort();
  const server = spawn(resolve(root, "node_modules/.bin/docusaurus"), ["start", "--port", String(port), "--host", "127.0.0.1", "--no-open"], {
    cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, USP_PLANNER: resolve(planner()), BROWSER: "none" },
  });
  let said = "";
  server.stdout.on("data", (d) => { said += d; });
  server.stderr.on("data", (d) => { said += d; });
  try {
    const origin = `http://127.0.0.1:${port}`;
    const base = `${origin}/docs/site/`;
    // Ready when the first compilation is done.
    for (let i = 0; i < 600 && !/compiled successfully|Compiled successfully/i.test(said); i++) {
      assert.equal(server.exitCode, null, said);
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.match(said, /compiled successfully/i, said);
    assert.ok(!said.includes("Critical dependency"), said);
    const { context, page, foreign, problems } = await openPage(globalThis.sitesBrowser, origin);
    await page.setViewportSize({ width: 1280, height: 900 });
    // The development server's pages are drawn by React in the browser: wait for the fence's element.
    const fenced = () => page.locator("update-source-trace").first().waitFor({ timeout: 60_000 });
    await page.goto(`${base}intro`);
    await fenced();
    const intro = await elements(page);
    const [first] = fencedJson(`${PAGES}/intro.md`);
    assert.equal(intro[0].error, null);
    assert.equal(intro[0].arrows, arrowsOf(first), "one arrow per attempt and skip");
    const box = await page.locator("update-source-trace").first().boundingBox();
    assert.ok(box.width > 300 && box.height > 200, `the element has a size: ${JSON.stringify(box)}`);
    assert.equal(await page.locator("#webpack-dev-server-client-overlay").count(), 0, "no error overlay");
    await page.screenshot({ path: `${ARTIFACTS}/site-docusaurus-start.png`, fullPage: true });
    // A nested page, after client-side navigation.
    await page.locator("a.menu__link[href$='guide/floors']").first().click();
    await page.waitForURL(/guide\/floors$/);
    await onFloors(page);
    const floors = await elements(page);
    assert.equal(floors[0].arrows, arrowsOf(FLOOR));
    assert.equal(await page.locator("#webpack-dev-server-client-overlay").count(), 0, "no error overlay");
    // The dev server's own socket is on the site's origin; nothing else leaves it.
    assert.deepEqual(foreign.filter((u) => !u.startsWith("ws://")), [], "nothing leaves the site");
    assert.deepEqual(problems, [], "no console error");

    // The writer edits a fence's JSON and saves: the page shows the new scenario.
    await page.goto(`${base}intro`);
    await fenced();
    await elements(page);
    const page_ = join(root, "docs", "intro.md");
    const written = readFileSync(page_, "utf8");
    writeFileSync(page_, written.replace('"title": "Floor *1* -- \\"the laptop\\""', '"title": "Floor 1, edited"'));
    await page.waitForFunction(() => document.querySelector("update-source-trace")?.shadowRoot?.querySelector("h3.title")?.textContent === "Floor 1, edited", null, { timeout: 120_000 });
    // A scenario that would stop the build shows in the dev server's overlay, at its page and line.
    writeFileSync(page_, written.replace('"addresses": ["10.1.4.20"] },\n  "world"', '"addresses": ["999.1.4.20"] },\n  "world"'));
    const overlay = page.frameLocator("#webpack-dev-server-client-overlay").locator("body");
    await overlay.getByText(/is not an IPv4 address/).first().waitFor({ timeout: 120_000 });
    const told = await overlay.textContent();
    assert.match(told, /intro\.md: the update-source-trace fence at line 6: the scenario's line 9, column 29: `999\.1\.4\.20` is not an IPv4 address/, told);
    await context.close();
  } finally {
    process.kill(-server.pid, "SIGTERM");
  }
});
