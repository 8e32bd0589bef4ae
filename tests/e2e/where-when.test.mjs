// Where the agent is and when it updates (LOC1-LOC3, IND1-IND2, TL1-TL3):
// the settings load on demand, an off-premises agent's trace and picture,
// the timeline's answer read out and its strip under the picture.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { suite, until, audit, openForAudit, openPresenter, planner, ARTIFACTS } from "./browser.mjs";

const env = suite();
const { withPage } = env;

async function example(page, file) {
  await page.locator('[data-testid="examples"]').selectOption(file);
  await page.waitForSelector('[data-testid="location"]', { timeout: 15000 });
}

const rules = (page) => page.locator('[data-testid="trace"] li').evaluateAll((li) => li.map((l) => l.dataset.rule));

test("the where-and-when settings load on demand, and an agent back after 40 minutes updates at the third resend", async () => {
  await withPage(async (page) => {
    // A first visit has them closed: one button, nothing loaded.
    const open = page.locator('[data-testid="where-when-open"]');
    await open.waitFor();
    assert.equal(await page.locator('[data-testid="location"]').count(), 0);
    assert.equal(await page.locator('[data-testid="when-answer"]').count(), 0, "no timeline without a notified agent");
    await page.locator('[data-testid="trigger"]').selectOption("server-notify");
    await open.click();
    await page.waitForSelector('[data-testid="unreachable"]', { timeout: 15000 });
    await page.locator('[data-testid="notified-at"]').fill("10:00");
    await page.locator('[data-testid="unreachable"]').fill("40");
    const answer = page.locator('[data-testid="when-answer"]');
    await until(page, () => /T\+45 min \(10:45\), at the third resend/.test(document.querySelector('[data-testid="when-answer"]')?.textContent ?? ""));
    assert.equal(await answer.getAttribute("role"), "status", "read out by screen readers when it changes");
    // The update as a whole names no source; each card says where from, and when.
    assert.equal(await answer.textContent(), "The update starts at about T+45 min (10:45), at the third resend");
    assert.equal(await page.locator('[data-testid="outcome-components"] .status').textContent(),
      "Updated at about T+45 min (10:45), at the third resend, from Update Agent ua://10.0.0.5");
    // The strip under the picture: four notifications, the last answered.
    const marks = await page.locator('figure[data-item="components"] .dg-when g').evaluateAll((g) => g.map((x) => x.getAttribute("class")));
    assert.deepEqual(marks, ["dg-failed", "dg-failed", "dg-failed", "dg-delivered"]);
    assert.ok((await rules(page)).includes("TL1"));
    // Two hours: the resends stop at T+60, and the agent waits for its schedule.
    await page.locator('[data-testid="unreachable"]').fill("120");
    await until(page, () => /^No update starts before the next schedule-based update/.test(document.querySelector('[data-testid="when-answer"]')?.textContent ?? ""));
    assert.match(await page.locator('[data-testid="outcome-components"] .status').textContent(), /^Not updated before the next schedule-based update; then from /);
    // Read aloud, a step that happens then says so.
    const attempts = await page.locator('[data-testid="trace"] li[data-kind="attempt"] .text').allTextContents();
    assert.ok(attempts.length && attempts.every((t) => t.startsWith("At the next schedule-based update: ")), attempts.join("\n"));
    await page.locator('[data-testid="flag-restart_update"]').check();
    await until(page, () => /when it restarts and connects again, at about T\+120 min \(12:00\)/.test(document.querySelector('[data-testid="when-answer"]')?.textContent ?? ""));
    // A time that is not one is named at its place.
    await page.locator('[data-testid="notified-at"]').fill("25:00");
    await until(page, () => /the hour 25 is over 23/.test(document.querySelector('[data-testid="errors"]')?.textContent ?? ""));
  });
});

test("a laptop at home: engines and patterns from ActiveUpdate, settings through the Edge Relay server, drawn outside the network", async () => {
  await withPage(async (page) => {
    await example(page, "apex-one-laptop-home-edge-relay.json");
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "activeupdate");
    assert.equal(await page.locator('[data-testid="outcome-domain-settings"]').getAttribute("data-source"), "edge-relay");
    assert.match(await page.locator('[data-testid="outcome-domain-settings"]').textContent(), /updated from the Edge Relay server/);
    const sources = await page.locator('[data-testid="trace"] li[data-source]').evaluateAll((li) => li.map((l) => l.dataset.source));
    assert.ok(!sources.includes("server") && !sources.some((s) => s.startsWith("ua://")), sources.join(", "));
    // The picture: the agent dashed, outside the corporate network's edge.
    const figure = page.locator('figure[data-item="components"]');
    assert.equal(await figure.locator("rect.dg-agent.dg-away").count(), 1);
    const edge = await figure.locator(".dg-boundary line").boundingBox();
    const agent = await figure.locator("rect.dg-agent").boundingBox();
    const source = await figure.locator('.dg-source[data-source="activeupdate"] rect').boundingBox();
    assert.ok(agent.x + agent.width <= edge.x + 1 && edge.x <= source.x, "the edge runs between the agent and its sources");
    await page.screenshot({ path: `${ARTIFACTS}/off-premises.png`, fullPage: true });
    // Without the Edge Relay server, domain settings are not updated.
    await page.locator('[data-testid="edge-relay"]').fill("");
    await until(page, () => document.querySelector('[data-testid="outcome-domain-settings"]')?.dataset.status === "not-updated");
    assert.ok((await rules(page)).includes("LOC3"));
    // Back on the network: the list again.
    await page.locator('[data-testid="location"]').selectOption("on-premises");
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "server");
  });
});

test("a roaming client the server does not notify is sent no notification and updates at its own scheduled update", async () => {
  await withPage(async (page) => {
    await example(page, "roaming-client-waits-for-schedule.json");
    await until(page, () => /^No update starts before its own next scheduled update/.test(document.querySelector('[data-testid="when-answer"]')?.textContent ?? ""));
    assert.match(await page.locator('[data-testid="location"]').locator("option:checked").textContent(), /Roaming/);
    assert.deepEqual((await rules(page)).slice(0, 3), ["T1", "IND1", "TL2"], "told once that the server does not notify it, never that it sends");
    const steps = await page.locator('[data-testid="trace"] li .text').allTextContents();
    assert.ok(!steps.some((t) => /sends its notification|resends|notifies the client|notified at a random moment/.test(t)), steps.join("\n"));
    assert.equal(await page.locator('figure[data-item="components"] .dg-when circle').count(), 0, "the strip shows no notification sent");
    await page.locator('[data-testid="flag-notify_roaming"]').check();
    await until(page, () => /^The update starts at once, on the first notification/.test(document.querySelector('[data-testid="when-answer"]')?.textContent ?? ""));
  });
});

test("presenter mode and the embed view tell when, as the page does: the strip and the when-line", async () => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
    await withPage(async (page) => {
      await example(page, "agent-off-for-40-minutes.json");
      await until(page, () => /T\+45 min/.test(document.querySelector('[data-testid="when-answer"]')?.textContent ?? ""));
      await openPresenter(page);
      await page.keyboard.press("End");
      await until(page, () => document.querySelector('.presenter-outcome [data-testid="when-answer"]'));
      assert.equal(await page.locator('.presenter-outcome [data-testid="when-answer"]').textContent(), "The update starts at about T+45 min (10:45), at the third resend");
      assert.match(await page.locator('.presenter-outcome [data-testid="outcome-components"]').textContent(), /Updated at about T\+45 min \(10:45\), at the third resend, from Update Agent ua:\/\/10\.1\.0\.5/);
      const marks = await page.locator('.presenter-picture .dg-when g').evaluateAll((g) => g.map((x) => x.getAttribute("class")));
      assert.deepEqual(marks, ["dg-failed", "dg-failed", "dg-failed", "dg-delivered"], "the strip in the room's picture");
      const strip = await page.locator(".presenter-picture .dg-when").boundingBox();
      assert.ok(strip && strip.y + strip.height <= viewport.height, "the strip is on screen");
      await page.screenshot({ path: `${ARTIFACTS}/presenter-when-${viewport.width}.png` });
      // Before the notifications are told, neither is shown.
      await page.keyboard.press("Home");
      await until(page, () => !document.querySelector('.presenter-outcome [data-testid="when-answer"]'));
      assert.equal(await page.locator(".presenter-picture .dg-when").count(), 0);
    }, { viewport });
  }
  const link = execFileSync(planner(), ["links", "www/examples/agent-off-for-40-minutes.json"], { encoding: "utf8" }).trim();
  await withPage(async (page) => {
    assert.equal(await page.locator('[data-testid="when-answer"]').textContent(), "The update starts at about T+45 min (10:45), at the third resend");
    assert.match(await page.locator('[data-testid="outcome-programs"]').textContent(), /Updated at about T\+45 min \(10:45\), at the third resend, from Update Agent/);
    assert.equal(await page.locator('figure[data-item="components"] .dg-when g.dg-delivered').count(), 1);
  }, { url: `${env.site.url}?embed=1#${link}`, viewport: { width: 800, height: 900 } });
});

test("axe-core: the where-and-when settings and an off-premises agent in light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { context, page } = await openForAudit(env, { colorScheme });
    await example(page, "apex-one-laptop-home-no-edge-relay.json");
    await audit(page, `laptop at home, ${colorScheme}`);
    await example(page, "agent-off-for-40-minutes.json");
    await audit(page, `agent off for 40 minutes, ${colorScheme}`);
    await context.close();
  }
});
