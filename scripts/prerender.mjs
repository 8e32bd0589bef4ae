// The first view, built in: opens the built page in headless Chromium,
// takes the markup the page's own wasm draws for a first visit (the default
// example's answer: the outcome, the picture, the numbered steps) and
// writes it into index.html's <body>, so a visitor sees the answer before
// the wasm is fetched. There is no second renderer: the markup is the
// page's. Called by scripts/postbuild.mjs before the offline list is made.
//
// The view is `inert` (nothing typed into it could be lost) and marked
// `data-first-view`: the page takes it out as it starts and draws the same
// markup live in the same task. www/first-view.js, inlined into <head>,
// hides it before the first paint from a visitor with work of their own.
import { existsSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { minify } from "terser";
import { serve } from "./static-server.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/// The page's first view as markup, or null (and why) when Chromium is missing.
async function capture(dist) {
  if (!existsSync(CHROMIUM)) return { why: `no Chromium at ${CHROMIUM} (scripts/setup.sh browser installs it)` };
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    return { why: "playwright-core is not installed (scripts/setup.sh installs it)" };
  }
  const server = await serve(dist, 0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    // The page at a desktop's width, then the picture at a phone's (the
    // page draws it stacked there), each in a fresh browser: no kept work.
    const view = async (width, take) => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, serviceWorkers: "block" });
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      await page.waitForSelector('[data-testid="trace"] li', { state: "attached", timeout: 30000 });
      // The page is drawn in stages; the last one shows it.
      await page.waitForFunction(() => !document.documentElement.classList.contains("starting"), null, { timeout: 30000 });
      const markup = await page.evaluate(take, `${origin}/`);
      await context.close();
      return markup;
    };
    const phone = await view(390, () => document.querySelector(".diagram-holder figure:not(.dg-hidden)").outerHTML);
    const markup = await view(1280, (base) => {
      const app = document.querySelector("#live > .app").cloneNode(true);
      const live = document.querySelector("#live > .app");
      // What Yew sets as properties, written as attributes: the list, the
      // fields, the boxes ticked and the choices made.
      const fields = (root) => [...root.querySelectorAll("textarea, input, select")];
      const copies = fields(app);
      fields(live).forEach((el, i) => {
        const copy = copies[i];
        if (el instanceof HTMLTextAreaElement) copy.textContent = el.value;
        else if (el instanceof HTMLSelectElement) [...copy.options].forEach((o, j) => o.toggleAttribute("selected", j === el.selectedIndex));
        else if (el.type === "checkbox" || el.type === "radio") copy.toggleAttribute("checked", el.checked);
        else if (el.type !== "file") copy.setAttribute("value", el.value);
      });
      // What the first view never shows: the pictures of the items not
      // chosen, the print-only summary, a closed menu's other choices (each
      // menu as wide as its field, whatever its choices) and a closed
      // rule badge's quote; the page draws them when it starts.
      app.querySelectorAll(".diagram-holder figure.dg-hidden, .print-only, details:not([open]) > :not(summary)").forEach((el) => el.remove());
      app.querySelectorAll("option:not([selected])").forEach((o) => o.remove());
      // The settings below the first (the product): under the list, out of
      // sight on a phone (which opens on the answer) and below the fold on
      // a 1280×720 screen; the page draws them as it starts, and nothing
      // above them moves.
      app.querySelectorAll(".input-side > fieldset:first-of-type ~ *").forEach((el) => el.remove());
      // Addresses the page made absolute, relative to the page again.
      for (const el of app.querySelectorAll("[href]")) {
        const href = el.getAttribute("href");
        if (href.startsWith(base)) el.setAttribute("href", `./${href.slice(base.length)}`);
      }
      app.querySelector(".diagram-holder figure")?.classList.add("fv-page");
      app.setAttribute("inert", "");
      app.setAttribute("data-first-view", "");
      return app.outerHTML;
    });
    // The picture at both scales; the style sheet shows the one the page would draw.
    const at = markup.indexOf("</figure>", markup.indexOf('class="diagram-figure fv-page'));
    if (at < 0) return { why: "the first view has no picture" };
    const cut = at + "</figure>".length;
    const both = markup.slice(0, cut) + phone.replace('class="diagram-figure', 'class="diagram-figure fv-phone') + markup.slice(cut);
    return { markup: both };
  } finally {
    await browser.close();
    server.close();
  }
}

/// index.html with the first view in its <body> and the script that hides
/// it from a returning visitor in its <head>, allowed by its hash in the
/// page's policy; unchanged, with a warning, where Chromium is missing.
export async function prerender(dist, html) {
  const { markup, why } = await capture(dist);
  if (!markup) {
    console.warn(`prerender: the first view is not built into index.html: ${why}`);
    return html;
  }
  const script = (await minify(readFileSync("www/first-view.js", "utf8"), { compress: true, mangle: true })).code;
  const hash = `'sha256-${createHash("sha256").update(script).digest("base64")}'`;
  const policy = /<meta[^>]*Content-Security-Policy[^>]*>/;
  const meta = html.match(policy)?.[0];
  if (!meta?.includes("script-src 'self'")) throw new Error("prerender: the page's policy has no script-src 'self' to add the first view's script to");
  return html
    .replace(policy, meta.replace("script-src 'self'", `script-src 'self' ${hash}`))
    .replace("</head>", `<script>${script}</script></head>`)
    .replace(/<body>(<noscript>[\s\S]*?<\/noscript>)?/, (body) => body + markup);
}
