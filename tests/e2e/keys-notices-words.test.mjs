// Small things a user meets at once: Undo and Redo keys from a checkbox or
// a drop-down (where a keyboard user is after Space on a what-if switch);
// a notice about a new scenario gone once the user moves on; products named
// in the console's words in the examples list; the S&WP primary source as
// the console's choice; the manager called one name; rule quotes naming
// their document by product and title, never by a file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { suite, until, download } from "./browser.mjs";

const env = suite();
const TITLES = Object.fromEntries(JSON.parse(readFileSync("www/examples/index.json", "utf8")).map((e) => [e.file, e.title]));
const { withPage } = env;

const outcome = (page) => page.locator('[data-testid="outcome-components"]').getAttribute("data-source");
const checked = (page, id) => page.locator(`[data-testid="${id}"]`).isChecked();

test("Ctrl+Z and Ctrl+Y undo and redo from a focused checkbox and a drop-down; a text field keeps its own undo", async () => {
  await withPage(async (page) => {
    const what = "down-ua://10.0.0.5";
    const before = await outcome(page);
    // A keyboard user: focus the what-if switch, Space, then undo from it.
    await page.locator(`[data-testid="${what}"]`).focus();
    await page.keyboard.press("Space");
    await until(page, (b) => document.querySelector('[data-testid="outcome-components"]')?.dataset.source !== b, before);
    const after = await outcome(page);
    await page.keyboard.press("Control+z");
    await until(page, (b) => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === b, before);
    assert.equal(await checked(page, what), false, "the switch is off again");
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), what, "the focus stays on the switch");
    await page.keyboard.press("Control+y");
    await until(page, (a) => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === a, after);
    assert.equal(await checked(page, what), true);
    await page.keyboard.press("Control+z");
    await until(page, (b) => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === b, before);
    await page.keyboard.press("Control+Shift+z");
    await until(page, (a) => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === a, after);
    // A drop-down: the profile chosen, then undone from the drop-down itself.
    const profile = page.locator('[data-testid="profile"]');
    await profile.selectOption("apex-one");
    await until(page, () => document.querySelector('[data-testid="profile"]').value === "apex-one");
    await profile.focus();
    await page.keyboard.press("Control+z");
    await until(page, () => document.querySelector('[data-testid="profile"]').value === "officescan-xg");
    // In a text field Ctrl+Z is the browser's: it takes back the typing, never the switch before it.
    await page.locator('[data-testid="title"]').fill("");
    await page.locator('[data-testid="title"]').pressSequentially("Ticket 4711");
    await page.keyboard.press("Control+z");
    await page.keyboard.press("Control+z");
    await page.waitForTimeout(300);
    assert.equal(await checked(page, what), true, "undo in a text field leaves the what-if alone");
  });
});

test("the notice of a new scenario goes once the user changes the profile or edits", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="new-scenario"]').click();
    await until(page, () => /New OfficeScan XG scenario/.test(document.querySelector('[data-testid="notice"]')?.textContent ?? ""));
    await page.locator('[data-testid="profile"]').selectOption("apex-one");
    await until(page, () => !/OfficeScan XG/.test(document.querySelector('[data-testid="notice"]')?.textContent ?? ""));
    assert.equal(await page.locator('[data-testid="notice"]').count(), 0, "no notice about the scenario before");
    // An edit does it too: an example's notice goes at the first change.
    await page.locator('[data-testid="examples"]').selectOption("activeupdate-first.json");
    await until(page, () => /Example: /.test(document.querySelector('[data-testid="notice"]')?.textContent ?? ""));
    await page.locator('[data-testid="agent-addresses"]').fill("10.9.9.9");
    await until(page, () => !document.querySelector('[data-testid="notice"]'));
    // Undo still brings the work before the example back.
    await page.locator('[data-testid="undo"]').click();
    await page.locator('[data-testid="undo"]').click();
    await until(page, () => document.querySelector('[data-testid="profile"]').value === "apex-one");
  });
});

test("the examples list names each product as its console does", async () => {
  await withPage(async (page) => {
    const options = await page.locator('[data-testid="examples"] option').evaluateAll((os) => os.slice(1).map((o) => o.textContent));
    assert.ok(options.length >= 15, `${options.length} examples`);
    const products = /\((OfficeScan 10\.6|OfficeScan 11\.0|OfficeScan XG|Apex One|Server & Workload Protection)\)$/;
    for (const o of options) assert.match(o, products, o);
    for (const id of ["officescan-xg", "swp", "apex-one"]) assert.ok(options.every((o) => !o.includes(`(${id})`)), id);
    assert.ok(options.some((o) => o.endsWith("(Server & Workload Protection)")) && options.some((o) => o.endsWith("(Apex One)")));
  });
});

test("S&WP: the Primary Component Update Source is the console's choice, the URL kept in the file, errors named", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="examples"]').selectOption("swp-relays-down-direct.json");
    await page.waitForSelector('[data-testid="swp-primary-trend-micro"]', { timeout: 15000 });
    const url = page.locator('[data-testid="swp-primary"]');
    assert.equal(await checked(page, "swp-primary-trend-micro"), true);
    assert.equal(await url.isDisabled(), true, "no URL while the Trend Micro Update Server is chosen");
    const group = page.getByRole("radiogroup", { name: "Primary Component Update Source" });
    assert.equal(await group.getByRole("radio").count(), 2);
    assert.ok(!(await page.locator("main, .panes").first().innerText()).includes("trend-micro"), "no code word on the page");
    // Other update source: its URL, checked as the console does.
    await page.locator('[data-testid="swp-primary-other"]').check();
    await until(page, () => /Primary Component Update Source: "Other update source" has no URL yet/.test(document.querySelector('[data-testid="errors"]')?.textContent ?? ""));
    await url.fill("mirror.corp/au");
    await until(page, () => /the Primary Component Update Source: .*is neither/.test(document.querySelector('[data-testid="errors"]')?.textContent ?? ""));
    await url.fill("https://mirror.corp/au");
    await until(page, () => document.querySelectorAll('[data-testid="errors"] li').length === 0);
    await until(page, () => document.querySelector('[data-testid="trace"]')?.textContent.includes("Other update source https://mirror.corp/au"));
    assert.match((await download(page, '[data-testid="export"]')).text, /"primary": "https:\/\/mirror\.corp\/au"/);
    // Back to the Trend Micro Update Server, and to Other again: the URL comes back.
    await page.locator('[data-testid="swp-primary-trend-micro"]').check();
    await until(page, () => document.querySelector('[data-testid="swp-primary"]').disabled);
    assert.match((await download(page, '[data-testid="export"]')).text, /"primary": "trend-micro"/);
    await page.locator('[data-testid="swp-primary-other"]').check();
    await until(page, () => document.querySelector('[data-testid="swp-primary"]').value === "https://mirror.corp/au");
    await until(page, () => document.querySelector('[data-testid="trace"]')?.textContent.includes("Other update source https://mirror.corp/au"));
  });
});

test("S&WP: the manager has one name, the trace's, on every setting", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="examples"]').selectOption("swp-version-control-new-agent.json");
    await page.waitForSelector('[data-testid="flag-version_control"]', { timeout: 15000 });
    const label = await page.locator('label[for="flag-version_control"]').innerText();
    assert.match(label, /^Workload Security Manager enrolled in Version Control Policies/);
    const text = await page.locator("body").innerText();
    assert.ok(!text.includes("Protection Manager"), "no other name for the manager");
    assert.match(await page.locator('[data-testid="trace"]').innerText(), /Workload Security Manager/);
  });
});

test("a rule quote names its document by product and title, never a file", async () => {
  await withPage(async (page) => {
    const cites = [];
    for (const file of ["floor-update-agent-down.json", "swp-relays-down-direct.json", "apex-one-pattern-only.json"]) {
      await page.locator('[data-testid="examples"]').selectOption(file);
      await until(page, (t) => document.querySelector('[data-testid="notice"]')?.textContent.includes(`Example: ${t}.`), TITLES[file]);
      const badges = page.locator('[data-testid="trace"] details.rule');
      for (let i = 0; i < await badges.count(); i++) {
        await badges.nth(i).locator("summary").click();
        await until(page, (k) => document.querySelectorAll('[data-testid="trace"] details.rule')[k]?.querySelector("cite"), i);
        cites.push(await badges.nth(i).locator("cite").innerText());
        await page.keyboard.press("Escape");
      }
    }
    assert.ok(cites.length >= 10, `${cites.length} quotes opened`);
    for (const c of cites) assert.doesNotMatch(c, /\.txt\b|\.md\b/, c);
    assert.ok(cites.includes("Source: Trend Vision One Server & Workload Protection — Configure the component update source"), cites.join("\n"));
    assert.ok(cites.includes("Source: OfficeScan online help — OfficeScan Agent Update Process"), cites.join("\n"));
    // The same holds for every rule the page can quote.
    const rules = JSON.parse(await page.evaluate(() => fetch("rules.json").then((r) => r.text())));
    for (const r of rules) assert.doesNotMatch(r.basis, /\.txt\b/, r.id);
  });
});
