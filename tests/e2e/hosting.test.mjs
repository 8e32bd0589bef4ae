// Hosting: the bundle under a sub-path, and offline after one visit.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, startServer, openPage, firstTrace, servedOffline } from "./browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("the bundle works under /docs/planner/, examples and all", async () => {
  const site = await startServer("/docs/planner/");
  const { context, page, foreign, problems } = await openPage(browser, site.origin);
  try {
    await page.goto(site.url);
    await firstTrace(page);
    assert.equal(await page.locator('[data-testid="outcome-components"]').getAttribute("data-status"), "updated");
    // An example that is not built in comes from examples/ beside the page.
    await page.locator('[data-testid="examples"]').selectOption("swp-relays-down-direct.json");
    await page.waitForFunction(() => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "primary");
    const fromRoot = await fetch(`${site.origin}/index.html`);
    assert.equal(fromRoot.status, 404, "nothing is served outside the sub-path");
    assert.deepEqual(foreign, []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    site.server.close();
  }
});

test("after one visit the page opens and works with the network off", async () => {
  const site = await startServer("/");
  const { context, page, foreign } = await openPage(browser, site.origin);
  try {
    await page.goto(site.url);
    await firstTrace(page);
    await servedOffline(page);
    await context.setOffline(true);
    site.server.close(); // and the server is gone too
    await page.reload();
    await firstTrace(page);
    await page.locator('[data-testid="down-ua://10.0.0.5"]').check();
    await page.waitForFunction(() => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "server");
    // Examples fetched on demand were kept too.
    await page.locator('[data-testid="examples"]').selectOption("apex-one-pattern-only.json");
    await page.waitForFunction(() => document.querySelector('[data-testid="outcome-programs"]')?.dataset.status === "excluded");
    assert.deepEqual(foreign, []);
  } finally {
    await context.close();
  }
});

test("the first trace is drawn before any on-demand part is fetched, and each on-demand part works offline once the page was visited", async () => {
  const site = await startServer("/");
  const { context, page, foreign } = await openPage(browser, site.origin);
  const asked = [];
  page.on("request", (r) => asked.push(new URL(r.url()).pathname));
  const ON_DEMAND = /^\/(tools\/|worker\/|api\/|rules\.json)/;
  const useEveryPart = async () => {
    // The rule sentences.
    await page.locator('[data-testid="trace"] li[data-rule="L1"] details.rule summary').first().click();
    await page.waitForSelector('[data-testid="trace"] li[data-rule="L1"] details.rule[open] blockquote', { timeout: 10000 });
    await page.keyboard.press("Escape");
    // The table editor.
    await page.getByRole("button", { name: "Show as table" }).click();
    await page.waitForSelector(".list-table tbody tr", { timeout: 10000 });
    // Presenter mode.
    await page.locator('[data-testid="presenter"]').click();
    await page.waitForSelector(".presenter-bar", { timeout: 10000 });
    await page.keyboard.press("Escape");
    await page.waitForSelector('[data-testid="trace"] li');
    // The Fleet tab and its worker.
    await page.locator('[data-testid="tab-fleet"]').click();
    await page.locator('[data-testid="fleet-agents"]').fill("10.1.4.0/30\n192.168.1.1");
    await page.locator('[data-testid="fleet-run"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="fleet-table"]')?.dataset.rows === "3", null, { timeout: 10000 });
  };
  try {
    await page.goto(site.url);
    await firstTrace(page);
    const beforeTrace = [...asked];
    assert.deepEqual(beforeTrace.filter((p) => ON_DEMAND.test(p)), [], "nothing loaded on demand before the first trace");
    await useEveryPart();
    const fetched = asked.filter((p) => ON_DEMAND.test(p));
    for (const part of ["/tools/tools.js", "/tools/tools.css", "/rules.json", "/worker/worker.js"]) {
      assert.ok(fetched.includes(part), `${part} fetched when first used (${fetched.join(", ")})`);
    }
    await servedOffline(page);
    await context.setOffline(true);
    site.server.close();
    await page.reload();
    await firstTrace(page);
    await page.locator('[data-testid="tab-trace"]').click().catch(() => {});
    await useEveryPart();
    assert.deepEqual(foreign, []);
  } finally {
    await context.close();
  }
});
