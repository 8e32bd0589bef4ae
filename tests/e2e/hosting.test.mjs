// Hosting: the bundle under a sub-path, and offline after one visit.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, startServer, openPage, firstTrace } from "./browser.mjs";

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
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
      }
    });
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
