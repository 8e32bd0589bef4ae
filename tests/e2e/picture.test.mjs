// The update path as a picture, presenter mode for a projector, and the
// embed view documentation relies on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { suite, openPresenter, until, openPage, shareLink, download, ARTIFACTS } from "./browser.mjs";

const env = suite();
const { withPage } = env;
const arrow = (page, item, source) => page.locator(`[data-testid="diagram"] figure[data-item="${item}"] .dg-arrow[data-source="${source}"]`).first();

test("the picture is drawn from the trace and follows every edit", async () => {
  await withPage(async (page) => {
    const arrows = await page.locator('[data-testid="diagram"] .dg-arrow[data-step]').count();
    const attempts = await page.locator('[data-testid="trace"] li[data-kind="attempt"], [data-testid="trace"] li[data-kind="skip"]').count();
    assert.equal(arrows, attempts, "one arrow per attempt and skip");
    assert.equal(await arrow(page, "components", "ua://10.1.0.5").getAttribute("data-result"), "failed");
    assert.equal(await arrow(page, "components", "ua://10.0.0.5").getAttribute("data-result"), "delivered");
    // A what-if switched in the form redraws the picture.
    await page.locator('[data-testid="down-ua://10.0.0.5"]').check();
    await until(page, () => document.querySelector('figure[data-item="components"] .dg-arrow[data-source="ua://10.0.0.5"]')?.dataset.result === "failed");
    // A source box in the picture switches its source like a click in the trace.
    await page.locator('figure[data-item="components"] .dg-source[data-source="ua://10.1.0.5"]').click();
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "ua://10.1.0.5");
    // ...and by keyboard.
    await page.locator('figure[data-item="components"] .dg-source[data-source="ua://10.1.0.5"]').focus();
    await page.keyboard.press("Enter");
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "server");
    // Hovering a step highlights its arrow, and the reverse.
    const n = await page.locator('[data-testid="trace"] li[data-kind="attempt"][data-item="components"]').first().getAttribute("data-n");
    await page.locator(`.dg-arrow[data-step="${n}"] circle`).hover();
    await until(page, (k) => document.querySelector(`[data-testid="trace"] li[data-n="${k}"]`)?.classList.contains("hl"), n);
    await page.mouse.move(0, 0);
    await page.locator(`[data-testid="trace"] li[data-n="${n}"]`).hover();
    await until(page, (k) => document.querySelector(`.dg-arrow[data-step="${k}"]`)?.classList.contains("hl"), n);
  });
});

test("the picture downloads as SVG and as a PNG at twice its size", async () => {
  await withPage(async (page) => {
    const svg = await download(page, '[data-testid="download-svg"]');
    assert.match(svg.name, /\.svg$/);
    assert.match(svg.text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const [d] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="download-png"]').click()]);
    assert.match(d.suggestedFilename(), /\.png$/);
    const bytes = Buffer.concat(await (await d.createReadStream()).toArray());
    assert.equal(bytes.subarray(1, 4).toString(), "PNG");
    assert.equal(bytes.readUInt32BE(16), 1600, "twice the drawing's 800 px");
    // It decodes to a picture with more than one colour in it.
    const colours = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = "data:image/png;base64," + b64;
      await img.decode();
      const c = document.createElement("canvas");
      c.width = img.width; c.height = img.height;
      const ctx = c.getContext("2d");
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set();
      for (let i = 0; i < data.length; i += 4 * 97) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      return seen.size;
    }, bytes.toString("base64"));
    assert.ok(colours > 3, `${colours} colours`);
  });
});

test("presenter mode at 1280×720 keeps the current step and its arrow in view at every step", async () => {
  await withPage(async (page) => {
    // Switch the second Update Agent down too: a trace longer than the screen.
    await page.locator('[data-testid="down-ua://10.0.0.5"]').check();
    await until(page, () => document.querySelectorAll('[data-testid="trace"] li').length >= 11);
    const total = await page.locator('[data-testid="trace"] li').count();
    await openPresenter(page);
    for (let i = 1; i <= total; i++) {
      if (i > 1) await page.keyboard.press("ArrowRight");
      await until(page, (k) => document.querySelector(".step.current")?.dataset.n === String(k), i);
      const inView = await page.evaluate(() => {
        const r = document.querySelector(".step.current").getBoundingClientRect();
        const a = document.querySelector(".dg-arrow.hl")?.getBoundingClientRect();
        const ok = (b) => b.top >= 0 && b.bottom <= innerHeight + 1 && b.left >= 0 && b.right <= innerWidth + 1;
        return { step: ok(r), arrow: !a || ok(a), size: parseFloat(getComputedStyle(document.querySelector(".step.current .text")).fontSize) };
      });
      assert.ok(inView.step, `step ${i} out of view`);
      assert.ok(inView.arrow, `the arrow of step ${i} out of view`);
      assert.ok(inView.size >= 28, `step text ${inView.size}px`);
      assert.match(await page.locator(".presenter-bar").textContent(), new RegExp(`Step ${i} of ${total}`));
      if (i === 8) await page.screenshot({ path: `${ARTIFACTS}/presenter-1280x720.png` });
    }
    // The title is on screen; keys typed in a text field are not the presenter's.
    assert.ok(await page.locator(".presenter-head h1").isVisible());
    await page.evaluate(() => {
      // A field the host page might hold (a search box, a note): not the presenter's keys.
      const field = document.body.appendChild(document.createElement("input"));
      field.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true }));
      field.remove();
    });
    await page.waitForTimeout(100);
    assert.equal(await page.locator(".step.current").getAttribute("data-n"), String(total));
    await page.keyboard.press("Home");
    await until(page, () => document.querySelector(".step.current")?.dataset.n === "1");
    await page.keyboard.press("Escape");
    await until(page, () => !document.querySelector(".presenter") && document.querySelectorAll('[data-testid="trace"] li').length > 1);
  }, { viewport: { width: 1280, height: 720 }, colorScheme: "dark" });
});

test("the embed view keeps the documented case until Try it, posts its height, and its error links show the line", async () => {
  let link;
  await withPage(async (page) => {
    await page.locator('[data-testid="source-list"]').fill("10.1.0.0/16 -> ua://10.1.0.5\n10.0.0.0/8 -> ua://10.0.0.500\n* -> server");
    await until(page, () => document.querySelectorAll('[data-testid="errors"] li').length === 1);
    await page.locator('[data-testid="share"]').click();
    link = await shareLink(page);
  });
  const fragment = link.split("#")[1];
  await withPage(async (page) => {
    assert.ok(await page.locator('[data-testid="open-in-planner"]').isVisible());
    assert.ok(await page.locator(".embed-head h1").isVisible());
    assert.equal(await page.locator("h1").count(), 1);
    const before = await page.locator('[data-testid="outcome-components"]').getAttribute("data-source");
    await page.locator('figure[data-item="components"] .dg-source').first().click();
    await page.waitForTimeout(150);
    assert.equal(await page.locator('[data-testid="outcome-components"]').getAttribute("data-source"), before, "read-only");
    assert.equal(await page.locator('[data-testid="trace"] button.src').count(), 0);
    // The error link shows the line in the list.
    await page.locator('[data-testid="errors"] button.link').first().click();
    assert.ok(await page.locator('.embed-lines li[data-line="2"].shown').isVisible());
    // Try it: clicks now change the case; Back restores it.
    await page.locator('[data-testid="embed-try"]').click();
    await page.locator('figure[data-item="components"] .dg-source[data-source="ua://10.1.0.5"]').click();
    await until(page, (b) => document.querySelector('[data-testid="outcome-components"]')?.dataset.source !== b, before);
    await page.locator('[data-testid="embed-back"]').click();
    await until(page, (b) => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === b, before);
  }, { url: `${env.site.url}?embed=1#${fragment}`, viewport: { width: 800, height: 900 } });
  // Framed, it tells the parent page its height.
  const { context, page } = await openPage(env.browser, env.site.origin);
  await page.goto(`${env.site.url}examples/index.json`);
  const height = await page.evaluate((src) => new Promise((resolve) => {
    // The frame tells its height as its content settles: the last word counts.
    let last = 0;
    addEventListener("message", (e) => {
      if (e.data?.type !== "usp:height") return;
      last = e.data.height;
      if (last > 200) resolve(last);
    });
    setTimeout(() => resolve(last), 5000);
    document.body.innerHTML = "";
    const f = document.createElement("iframe");
    f.src = src;
    document.body.append(f);
  }), `${env.site.url}?embed=1&view=diagram#${fragment}`);
  assert.ok(height > 200, `height ${height}`);
  await context.close();
});

test("screenshots for review: 320 px, 1920×1080 dark", async () => {
  await withPage(async (page) => {
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "no sideways scroll at 320 px");
    await page.screenshot({ path: `${ARTIFACTS}/picture-320.png`, fullPage: true });
  }, { viewport: { width: 320, height: 640 } });
  await withPage(async (page) => {
    await page.screenshot({ path: `${ARTIFACTS}/picture-1920x1080-dark.png` });
  }, { viewport: { width: 1920, height: 1080 }, colorScheme: "dark" });
});

/// The share link of the documentation's example case, as `planner links` writes it.
const floorLink = () => execFileSync("target/debug/planner", ["links", "www/docs/floor.json"], { encoding: "utf8" }).trim();

test("a framing site picks the embed's colours with &theme=, whatever the reader's system says", async () => {
  for (const [system, theme, bg] of [["light", "dark", "rgb(13, 17, 23)"], ["dark", "light", "rgb(255, 255, 255)"], ["dark", "", "rgb(13, 17, 23)"]]) {
    await withPage(async (page) => {
      await page.waitForSelector('[data-testid="trace"] li');
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), bg, `system ${system}, theme=${theme}`);
    }, { url: `${env.site.url}?embed=1&view=both${theme ? `&theme=${theme}` : ""}#${floorLink()}`, colorScheme: system });
  }
});
