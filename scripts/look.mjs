// Screenshots of the built page for a person to look at: every example
// named (or the reference one), at phone, laptop and desktop sizes, light
// and dark, in the page, presenter mode and the embed view.
//   node scripts/look.mjs OUT_DIR [example ...] [--views page,presenter,embed,fleet] [--sizes 320x700,390x844,...]
import { mkdirSync } from "node:fs";
import { launch, startServer, openPage, firstTrace, openPresenter } from "../tests/e2e/browser.mjs";

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const views = flag("--views", "page,presenter,embed").split(",");
const sizes = flag("--sizes", "320x700,390x844,1280x720,1366x768,1920x1080").split(",").map((s) => s.split("x").map(Number));
const themes = flag("--themes", "light,dark").split(",");
const [out = "artifacts/look", ...examples] = args;
const chosen = examples.length ? examples : ["floor-update-agent-down"];
mkdirSync(out, { recursive: true });

const browser = await launch();
const site = await startServer("/");
const shot = async (name, fn, size, theme) => {
  const { context, page, problems } = await openPage(browser, site.origin);
  await page.setViewportSize({ width: size[0], height: size[1] });
  await page.emulateMedia({ colorScheme: theme });
  try {
    await fn(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/${name}-${size[0]}x${size[1]}-${theme}.png`, fullPage: !name.includes("presenter") });
    if (problems.length) console.log(`${name}: ${problems.join(" | ")}`);
  } catch (e) {
    console.log(`${name} ${size.join("x")} ${theme}: ${e.message.split("\n")[0]}`);
  } finally {
    await context.close();
  }
};
for (const example of chosen) {
  const json = await (await fetch(`${site.url}examples/${example}.json`)).text();
  for (const size of sizes) for (const theme of themes) {
    const open = async (page) => {
      await page.goto(site.url);
      await firstTrace(page);
      await page.locator('[data-testid="examples"]').selectOption(`${example}.json`);
      await page.waitForFunction((t) => document.title.startsWith(t), JSON.parse(json).title ?? "");
      await page.waitForTimeout(200);
    };
    if (views.includes("page")) await shot(`${example}-page`, open, size, theme);
    if (views.includes("fleet")) await shot(`${example}-fleet`, async (page) => {
      await open(page);
      const tab = page.locator(size[0] < 900 ? '[data-testid="view-fleet"]' : '[data-testid="tab-fleet"]');
      await tab.click();
      await page.waitForSelector('[data-testid="fleet-agents"]', { timeout: 15000 });
    }, size, theme);
    if (views.includes("presenter") && size[0] >= 1280) await shot(`${example}-presenter`, async (page) => {
      await open(page);
      await openPresenter(page);
      await page.keyboard.press("End");
    }, size, theme);
    if (views.includes("embed")) await shot(`${example}-embed`, async (page) => {
      await open(page);
      await page.waitForFunction((t) => location.hash.startsWith("#s2.") && document.title.startsWith(t), JSON.parse(json).title ?? "");
      await page.waitForTimeout(400);
      const link = await page.evaluate(() => location.hash);
      await page.goto(`${site.url}?embed=1${link}`);
      await firstTrace(page);
    }, size, theme);
  }
}
await browser.close();
site.server.close();
