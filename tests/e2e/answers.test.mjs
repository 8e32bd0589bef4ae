// Answers a support engineer can repeat: typos are errors at their place,
// a broken line that covers the agent is said, nothing typed is lost (undo
// and redo), one numbering of lines, and outages that claim no more than
// was checked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, openTable, until, firstTrace, shareLink } from "./browser.mjs";

const env = suite();
const { withPage } = env;
const outcomeSource = (page, item) => page.locator(`[data-testid="outcome-${item}"]`).getAttribute("data-source");
const title = (page) => page.locator('[data-testid="title"]').inputValue();

test("host typos are errors at their line and column, not host names", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="source-list"]').fill("10.1.0.0/16 -> ua://10.1.0.500\n10.2.0.0/16 -> ua://10.2.0\n* -> server");
    await until(page, () => document.querySelectorAll('[data-testid="errors"] li').length === 2);
    const first = page.locator('[data-testid="errors"] li').first();
    assert.equal(await first.getAttribute("data-line"), "1");
    assert.equal(await first.getAttribute("data-column"), "28");
    assert.match(await first.textContent(), /500 is over 255/);
    assert.equal(await outcomeSource(page, "components"), "server");
  });
});

test("a broken line covering the agent is named on the outcome, and its link puts the caret there", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="agent-addresses"]').fill("10.4.1.1");
    await page.locator('[data-testid="source-list"]').fill("# HQ\n\n10.4.0.0/16 -> ua//10.4.0.5\n10.0.0.0/8 -> ua://10.0.0.5\n* -> server");
    await until(page, () => document.querySelector('[data-testid="outcome-uncertain"]'));
    assert.equal(await outcomeSource(page, "components"), "ua://10.0.0.5");
    assert.match(await page.locator('[data-testid="outcome-uncertain"]').textContent(), /line 3/);
    assert.equal(await page.locator('[data-testid="warnings"] li[data-rule="W6"]').getAttribute("data-line"), "3");
    // One numbering: the trace names the entry by the editor's line.
    const attempt = page.locator('[data-testid="trace"] li[data-kind="attempt"][data-source="ua://10.0.0.5"]').first();
    assert.equal(await attempt.getAttribute("data-line"), "4");
    assert.match(await attempt.textContent(), /line 4/);
    // The step's line takes the caret there.
    await attempt.locator("button.goto").click();
    assert.equal(await page.locator('[data-testid="source-list"]').evaluate((t) => t.value.slice(0, t.selectionStart).split("\n").length), 4);
    await page.locator('[data-testid="outcome-uncertain"] button').click();
    const caretLine = await page.locator('[data-testid="source-list"]').evaluate((t) => t.value.slice(0, t.selectionStart).split("\n").length);
    assert.equal(caretLine, 3);
    // Fixing the line takes the warning away, and the answer does change.
    await page.locator('[data-testid="source-list"]').fill("# HQ\n\n10.4.0.0/16 -> ua://10.4.0.5\n10.0.0.0/8 -> ua://10.0.0.5\n* -> server");
    await until(page, () => !document.querySelector('[data-testid="outcome-uncertain"]'));
    assert.equal(await outcomeSource(page, "components"), "ua://10.4.0.5");
  });
});

test("undo brings back work an example, an import, a link and a table delete replaced; redo re-applies", async () => {
  await withPage(async (page) => {
    const firstTitle = await title(page);
    // An example.
    await page.locator('[data-testid="examples"]').selectOption("swp-relays-down.json");
    await until(page, (t) => document.querySelector('[data-testid="title"]').value !== t, firstTitle);
    const exampleTitle = await title(page);
    assert.ok(await page.locator('[data-testid="restore"]').isVisible(), "an example offers Restore my previous work");
    await page.locator('[data-testid="undo"]').click();
    await until(page, (t) => document.querySelector('[data-testid="title"]').value === t, firstTitle);
    await page.locator('[data-testid="redo"]').click();
    await until(page, (t) => document.querySelector('[data-testid="title"]').value === t, exampleTitle);
    await page.locator('[data-testid="undo"]').click();
    await until(page, (t) => document.querySelector('[data-testid="title"]').value === t, firstTitle);

    // An import.
    const doc = JSON.stringify({ version: 2, profile: "apex-one", title: "Imported", agent: { addresses: ["10.4.4.4"] } });
    await page.locator('[data-testid="import"]').setInputFiles({ name: "i.json", mimeType: "application/json", buffer: Buffer.from(doc) });
    await until(page, () => document.querySelector('[data-testid="title"]').value === "Imported");
    // Ctrl+Z outside a text field.
    await page.locator("h1").click();
    await page.keyboard.press("Control+z");
    await until(page, (t) => document.querySelector('[data-testid="title"]').value === t, firstTitle);
    await page.keyboard.press("Control+Shift+z");
    await until(page, () => document.querySelector('[data-testid="title"]').value === "Imported");
    await page.keyboard.press("Control+z");
    await until(page, (t) => document.querySelector('[data-testid="title"]').value === t, firstTitle);

    // A table delete.
    await openTable(page);
    const rows = () => page.locator(".list-table tbody tr[data-line]").count();
    const before = await rows();
    await page.getByRole("button", { name: "Delete entry 1" }).click();
    await until(page, (n) => document.querySelectorAll(".list-table tbody tr[data-line]").length === n - 1, before);
    await page.locator('[data-testid="undo"]').click();
    await until(page, (n) => document.querySelectorAll(".list-table tbody tr[data-line]").length === n, before);
  });
});

test("undo brings back the work a link replaced", async () => {
  let link;
  await withPage(async (page) => {
    await page.locator('[data-testid="title"]').fill("From the link");
    await page.locator('[data-testid="share"]').click();
    link = await shareLink(page);
  });
  await withPage(async (page) => {
    await page.locator('[data-testid="title"]').fill("Mine");
    await page.waitForTimeout(400);
    await page.evaluate((l) => { location.hash = l.split("#")[1]; }, link);
    await until(page, () => document.querySelector('[data-testid="title"]').value === "From the link");
    await page.locator('[data-testid="undo"]').click();
    await until(page, () => document.querySelector('[data-testid="title"]').value === "Mine");
  });
});

test("the table keeps an invalid edit open with its error; Escape cancels", async () => {
  await withPage(async (page) => {
    await openTable(page);
    await page.locator(".list-table tbody tr[data-line] button.link").first().click();
    const form = page.locator('[data-testid="entry-form"]');
    await form.locator("input").nth(1).fill("ua://10.1.0.500");
    await form.locator("input").nth(1).press("Enter");
    await until(page, () => document.querySelector('[data-testid="entry-error"]')?.textContent.includes("500 is over 255"));
    assert.equal(await form.count(), 1, "the row stays in edit");
    await form.locator("input").nth(1).press("Escape");
    await until(page, () => !document.querySelector('[data-testid="entry-form"]'));
    assert.doesNotMatch(await page.locator('[data-testid="source-list"]').inputValue(), /10\.1\.0\.500/);
  });
});

test("outages check pairs among twenty sources and say so", async () => {
  await withPage(async (page) => {
    const lines = ["10.0.0.0/8 -> ua://10.0.0.5"];
    for (let i = 1; i <= 18; i++) lines.push(`10.${i}.0.0/16 -> ua://10.${i}.0.5`);
    lines.push("192.168.0.0/16 -> http://mirror.corp.local/au");
    await page.locator('[data-testid="agent-addresses"]').fill("10.40.1.1");
    await page.locator('[data-testid="source-list"]').fill(lines.join("\n"));
    await page.locator('[data-testid="tab-fleet"]').click();
    await page.locator('[data-testid="outages-agent"]').click();
    const text = await page.locator('[data-testid="outages-agent-result"]').textContent();
    assert.match(text, /ua:\/\/10\.0\.0\.5 \+ OfficeScan server down together: loses domain settings, components, and programs and hot fixes/);
    assert.match(text, /No single source outage costs it an item/);
    // Counted over the fleet's own agents, in words; a change marks it out of date.
    await page.locator('[data-testid="fleet-agents"]').fill("10.1.0.0/30\n10.40.0.1");
    await page.locator('[data-testid="outages-list"]').click();
    assert.match(await page.locator('[data-testid="outages-list-result"]').textContent(), /if the OfficeScan server is down, 0 of your 3 agents lose an item/);
    assert.equal(await page.locator('[data-testid="fleet-stale"]').count(), 0);
    await page.locator('[data-testid="fleet-agents"]').fill("10.1.0.0/30");
    await page.waitForSelector('[data-testid="fleet-stale"]');
    await page.locator('[data-testid="fleet-stale"] button').click();
    await until(page, () => document.querySelector('[data-testid="fleet-stale"]') === null);
    assert.match(await page.locator('[data-testid="outages-list-result"]').textContent(), /of your 2 agents/);
  });
});

test("the undo history survives a reload of the tab", async () => {
  await withPage(async (page) => {
    const first = await title(page);
    await page.locator('[data-testid="examples"]').selectOption("swp-relays-down.json");
    await until(page, (t) => document.querySelector('[data-testid="title"]').value !== t, first);
    await page.waitForTimeout(500); // the work and its history are kept once edits settle
    await page.reload();
    await firstTrace(page);
    assert.notEqual(await title(page), first);
    await page.locator('[data-testid="undo"]').click();
    await until(page, (t) => document.querySelector('[data-testid="title"]').value === t, first);
  });
});
