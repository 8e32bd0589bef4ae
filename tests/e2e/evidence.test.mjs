// Prediction against evidence in the page: paste the agent's log, see it
// beside the trace with the first parting marked, apply an explanation with
// one click, and undo it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, openPage, firstTrace, shareLink } from "./browser.mjs";

const env = suite();

test("pasted evidence is compared, an explanation applies with one click and undoes", async () => {
  const { context, page, problems } = await openPage(env.browser, env.site.origin);
  await page.goto(env.site.url);
  await firstTrace(page);
  // Nothing down: the trace has components from ua://10.1.0.5.
  await page.locator('[data-testid="down-ua://10.1.0.5"]').uncheck();
  await page.waitForFunction(() => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "ua://10.1.0.5");
  await page.locator('[data-testid="tab-evidence"]').click();
  await page.locator('[data-testid="evidence"]').fill("10:01 Downloading [https://10.0.0.5:21112/activeupdate/server.ini]\n10:02 Downloading [https://10.0.0.5:21112/activeupdate/pattern/lpt$vpn.123]");
  await page.waitForFunction(() => document.querySelector('[data-testid="evidence-summary"]')?.textContent.includes("parts from the trace"));
  assert.equal(await page.locator('[data-testid="observed-components"] li').count(), 2);
  assert.equal(await page.locator('[data-testid="observed-components"] li[data-parted="true"]').getAttribute("data-source"), "ua://10.0.0.5");
  assert.match(await page.locator('[data-testid="predicted-components"]').textContent(), /ua:\/\/10\.1\.0\.5 delivered/);
  assert.match(await page.locator('[data-testid="explanations"] li').first().textContent(), /if Update Agent ua:\/\/10\.1\.0\.5 were down, the trace would match the evidence/);
  await page.locator('[data-testid="apply-0"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="evidence-summary"]')?.textContent.includes("did what the trace predicts"));
  // The evidence stays out of links.
  await page.locator('[data-testid="share"]').click();
  const link = await shareLink(page);
  const decoded = await page.evaluate(async (frag) => {
    const b64 = frag.split(".").pop().replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(b64 + "===".slice((b64.length + 3) % 4)), (c) => c.charCodeAt(0));
    return await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text();
  }, link.split("#")[1]);
  assert.doesNotMatch(decoded, /lpt\$vpn/);
  // Undo takes the explanation back.
  await page.locator('[data-testid="undo"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="evidence-summary"]')?.textContent.includes("parts from the trace"));
  await page.locator('[data-testid="tab-trace"]').click();
  assert.equal(await page.locator('[data-testid="outcome-components"]').getAttribute("data-source"), "ua://10.1.0.5");
  // The tabs answer the arrow keys.
  await page.locator('[data-testid="tab-trace"]').focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.locator('[data-testid="tab-fleet"]').getAttribute("aria-selected"), "true");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "tab-fleet");
  await page.keyboard.press("End");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "tab-lessons");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "tab-evidence");
  assert.match(await page.locator('[data-testid="evidence"]').inputValue(), /lpt\$vpn/, "the evidence survives tab switches");
  // Asked to, the evidence travels with the link and comes back with it.
  await page.locator('[data-testid="evidence-in-link"]').check();
  await page.waitForTimeout(400);
  await page.locator('[data-testid="share"]').click();
  const withEvidence = await page.waitForFunction((old) => {
    const l = document.querySelector('[data-testid="share"]')?.dataset.link;
    return l && l !== old ? l : null;
  }, link).then((h) => h.jsonValue());
  assert.deepEqual(problems, []);
  await context.close();
  const other = await openPage(env.browser, env.site.origin);
  await other.page.goto(withEvidence);
  await firstTrace(other.page);
  await other.page.locator('[data-testid="tab-evidence"]').click();
  await other.page.waitForFunction(() => document.querySelector('[data-testid="evidence"]')?.value.includes("lpt$vpn"));
  assert.ok(await other.page.locator('[data-testid="evidence-in-link"]').isChecked());
  await other.context.close();
});
