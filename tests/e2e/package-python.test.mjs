// The Python package as a writer gets it: the wheel packed with the planner
// inside (scripts/pack-python.sh), installed from its file into a new
// virtual environment in a fresh folder outside the checkout, beside MkDocs
// or Sphinx and MyST from the package index, with no cargo, rustc or
// planner on the PATH. A new site of each, made by the generator's own
// `new`/`quickstart`, configured with the README's lines: a fence, a fence
// whose scenario is a file beside its page and a `static` figure, served
// under a sub-path and read in Chromium (one arrow per attempt and skip of
// `planner trace --json`); a broken fence stops the build at its page and
// line, and `python -m update_source_trace check` exits 1 on it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { launch, openPage, ARTIFACTS } from "./browser.mjs";
import { serve } from "../../scripts/static-server.mjs";
import { BROKEN, BROKEN_SAID, FLOOR, arrowsOf, auditElements, liveFences, writersPath } from "./writer.mjs";

/** What scripts/setup.sh downloaded from the package index: the writer's
 *  `pip install` of MkDocs, Sphinx and MyST, without the network each run. */
const WHEELHOUSE = process.env.USP_WHEELHOUSE ?? join(homedir(), ".cache/update-source-planner/wheelhouse");
const FENCE = `\`\`\`update-source-trace\n${FLOOR.trim()}\n\`\`\`\n`;

let root, venv, wheel, browser, env;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), "usp-python-"));
  wheel = execFileSync("scripts/pack-python.sh", [join(root, "packed")], { encoding: "utf8" }).trim();
  venv = join(root, "venv");
  env = { HOME: process.env.HOME, PATH: writersPath(join(venv, "bin")), PIP_DISABLE_PIP_VERSION_CHECK: "1" };
  const found = spawnSync("sh", ["-c", "command -v cargo; command -v rustc; command -v planner; true"], { env, encoding: "utf8" });
  assert.equal(found.stdout.trim(), "", `no cargo, rustc or planner on ${env.PATH}`);
  execFileSync("python3", ["-m", "venv", venv], { env });
  const installed = spawnSync(join(venv, "bin", "pip"), ["install", "--quiet", "--no-index", "--find-links", WHEELHOUSE, wheel, "mkdocs", "sphinx", "myst-parser"], { env, encoding: "utf8" });
  assert.equal(installed.status, 0, `${installed.stdout}${installed.stderr}`);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Runs one of the writer's commands in `cwd`. */
function run(cwd, command, ...args) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env });
  return { status: r.status, said: `${r.stdout}${r.stderr}` };
}

/** The pages a site's fences are on, read in Chromium under `prefix`. */
async function read(dir, prefix, name, pages) {
  const server = await serve(dir, 0, prefix);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { context, page, foreign, problems } = await openPage(browser, origin);
  try {
    const seen = {};
    for (const [key, path] of Object.entries(pages)) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${origin}${prefix}${path}`);
      seen[key] = await (key === "figure" ? page.locator(".usp-figure .usp-wide .dg-arrow[data-step]").count().then((arrows) => [{ arrows }]) : liveFences(page));
      await page.screenshot({ path: `${ARTIFACTS}/package-${name}-${key}-1280.png`, fullPage: true });
      await page.setViewportSize({ width: 360, height: 800 });
      await page.waitForTimeout(200);
      seen[`${key} sideways`] = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await page.screenshot({ path: `${ARTIFACTS}/package-${name}-${key}-360.png`, fullPage: true });
      await auditElements(page, `${name} ${key}`);
    }
    // A light site on a system that prefers dark: the element and the
    // figure stay with the page (neither theme has a dark switch).
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const [key, path] of Object.entries(pages)) {
      await page.goto(`${origin}${prefix}${path}`);
      if (key !== "figure") await liveFences(page);
      seen[`${key} themes`] = await page.evaluate(() => [
        ...[...document.querySelectorAll("update-source-trace")].map((e) => e.dataset.ustTheme),
        ...[...document.querySelectorAll(".usp-figure")].map((f) => f.dataset.uspTheme),
      ]);
      await page.screenshot({ path: `${ARTIFACTS}/package-${name}-${key}-system-dark.png`, fullPage: true });
      await auditElements(page, `${name} ${key}, system dark`);
    }
    seen.base = `${origin}${prefix}`;
    seen.fullPlanner = (await page.request.get(`${origin}${prefix}${name === "sphinx" ? "_static/" : ""}update-source-planner/`)).status();
    // MkDocs' own theme takes highlight.js from a CDN, and a browser asks
    // for /favicon.ico where a theme names none: the site's, not the kit's.
    assert.deepEqual(foreign.filter((url) => !url.startsWith("https://cdnjs.cloudflare.com/ajax/libs/highlight.js/")), [], "nothing leaves the site");
    const theirs = (p) => p.endsWith("/favicon.ico") || p.includes("cdnjs.cloudflare.com/ajax/libs/highlight.js/") || p === "ReferenceError: hljs is not defined";
    assert.deepEqual(problems.filter((p) => !theirs(p)), [], "no console error");
    return seen;
  } finally {
    await context.close();
    server.close();
  }
}

test("MkDocs: the wheel's plugin in a new site, two lines in mkdocs.yml, no Rust, no checkout, no planner", async () => {
  const size = statSync(wheel).size;
  assert.match(wheel, /update_source_trace-\d+\.\d+\.\d+-py3-none-any\.whl$/);
  assert.ok(size < 3_000_000, `the wheel is ${size} bytes`);
  let r = run(root, join(venv, "bin", "mkdocs"), "new", "mk");
  assert.equal(r.status, 0, r.said);
  const site = join(root, "mk");
  appendFileSync(join(site, "mkdocs.yml"), "plugins:\n  - search\n  - update-source-trace\n");
  writeFileSync(join(site, "docs", "index.md"), `# Floors\n\nThe laptop on floor 1.\n\n${FENCE}`);
  mkdirSync(join(site, "docs", "guide"));
  writeFileSync(join(site, "docs", "guide", "floor.json"), FLOOR);
  writeFileSync(join(site, "docs", "guide", "floor.md"), "# From a file\n\n```update-source-trace src=floor.json\n```\n\n```update-source-trace static src=floor.json title=\"Drawn at build time\"\n```\n");

  writeFileSync(join(site, "docs", "broken.md"), BROKEN);
  r = run(site, join(venv, "bin", "mkdocs"), "build");
  assert.notEqual(r.status, 0, r.said);
  assert.ok(r.said.includes(`broken.md: ${BROKEN_SAID}`), r.said);
  r = run(site, join(venv, "bin", "python"), "-m", "update_source_trace", "check", "docs");
  assert.equal(r.status, 1, r.said);
  assert.ok(!r.said.includes("planner"), `in the package's own name: ${r.said}`);
  assert.ok(r.said.includes(`docs/broken.md:5: the scenario's line 1, column 66`), r.said);
  rmSync(join(site, "docs", "broken.md"));

  r = run(site, join(venv, "bin", "mkdocs"), "build");
  assert.equal(r.status, 0, r.said);
  const arrows = arrowsOf(FLOOR, root);
  const seen = await read(join(site, "site"), "/docs/mk/", "mkdocs", { index: "", floor: "guide/floor/", figure: "guide/floor/" });
  assert.equal(seen.index[0].error, null);
  assert.equal(seen.index[0].arrows, arrows, "one arrow per attempt and skip of planner trace --json");
  assert.equal(seen.floor[0].arrows, arrows, "src=: the scenario from the file beside the page");
  assert.equal(seen.figure[0].arrows, arrows, "static: the figure drawn at build time");
  assert.ok(seen.index[0].link.startsWith(`${seen.base}update-source-planner/#`), seen.index[0].link);
  assert.equal(seen.fullPlanner, 200, "the full planner is on the site");
  assert.deepEqual([...new Set([...seen["index themes"], ...seen["floor themes"]])], ["light"], "light as the page, on a system that prefers dark");
  assert.ok(seen["index sideways"] <= 0 && seen["floor sideways"] <= 0, "nothing scrolls sideways at 360 px");
});

test("Sphinx: the wheel's extension in a new sphinx-quickstart project, fences under MyST and the directive in reStructuredText", async () => {
  let r = run(root, join(venv, "bin", "sphinx-quickstart"), "-q", "-p", "Update sources", "-a", "Support", "--no-sep", "--no-makefile", "--no-batchfile", "sx");
  assert.equal(r.status, 0, r.said);
  const site = join(root, "sx");
  appendFileSync(join(site, "conf.py"), '\nextensions = ["myst_parser", "update_source_trace.sphinx"]\n');
  writeFileSync(join(site, "index.rst"), `Update sources\n==============\n\n.. toctree::\n\n   floors\n\nThe same scenario, as a directive:\n\n.. update-source-trace::\n   :src: floor.json\n   :title: Floor 1\n`);
  writeFileSync(join(site, "floor.json"), FLOOR);
  writeFileSync(join(site, "floors.md"), `# Floors\n\nThe laptop on floor 1.\n\n${FENCE}\nDrawn at build time:\n\n\`\`\`update-source-trace static src=floor.json\n\`\`\`\n`);

  // The broken fence, and a good one after it on the same page.
  writeFileSync(join(site, "broken.md"), `${BROKEN}\n${FENCE}`);
  r = run(site, join(venv, "bin", "sphinx-build"), "-q", "-b", "html", ".", "_build/html");
  assert.notEqual(r.status, 0, r.said);
  assert.ok(r.said.includes(`broken.md:5: ERROR: ${BROKEN_SAID}`), `the page and the fence's line, as editors link them: ${r.said}`);
  assert.ok(!r.said.includes("Pygments"), `the error is all the build says of the page's fences: ${r.said}`);
  assert.ok(r.said.includes("update_source_trace_strict = False"), `says how to publish it anyway: ${r.said}`);
  assert.ok(!r.said.includes("Traceback"), r.said);
  rmSync(join(site, "broken.md"));

  r = run(site, join(venv, "bin", "sphinx-build"), "-q", "-b", "html", ".", "_build/html");
  assert.equal(r.status, 0, r.said);
  const arrows = arrowsOf(FLOOR, root);
  const seen = await read(join(site, "_build", "html"), "/docs/sx/", "sphinx", { index: "index.html", floors: "floors.html", figure: "floors.html" });
  assert.equal(seen.index[0].error, null);
  assert.equal(seen.index[0].arrows, arrows, "the directive: one arrow per attempt and skip");
  assert.equal(seen.floors[0].arrows, arrows, "the MyST fence: one arrow per attempt and skip");
  assert.equal(seen.figure[0].arrows, arrows, "static: the figure drawn at build time");
  assert.ok(seen.floors[0].link.startsWith(`${seen.base}_static/update-source-planner/#`), seen.floors[0].link);
  assert.equal(seen.fullPlanner, 200, "the full planner is on the site");
  assert.deepEqual([...new Set([...seen["index themes"], ...seen["floors themes"]])], ["light"], "light as the page, on a system that prefers dark");
  assert.ok(seen["index sideways"] <= 0 && seen["floors sideways"] <= 0, "nothing scrolls sideways at 360 px");
});
