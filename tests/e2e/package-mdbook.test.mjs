// The mdBook preprocessor as a writer gets it: the release's tarball
// (scripts/pack-mdbook.sh, which the test command runs before this suite;
// packed here only when it is missing), unpacked into a fresh folder outside
// the checkout, with a PATH holding that binary, mdBook and the system's
// folders: no cargo, rustc or planner, nothing inside the checkout. A new
// book (`mdbook init`), `mdbook-update-source-trace install`, a chapter with
// an inline fence and a `src=` fence, `mdbook build`, served under a
// sub-path and read in Chromium: each fence shows one arrow per attempt and
// skip of `planner trace --json`, light and dark, at 1280 and 360 px; a
// broken fence stops the build at its chapter and line; a clone without the
// kit folder (git ignores it) builds, and an outdated kit is written again.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { launch, openPage, ARTIFACTS } from "./browser.mjs";
import { CHECKOUT, FLOOR, BROKEN, BROKEN_SAID, arrowsOf } from "./writer.mjs";
import { serve } from "../../scripts/static-server.mjs";

const VERSION = /^version = "(.*)"/m.exec(readFileSync("integrations/mdbook/Cargo.toml", "utf8"))[1];
const PACKED = "target/packages";
const INLINE = `{ "version": 5, "profile": "apex-one", "agent": { "addresses": ["10.1.4.20"] } }`;
const SAID = `src/broken.md: ${BROKEN_SAID}`;
/// Where the screenshots go (USP_SHOTS to look at them elsewhere).
const SHOTS = process.env.USP_SHOTS ?? ARTIFACTS;

/// The release's tarball for this machine, packed only when it is not there.
function tarball() {
  const host = /^host: (.*)$/m.exec(execFileSync("rustc", ["-vV"], { encoding: "utf8" }))[1];
  const file = join(PACKED, `mdbook-update-source-trace-${VERSION}-${host}.tar.gz`);
  if (!existsSync(file)) execFileSync("scripts/pack-mdbook.sh", [PACKED], { stdio: "ignore", env: { ...process.env, NO_CRATES: "1" } });
  return resolve(file);
}

/// mdBook as the writer has it installed (setup.sh puts it in ~/.cargo/bin).
function mdbookBinary() {
  const found = spawnSync("sh", ["-c", "command -v mdbook"], { encoding: "utf8", env: { PATH: `${process.env.PATH}${delimiter}${process.env.HOME}/.cargo/bin` } });
  assert.equal(found.status, 0, "mdBook is installed (scripts/setup.sh browser sites)");
  return found.stdout.trim();
}


let root, bin, book, env, browser, server;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const packed = tarball();
  root = mkdtempSync(join(tmpdir(), "usp-mdbook-"));
  bin = join(root, "bin");
  mkdirSync(bin);
  // As mdBook's own release: the binary alone, unpacked onto the PATH.
  execFileSync("tar", ["-xzf", packed, "-C", bin]);
  assert.deepEqual(readdirSync(bin), ["mdbook-update-source-trace"]);
  copyFileSync(mdbookBinary(), join(bin, "mdbook"));
  chmodSync(join(bin, "mdbook-update-source-trace"), 0o755);
  chmodSync(join(bin, "mdbook"), 0o755);
  // The writer's PATH: the two programs and the system's folders, none of
  // them with this project's toolchain or programs, none in the checkout.
  const PATH = [bin, "/usr/local/bin", "/usr/bin", "/bin"]
    .filter((dir) => dir === bin || !["cargo", "rustc", "planner"].some((tool) => existsSync(join(dir, tool))))
    .join(delimiter);
  env = { HOME: root, PATH };
  browser = await launch();
});
after(async () => {
  server?.close();
  await browser?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/// Runs a command as the writer would, in `cwd`.
function run(command, args, cwd = book) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env });
  return { status: r.status, said: `${r.stdout}${r.stderr}` };
}

/// Every element of the page once drawn: its arrows, error and link.
function elementsDrawn(page, count) {
  return page.waitForFunction((count) => {
    const all = [...document.querySelectorAll("update-source-trace")];
    const drawn = all.map((e) => {
      const picture = e.shadowRoot?.querySelector(".picture");
      const shown = picture && [...picture.querySelectorAll(":scope > div")].find((d) => getComputedStyle(d).display !== "none");
      const error = e.shadowRoot?.querySelector(".error")?.textContent ?? null;
      if (!shown && !error) return null;
      return {
        arrows: shown?.querySelectorAll(".dg-arrow[data-step]").length ?? 0, error,
        link: e.shadowRoot.querySelector("a[part=link]")?.href ?? null,
        background: getComputedStyle(e.shadowRoot.querySelector(".frame") ?? e).backgroundColor,
        theme: e.dataset.ustTheme,
      };
    });
    return all.length === count && drawn.every(Boolean) ? drawn : null;
  }, count, { timeout: 15000 }).then((h) => h.jsonValue());
}

test("the packed preprocessor installs into a new book and builds it with no Rust, no checkout and no planner", async () => {
  const found = spawnSync("sh", ["-c", "command -v cargo; command -v rustc; command -v planner; true"], { env, encoding: "utf8" });
  assert.equal(found.stdout.trim(), "", `no cargo, rustc or planner on ${env.PATH}`);
  assert.ok(!env.PATH.split(delimiter).some((dir) => resolve(dir).startsWith(CHECKOUT)), env.PATH);
  const size = statSync(tarball()).size;
  assert.ok(size < 2_000_000, `the tarball is ${size} bytes`);
  assert.match(run("mdbook-update-source-trace", ["--version"], root).said, new RegExp(`^mdbook-update-source-trace ${VERSION.replace(/\./g, "\\.")}\\n`));
  assert.equal(run("mdbook-update-source-trace", ["supports", "html"], root).status, 0, "mdBook asks: html runs the element");
  assert.equal(run("mdbook-update-source-trace", ["supports", "pdf"], root).status, 1, "other renderers keep the fences as code");
  assert.equal(run("mdbook-update-source-trace", ["instal"], root).status, 2, "a mistyped command says how to use it");

  // A new book, the preprocessor installed by its one command, in the book's folder.
  let r = run("mdbook", ["init", "book", "--title", "A new book", "--ignore", "git"], root);
  assert.equal(r.status, 0, r.said);
  book = join(root, "book");
  r = run("mdbook-update-source-trace", ["install"]);
  assert.equal(r.status, 0, r.said);
  const toml = readFileSync(join(book, "book.toml"), "utf8");
  assert.match(toml, /\n\[preprocessor\.update-source-trace\]\n/, toml);
  assert.match(toml, /\[output\.html\]\nadditional-js = \["update-source-trace\.js"\]\n/, toml);
  assert.ok(!toml.includes("command") && !toml.includes(root), `portable: no command, no path of this machine:\n${toml}`);
  // Only the files a fence needs, in a folder the book's .gitignore names
  // (not a .gitignore inside it, which mdBook would copy into the built book).
  const kit = join(book, "src", "update-source-planner");
  assert.deepEqual(readdirSync(kit).sort(), ["api"]);
  assert.deepEqual(readFileSync(join(book, ".gitignore"), "utf8").split("\n").filter(Boolean), ["book", "/src/update-source-planner/"]);
  assert.deepEqual(readdirSync(join(kit, "api")).sort(), ["core.js", "core_bg.wasm", "element.css", "element.js", "planner.js"]);
  const kitBytes = readdirSync(join(kit, "api")).reduce((sum, f) => sum + statSync(join(kit, "api", f)).size, 0);
  assert.equal(r.status, 0);
  const again = run("mdbook-update-source-trace", ["install", book], root);
  assert.equal(again.status, 0, again.said);
  assert.equal(readFileSync(join(book, "book.toml"), "utf8"), toml, "installing again changes nothing");

  // A chapter with an inline fence and a `src=` fence.
  writeFileSync(join(book, "src", "floor.json"), FLOOR);
  writeFileSync(join(book, "src", "floors.md"), `# Floors\n\nAn agent on its own.\n\n\`\`\`update-source-trace\n${INLINE}\n\`\`\`\n\nThe laptop on floor 1.\n\n\`\`\`update-source-trace view=both\nsrc=floor.json\n\`\`\`\n`);
  const summary = join(book, "src", "SUMMARY.md");
  const contents = readFileSync(summary, "utf8");
  writeFileSync(summary, `${contents}- [Floors](floors.md)\n`);

  // A scenario with an error stops the build, at its chapter and line.
  writeFileSync(join(book, "src", "broken.md"), BROKEN);
  writeFileSync(summary, `${contents}- [Floors](floors.md)\n- [Broken](broken.md)\n`);
  r = run("mdbook", ["build"]);
  assert.notEqual(r.status, 0, r.said);
  assert.ok(r.said.includes(SAID), r.said);
  rmSync(join(book, "src", "broken.md"));
  writeFileSync(summary, `${contents}- [Floors](floors.md)\n`);

  // A fresh clone: no kit folder and no loader (git ignored them); an older kit is written again.
  rmSync(kit, { recursive: true });
  rmSync(join(book, "update-source-trace.js"));
  r = run("mdbook", ["build"]);
  assert.equal(r.status, 0, r.said);
  writeFileSync(join(kit, "api", "element.js"), "// an older kit");
  r = run("mdbook", ["build"]);
  assert.equal(r.status, 0, r.said);
  assert.ok(readFileSync(join(kit, "api", "element.js"), "utf8").includes("customElements"), "the binary's kit, written again");
  assert.ok(existsSync(join(book, "book", "update-source-planner", "api", "core_bg.wasm")), "the kit in the built book");
  assert.ok(!existsSync(join(book, "book", "update-source-planner", ".gitignore")), "no .gitignore in the built book to keep the kit out of a site published with git");

  server = await serve(join(book, "book"), 0, "/docs/book/");
  const origin = `http://127.0.0.1:${server.address().port}`;
  const base = `${origin}/docs/book/`;
  const { context, page, foreign, problems } = await openPage(browser, origin);
  const transferred = [];
  page.on("response", async (res) => {
    if (res.url().includes("/update-source-planner/") || /\/update-source-trace(-[0-9a-f]+)?\.js$/.test(res.url())) {
      transferred.push([res.url(), (await res.body().catch(() => Buffer.alloc(0))).length]);
    }
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${base}floors.html`);
  const drawn = await elementsDrawn(page, 2);
  assert.deepEqual(drawn.map((d) => d.error), [null, null]);
  assert.equal(drawn[0].arrows, arrowsOf(INLINE, root), "the inline fence: one arrow per attempt and skip of planner trace --json");
  assert.equal(drawn[1].arrows, arrowsOf(FLOOR, root), "the src= fence: one arrow per attempt and skip of planner trace --json");
  assert.deepEqual(drawn.map((d) => d.link), [null, null], "no full planner in the book: no link to one");
  await page.waitForLoadState("networkidle");
  const first = transferred.splice(0);
  const kilobytes = Math.round(first.reduce((sum, [, n]) => sum + n, 0) / 1024);
  // axe-core inside the elements (their shadow roots): nothing serious or critical.
  await page.addScriptTag({ content: readFileSync("node_modules/axe-core/axe.min.js", "utf8") });
  const grave = await page.evaluate(async () => {
    const r = await window.axe.run({ include: [["update-source-trace"]] }, { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  assert.deepEqual(grave, [], "serious or critical accessibility violations inside the element");

  // Light and dark (mdBook's theme picker), at 1280 and 360 px: the
  // element takes the theme's own background and nothing scrolls sideways.
  const theme = async (id) => {
    if (!(await page.locator("#mdbook-theme-list").isVisible())) await page.locator("#mdbook-theme-toggle").click();
    await page.locator(`#mdbook-theme-${id}`).click();
    await page.waitForFunction((want) => document.querySelector("update-source-trace")?.dataset.ustTheme === want, id === "light" ? "light" : "dark");
    await page.keyboard.press("Escape");
    await page.evaluate(() => document.activeElement?.blur());
  };
  for (const width of [1280, 360]) {
    // Opened afresh at each width, as a reader's phone opens it (mdBook
    // hides its sidebar on narrow screens only on load).
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${base}floors.html`);
    await elementsDrawn(page, 2);
    for (const id of ["light", "navy"]) {
      await theme(id);
      await page.waitForTimeout(200);
      const look = await page.evaluate(() => {
        const e = document.querySelector("update-source-trace");
        const site = getComputedStyle(document.documentElement).getPropertyValue("--bg").trim();
        const host = getComputedStyle(e).getPropertyValue("--ust-bg").trim();
        const box = e.getBoundingClientRect();
        return { site, host, sideways: document.documentElement.scrollWidth - window.innerWidth, right: box.right, width: window.innerWidth };
      });
      assert.ok(look.sideways <= 0, `${id} at ${width}: nothing scrolls sideways (${look.sideways})`);
      assert.ok(look.right <= look.width, `${id} at ${width}: the element fits (${look.right} of ${look.width})`);
      assert.equal(look.host, look.site, `${id} at ${width}: the element's background is the theme's --bg`);
      await page.screenshot({ path: `${SHOTS}/package-mdbook-${width}-${id === "light" ? "light" : "dark"}.png`, fullPage: true });
    }
  }
  console.log(`package-mdbook: tarball ${size} bytes; kit written into the book ${kitBytes} bytes; a reader of the chapter fetches ${kilobytes} kB of the kit on first load (${first.map(([u]) => u.split("/").pop()).join(", ")}; uncompressed)`);
  assert.deepEqual(foreign, [], "nothing leaves the book");
  assert.deepEqual(problems, [], "no console error");
  await context.close();
});
