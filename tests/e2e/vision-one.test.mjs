// Vision One agents as customers run them in 2026: a relay group drawn per
// agent (RG1), Version Control Policies and the Service Gateway (VC1-VC3),
// set in the S&WP settings that load on demand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, until, audit, openForAudit, ARTIFACTS } from "./browser.mjs";

const env = suite();
const { withPage } = env;

async function example(page, file) {
  await page.locator('[data-testid="examples"]').selectOption(file);
  await page.waitForSelector('[data-testid="swp-relay-group"]', { timeout: 15000 });
}

const attempts = (page) =>
  page.locator('[data-testid="trace"] li[data-kind="attempt"]').evaluateAll((li) => li.map((l) => `${l.dataset.source}:${l.dataset.result}`));

test("a relay group is drawn as one box holding its relays; another draw changes the order, never the outcome", async () => {
  await withPage(async (page) => {
    await example(page, "swp-relay-group-one-down.json");
    const card = page.locator('[data-testid="outcome-components"]');
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "relay-group:Branch relays");
    assert.match(await card.textContent(), /updated from a relay of group "Branch relays" that is up \(any of relay-b, relay-c\)/);
    // One frame with the three relays inside, one arrow to it.
    const frame = page.locator('figure[data-item="components"] .dg-group rect.dg-frame');
    const box = await frame.boundingBox();
    const members = await page.locator('figure[data-item="components"] .dg-member rect').evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().toJSON()));
    assert.equal(members.length, 3);
    for (const m of members) {
      assert.ok(m.left >= box.x && m.right <= box.x + box.width && m.top >= box.y && m.bottom <= box.y + box.height, "a relay inside its group's box");
    }
    const arrows = await page.locator('figure[data-item="components"] .dg-arrow').evaluateAll((a) => a.map((x) => x.dataset.source));
    assert.deepEqual(arrows, ["relay-group:Branch relays"]);
    assert.match(await page.locator('figure[data-item="components"] .dg-group > title').textContent(), /each agent receives its relays in a random order of its own/);
    // The order told is one possible draw; another draw puts another relay first.
    const note = page.locator('[data-testid="draw-note"]');
    assert.equal(await note.getAttribute("data-draw"), "1");
    assert.match(await note.textContent(), /one possible draw \(1 of 6\)/);
    const first = await attempts(page);
    assert.deepEqual(first, ["relay-a:failed", "relay-b:delivered"]);
    const outcome = await card.textContent();
    await page.locator('[data-testid="draw-another"]').click();
    await until(page, () => document.querySelector('[data-testid="draw-note"]')?.dataset.draw === "2");
    const second = await attempts(page);
    assert.notEqual(second[0].split(":")[0], first[0].split(":")[0], "another relay is tried first");
    assert.equal(await card.textContent(), outcome, "the outcome is the same for every draw");
    await page.screenshot({ path: `${ARTIFACTS}/relay-group.png`, fullPage: true });
    // The relay group is set in the console's words, loaded on demand.
    await page.locator('[data-testid="swp-relay-group"]').fill("");
    await until(page, () => !document.querySelector('[data-testid="draw-note"]'));
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "relay-b");
  });
});

test("Version Control Policies take an agent of 202412 off its relays; a Service Gateway that is down ends not updated, marked assumed", async () => {
  await withPage(async (page) => {
    await example(page, "swp-relay-group-one-down.json");
    await page.locator('[data-testid="flag-version_control"]').check();
    // No version given: relays as before, and the step says why.
    await until(page, () => [...document.querySelectorAll('[data-testid="trace"] li[data-rule="VC1"]')].some((l) => /relays as before/.test(l.textContent)));
    await page.locator('[data-testid="agent-version"]').fill("202412");
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "trend-vision-one");
    const sources = await page.locator('[data-testid="trace"] li[data-source]').evaluateAll((li) => li.map((l) => l.dataset.source));
    assert.ok(sources.every((s) => !s.startsWith("relay")), sources.join(", "));
    assert.match(await page.locator('[data-testid="outcome-components"]').textContent(), /updated from Trend Vision One/);
    await page.locator('[data-testid="swp-service-gateway"]').fill("sg.corp.example");
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "service-gateway");
    await page.locator('[data-testid="down-service-gateway"]').check();
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.status === "not-updated");
    const last = page.locator('[data-testid="trace"] li[data-rule="VC3"]');
    assert.equal(await last.getAttribute("data-assumed"), "true");
    assert.ok(await page.locator('figure[data-item="components"] .dg-source[data-source="service-gateway"]').count() === 1, "the Service Gateway is a source of its own");
    // A version that is not one is named at its place.
    await page.locator('[data-testid="agent-version"]').fill("latest");
    await until(page, () => /is not an agent version/.test(document.querySelector('[data-testid="errors"]')?.textContent ?? ""));
  });
});

test("axe-core: the S&WP settings, the relay group and Version Control Policies in light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page } = await openForAudit(env, { colorScheme });
    await example(page, "swp-relay-group-one-down.json");
    await audit(page, `relay group, ${colorScheme}`);
    await example(page, "swp-service-gateway-down.json");
    await audit(page, `service gateway down, ${colorScheme}`);
    await context.close();
  }
});
