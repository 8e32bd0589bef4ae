import { chromium } from "playwright-core";
import { serve } from "/work/main/scripts/static-server.mjs";
const server = await serve("dist", 0, "/");
const origin = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const [,, what, w, h, scheme, ex, extra] = process.argv;
const ctx = await browser.newContext({ viewport: { width: +w, height: +h }, colorScheme: scheme });
const page = await ctx.newPage();
page.on("console", (m) => { if (m.type() === "error") console.log("console:", m.text()); });
page.on("pageerror", (e) => console.log("pageerror:", String(e)));
await page.goto(origin);
await page.waitForSelector('[data-testid="trace"] li', { state: "attached" });
if (ex && ex !== "-") {
  await page.selectOption('[data-testid="examples"]', ex + ".json");
  await page.waitForTimeout(500);
}
if (what === "presenter") {
  await page.locator('[data-testid="presenter"]').click();
  for (let i = 1; i < +(extra ?? 1); i++) await page.keyboard.press("ArrowRight");
  await page.waitForTimeout(200);
  const m = await page.evaluate(() => {
    const t = [...document.querySelectorAll(".presenter-picture svg text")].map((e) => e.getBoundingClientRect().height);
    const fs = [...document.querySelectorAll(".presenter-picture svg text")].map((e) => { const svg = e.ownerSVGElement; const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; return parseFloat(getComputedStyle(e).fontSize) * k; });
    return { min: Math.min(...fs), step: document.querySelector(".step.current")?.getBoundingClientRect().bottom, h: innerHeight };
  });
  console.log(JSON.stringify(m));
}
if (what === "embed") { await page.goto(origin + "?embed=1" + (extra ?? "")); await page.waitForTimeout(800); }
if (what === "fleet") { await page.locator('[data-testid="tab-fleet"], [data-testid="view-fleet"]').filter({ visible: true }).first().click(); await page.waitForTimeout(1500); }
await page.screenshot({ path: `/tmp/shots/${what}-${w}x${h}-${scheme}-${ex}.png`, fullPage: what !== "presenter" });
console.log(`/tmp/shots/${what}-${w}x${h}-${scheme}-${ex}.png`);
await browser.close(); server.close();
