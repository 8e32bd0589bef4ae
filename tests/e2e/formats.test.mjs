// The scenario format moving on: version-1 links from old tickets still open,
// and what version 2 added (the title, the fleet's agents) is kept, exported
// and shared.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { suite, openPage, freshPage, firstTrace, shareLink, download } from "./browser.mjs";

const env = suite();

const V1 = "tests/corpus/v1";
/// The version-1 share links planner 0.1.0 made, by file name.
function v1Links() {
  const files = readdirSync(V1).filter((f) => f.endsWith(".json") && !f.endsWith(".trace.json")).sort();
  const links = readFileSync(`${V1}/links.txt`, "utf8").trim().split("\n");
  assert.equal(links.length, files.length);
  return Object.fromEntries(files.map((f, i) => [f, links[i]]));
}

test("a version-1 link from an old ticket opens with the trace it gave then", async () => {
  const { context, page, problems } = await openPage(env.browser, env.site.origin);
  for (const file of ["page-saved.json", "swp-relays-down-direct.json"]) {
    const recorded = JSON.parse(readFileSync(`${V1}/${file.replace(".json", ".trace.json")}`, "utf8"));
    await page.goto(`${env.site.url}#${v1Links()[file]}`);
    await firstTrace(page);
    await page.waitForFunction((p) => document.querySelector('[data-testid="profile"]')?.value === p, recorded.profile);
    for (const [item, o] of Object.entries(recorded.outcome)) {
      const got = await page.locator(`[data-testid="outcome-${item}"]`).evaluate((e) => [e.dataset.status, e.dataset.source ?? null]);
      assert.deepEqual(got, [o.status, o.source ?? null], `${file}: ${item}`);
    }
    const steps = await page.locator('[data-testid="trace"] li[data-kind]').count();
    assert.equal(steps, recorded.steps.length, `${file}: steps`);
  }
  // Exported again, it is a current document.
  const doc = JSON.parse((await download(page, '[data-testid="export"]')).text);
  assert.equal(doc.version, 6, "written in the current format");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the title names the tab, the copied trace and the exported file, and is kept with the fleet's agents", async () => {
  const { context, page, problems } = await freshPage(env.browser, env.site.origin, env.site.url);
  await page.locator('[data-testid="title"]').fill("Ticket 4711: ACME floor 3");
  await page.waitForFunction(() => document.title === "Ticket 4711: ACME floor 3 · Update Source Planner");
  await page.locator('[data-testid="copy-trace"]').click();
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^### Ticket 4711: ACME floor 3\n/);
  await page.locator('[data-testid="tab-fleet"]').click();
  await page.locator('[data-testid="fleet-agents"]').fill("10.0.0.0/30\n10.9.9.9");
  const exported = await download(page, '[data-testid="export"]');
  assert.equal(exported.name, "ticket-4711-acme-floor-3.json");
  const doc = JSON.parse(exported.text);
  assert.equal(doc.title, "Ticket 4711: ACME floor 3");
  assert.equal(doc.fleet.agents, "10.0.0.0/30\n10.9.9.9");
  // A reload brings both back.
  await page.waitForTimeout(400);
  await page.goto(env.site.url);
  await firstTrace(page);
  assert.equal(await page.locator('[data-testid="title"]').inputValue(), "Ticket 4711: ACME floor 3");
  await page.locator('[data-testid="tab-fleet"]').click();
  assert.equal(await page.locator('[data-testid="fleet-agents"]').inputValue(), "10.0.0.0/30\n10.9.9.9");
  // And a link carries them to someone else.
  await page.locator('[data-testid="tab-trace"]').click();
  await page.locator('[data-testid="share"]').click();
  const link = await shareLink(page);
  const other = await env.browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto(link);
  await firstTrace(theirs);
  assert.equal(await theirs.locator('[data-testid="title"]').inputValue(), "Ticket 4711: ACME floor 3");
  await theirs.locator('[data-testid="tab-fleet"]').click();
  await theirs.locator('[data-testid="fleet-run"]').click();
  await theirs.waitForSelector('[data-testid="fleet-table"]');
  assert.equal(await theirs.locator('[data-testid="fleet-table"]').getAttribute("data-rows"), "3", "a /30 is its 2 hosts, and 10.9.9.9");
  await other.close();
  assert.deepEqual(problems, []);
  await context.close();
});
