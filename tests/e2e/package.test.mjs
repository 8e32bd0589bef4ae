// The Docusaurus package as a writer gets it: packed with the planner inside
// (scripts/pack-npm.sh), installed from its file into a new site in a fresh
// folder outside the checkout, configured with the two lines, and built
// with no cargo, rustc or planner on the PATH and no path into the
// checkout. Served under a sub-path and read in Chromium: a live fence
// shows one arrow per attempt and skip of `planner trace --json`, and so
// does a `static` figure; a broken fence stops the build at its page and
// line; the dev server (`docusaurus start`) renders the fence too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launch, openPage, ARTIFACTS } from "./browser.mjs";
import { BROKEN, BROKEN_SAID, FLOOR, arrowsOf, liveFences, writersPath } from "./writer.mjs";
import { serve } from "../../scripts/static-server.mjs";

const SAID = `docs/broken.md: ${BROKEN_SAID}`;
const ENV = { HOME: process.env.HOME, PATH: writersPath(), BROWSER: "none", DOCUSAURUS_NO_PERSISTENT_CACHE: "1" };

let root, site, browser, server, tarball;
before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), "usp-package-"));
  tarball = execFileSync("scripts/pack-npm.sh", [join(root, "packed")], { encoding: "utf8" }).trim();
  browser = await launch();
});
after(async () => {
  server?.close();
  await browser?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const CONFIG = `module.exports = {
  title: "A new site",
  url: "http://127.0.0.1",
  baseUrl: "/docs/new/",
  onBrokenLinks: "warn",
  headTags: [{ tagName: "link", attributes: { rel: "icon", href: "data:," } }],
  presets: [["classic", {
    docs: {
      routeBasePath: "/",
      remarkPlugins: [require("docusaurus-plugin-update-source-trace/remark")],
    },
    blog: false, pages: false, theme: {},
  }]],
  plugins: ["docusaurus-plugin-update-source-trace"],
  themeConfig: { colorMode: { defaultMode: "light", respectPrefersColorScheme: false } },
};
`;

/// Runs a command as the writer would, in the new site.
function run(command, args) {
  const r = spawnSync(command, args, { cwd: site, encoding: "utf8", env: ENV });
  return { status: r.status, said: `${r.stdout}${r.stderr}` };
}

test("the packed plugin installs from its file into a new Docusaurus site and builds it with no Rust, no checkout and no planner", async () => {
  const size = statSync(tarball).size;
  assert.match(tarball, /docusaurus-plugin-update-source-trace-\d+\.\d+\.\d+\.tgz$/);
  assert.ok(size < 3_000_000, `the package is ${size} bytes`);
  const found = spawnSync("sh", ["-c", "command -v cargo; command -v rustc; command -v planner; true"], { env: ENV, encoding: "utf8" });
  assert.equal(found.stdout.trim(), "", `no cargo, rustc or planner on ${ENV.PATH}`);

  // Docusaurus itself as the writer already has it, one folder up (the
  // machine may be offline); the plugin from its file into the site's own.
  symlinkSync(resolve("tests/sites/docusaurus/node_modules"), join(root, "node_modules"), "dir");
  site = join(root, "site");
  mkdirSync(join(site, "docs"), { recursive: true });
  writeFileSync(join(site, "package.json"), JSON.stringify({ name: "new-site", private: true }));
  const installed = run("npm", ["install", tarball, "--offline", "--legacy-peer-deps", "--no-audit", "--no-fund"]);
  assert.equal(installed.status, 0, installed.said);
  assert.ok(readdirSync(join(site, "node_modules", "docusaurus-plugin-update-source-trace", "planner", "api")).includes("core_bg.wasm"));
  assert.ok(readFileSync(join(site, "package.json"), "utf8").includes("docusaurus-plugin-update-source-trace"), "saved in the site's package.json");

  writeFileSync(join(site, "docusaurus.config.js"), CONFIG);
  writeFileSync(join(site, "docs", "intro.md"), `# Floors\n\nThe laptop on floor 1.\n\n\`\`\`update-source-trace\n${FLOOR.trim()}\n\`\`\`\n`);
  writeFileSync(join(site, "docs", "figure.md"), `# A figure\n\nDrawn when the site is built.\n\n\`\`\`update-source-trace static\n${FLOOR.trim()}\n\`\`\`\n`);
  const docusaurus = join(root, "node_modules", ".bin", "docusaurus");

  // A scenario with an error stops the build, at its page and line.
  writeFileSync(join(site, "docs", "broken.md"), BROKEN);
  let built = run(docusaurus, ["build"]);
  assert.notEqual(built.status, 0, built.said);
  assert.ok(built.said.includes(SAID), built.said);
  rmSync(join(site, "docs", "broken.md"));

  built = run(docusaurus, ["build"]);
  assert.equal(built.status, 0, built.said);
  assert.ok(!built.said.includes("Critical dependency"), `no webpack warning: ${built.said}`);

  server = await serve(join(site, "build"), 0, "/docs/new/");
  const origin = `http://127.0.0.1:${server.address().port}`;
  const base = `${origin}/docs/new/`;
  const { context, page, foreign, problems } = await openPage(browser, origin);
  await page.setViewportSize({ width: 1280, height: 900 });
  const arrows = arrowsOf(FLOOR, root);
  const transferred = [];
  page.on("response", async (r) => {
    if (r.url().includes("/update-source-planner/")) transferred.push([r.url(), (await r.body().catch(() => Buffer.alloc(0))).length]);
  });

  await page.goto(`${base}intro`);
  const [live] = await liveFences(page);
  assert.equal(live.error, null);
  assert.equal(live.arrows, arrows, "one arrow per attempt and skip of planner trace --json");
  // "Open in the full planner": the planner the package copied into the site.
  assert.ok(live.link.startsWith(`${base}update-source-planner/#`), live.link);
  assert.equal((await page.request.get(live.link.split("#")[0])).status(), 200, "the full planner is on the site");
  await page.screenshot({ path: `${ARTIFACTS}/package-docusaurus-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(300);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(sideways <= 0, `nothing scrolls sideways at 360 px: ${sideways}`);
  await page.screenshot({ path: `${ARTIFACTS}/package-docusaurus-360.png`, fullPage: true });
  const kilobytes = Math.round(transferred.reduce((sum, [, n]) => sum + n, 0) / 1024);
  console.log(`package: ${size} bytes; a reader of the page fetches ${kilobytes} kB of the kit (${transferred.length} files, uncompressed)`);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${base}figure`);
  const figure = page.locator(".usp-figure");
  assert.equal(await figure.count(), 1, "the static figure, in the built page");
  assert.equal(await figure.locator(".usp-wide .dg-arrow[data-step]").count(), arrows);
  assert.match(readFileSync(join(site, "build", "figure", "index.html"), "utf8"), /class="usp-figure/, "drawn at build time, not in the browser");

  assert.deepEqual(foreign, [], "nothing leaves the site");
  assert.deepEqual(problems, [], "no console error");
  await context.close();
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

test("the packed plugin in the new site's dev server (docusaurus start): the fence renders with one arrow per attempt, no error overlay", async () => {
  assert.ok(site, "the site the previous test made");
  const port = await freePort();
  const dev = spawn(join(root, "node_modules", ".bin", "docusaurus"), ["start", "--port", String(port), "--host", "127.0.0.1", "--no-open"], {
    cwd: site, detached: true, stdio: ["ignore", "pipe", "pipe"], env: ENV,
  });
  let said = "";
  dev.stdout.on("data", (d) => { said += d; });
  dev.stderr.on("data", (d) => { said += d; });
  try {
    for (let i = 0; i < 600 && !/compiled successfully/i.test(said); i++) {
      assert.equal(dev.exitCode, null, said);
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.match(said, /compiled successfully/i, said);
    assert.ok(!said.includes("Critical dependency"), said);
    const origin = `http://127.0.0.1:${port}`;
    const { context, page, problems } = await openPage(browser, origin);
    await page.goto(`${origin}/docs/new/intro`);
    const [live] = await liveFences(page, 60_000);
    assert.equal(live.arrows, arrowsOf(FLOOR, root));
    assert.equal(await page.locator("#webpack-dev-server-client-overlay").count(), 0, "no error overlay");
    // The writer edits the fence's JSON and saves: the page re-renders it.
    const edited = "{ \"version\": 5, \"profile\": \"apex-one\", \"agent\": { \"addresses\": [\"10.1.4.20\"] } }";
    const intro = join(site, "docs", "intro.md");
    writeFileSync(intro, readFileSync(intro, "utf8").replace(FLOOR.trim(), edited));
    const expected = arrowsOf(edited, root);
    assert.notEqual(expected, live.arrows, "an edit that changes the picture");
    await page.waitForFunction((n) => {
      const shown = [...(document.querySelector("update-source-trace")?.shadowRoot?.querySelectorAll(".picture > div") ?? [])]
        .find((d) => getComputedStyle(d).display !== "none");
      return shown?.querySelectorAll(".dg-arrow[data-step]").length === n;
    }, expected, { timeout: 60_000 });
    assert.deepEqual(problems, [], "no console error");
    await context.close();
  } finally {
    process.kill(-dev.pid, "SIGTERM");
  }
});
