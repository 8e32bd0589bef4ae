// End-to-end tests of the built page (dist/) in headless Chromium.
// Run: node --test tests/e2e/   (after scripts/build.sh)
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, openPresenter, until, openPage, firstTrace, shareLink, linkOf, download, ARTIFACTS } from "./browser.mjs";

const env = suite();
const { withPage } = env;

const outcome = (page, item) =>
  page.locator(`[data-testid="outcome-${item}"]`).evaluate((e) => `${e.dataset.status}@${e.dataset.source}`);
const path = (page, item) =>
  page.locator(`[data-testid="trace"] li[data-kind="attempt"][data-item="${item}"]`)
    .evaluateAll((els) => els.map((e) => `${e.dataset.source}:${e.dataset.result}`));
async function pasteList(page, text) {
  await page.locator('[data-testid="source-list"]').fill(text);
}

test("a first visit opens an example and draws its trace", async () => {
  await withPage(async (page) => {
    assert.equal(await outcome(page, "components"), "updated@ua://10.0.0.5");
    const tag = await page.locator('[data-testid="trace"]').evaluate((e) => e.tagName);
    assert.equal(tag, "OL");
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.screenshot({ path: `${ARTIFACTS}/planner.png`, fullPage: true });
  });
});

test("pasting a list gives the right trace", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="agent-addresses"]').fill("10.8.1.2");
    await pasteList(page, "Range\tSource\n10.8.0.0/16\tua://10.8.0.5\n*\tactiveupdate");
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "ua://10.8.0.5");
    assert.deepEqual(await path(page, "components"), ["ua://10.8.0.5:delivered"]);
    assert.equal(await outcome(page, "domain-settings"), "updated@ua://10.8.0.5");
  });
});

test("a bad line shows its line and column and the rest still resolves", async () => {
  await withPage(async (page) => {
    await pasteList(page, "10.1.0.0/16 -> ua://10.1.0.77\n10.0.0.0/8 -> mirror.corp.local/au");
    await until(page, () => document.querySelectorAll('[data-testid="errors"] li').length === 1);
    const err = await page.locator('[data-testid="errors"] li').first();
    assert.equal(await err.getAttribute("data-line"), "2");
    assert.equal(await err.getAttribute("data-column"), "15");
    assert.match(await err.textContent(), /http:\/\/ or https:\/\//);
    assert.equal(await outcome(page, "components"), "updated@ua://10.1.0.77");
  });
});

test("toggling a source down shows the fallback and highlights what changed", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="down-ua://10.0.0.5"]').check();
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "server");
    assert.deepEqual(await path(page, "components"), ["ua://10.1.0.5:failed", "ua://10.0.0.5:failed", "server:delivered"]);
    assert.ok(await page.locator('[data-testid="trace"] li[data-changed="true"]').count() > 0);
    // Clicking a source in the trace toggles it back up.
    await page.locator('[data-testid="trace"] li[data-source="ua://10.0.0.5"] button.src').first().click();
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "ua://10.0.0.5");
  });
});

test("a share link opens the same trace elsewhere", async () => {
  let link, steps;
  await withPage(async (page) => {
    await page.locator('[data-testid="down-ua://10.0.0.5"]').check();
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "server");
    await page.locator('[data-testid="share"]').click();
    link = await shareLink(page);
    steps = await page.locator('[data-testid="trace"] li').allTextContents();
  });
  assert.match(link, /#s2\./);
  await withPage(async (page) => {
    assert.deepEqual(await page.locator('[data-testid="trace"] li').allTextContents(), steps);
    assert.equal(await outcome(page, "components"), "updated@server");
  }, { url: link });
});

test("a broken link says so and keeps the current work", async () => {
  const { context, page } = await openPage(env.browser, env.site.origin);
  await page.goto(env.site.url);
  await firstTrace(page);
  await page.locator('[data-testid="agent-addresses"]').fill("10.2.3.4");
  await until(page, () => document.querySelector('[data-testid="trace"] li[data-kind="match"]')?.textContent.includes("10.2.3.4"));
  await page.waitForTimeout(400); // autosave settles
  for (const [frag, words] of [["#s1.deadbeef.AAAA", /changed after it was made|cut short/], ["#s9.x.y", /newer planner/], ["#hello", /not a planner link/]]) {
    await page.goto(env.site.url + frag);
    await firstTrace(page);
    const notice = await page.locator('[data-testid="notice"]').textContent();
    assert.match(notice, words);
    assert.match(notice, /current work is kept/);
    assert.equal(await page.locator('[data-testid="agent-addresses"]').inputValue(), "10.2.3.4");
  }
  await context.close();
});

test("a reload keeps the work", async () => {
  const { context, page } = await openPage(env.browser, env.site.origin);
  await page.goto(env.site.url);
  await firstTrace(page);
  await pasteList(page, "* -> ua://10.9.9.9 # kept across reloads");
  await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "ua://10.9.9.9");
  await page.waitForTimeout(400);
  await page.goto(env.site.url); // no fragment: the saved work
  await firstTrace(page);
  assert.equal(await page.locator('[data-testid="source-list"]').inputValue(), "* -> ua://10.9.9.9 # kept across reloads");
  assert.equal(await outcome(page, "components"), "updated@ua://10.9.9.9");
  await context.close();
});

test("hostile labels and addresses render as text", async () => {
  await withPage(async (page) => {
    let dialogs = 0;
    page.on("dialog", (d) => { dialogs++; d.dismiss(); });
    await pasteList(page, '* -> ua://10.0.0.5 # <img src=x onerror=alert(1)>\n<script>alert(2)</script> -> server');
    await until(page, () => document.querySelector('[data-testid="errors"] li[data-line="2"]'));
    await page.locator('[data-testid="agent-addresses"]').fill('10.1.1.1, "><img src=y onerror=alert(3)>');
    await until(page, () => document.querySelectorAll('[data-testid="errors"] li').length >= 2);
    assert.equal(await page.locator("main img").count(), 0);
    assert.match(await page.locator('[data-testid="trace"]').textContent(), /<img src=x onerror=alert\(1\)>/);
    assert.equal(dialogs, 0);
  });
});

test("the Content-Security-Policy is in force and nothing violates it", async () => {
  await withPage(async (page) => {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    assert.match(csp, /default-src 'self'/);
    // One inline script is allowed, by its hash: the first view's, in <head>.
    assert.match(csp, /script-src 'self' 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval'/);
    assert.equal(await page.locator("script:not([src])").count(), 1);
    assert.doesNotMatch(csp, /unsafe-inline/);
    const violations = await page.evaluate(() => new Promise((resolve) => {
      const seen = [];
      document.addEventListener("securitypolicyviolation", (e) => seen.push(e.violatedDirective));
      // An inline script the policy must refuse: proves the policy is live.
      const s = document.createElement("script");
      s.textContent = "window.__inline = 1";
      document.body.appendChild(s);
      setTimeout(() => resolve({ seen, ran: window.__inline === 1 }), 200);
    }));
    assert.equal(violations.ran, false);
    assert.deepEqual(violations.seen, ["script-src-elem"]);
  }, { expectedConsole: /Executing inline script violates/ });
});

test("embed mode shows the trace only, with a link back", async () => {
  let link;
  await withPage(async (page) => {
    link = await linkOf(page, '[data-testid="embed-link"]');
  });
  await withPage(async (page) => {
    assert.equal(await page.locator('[data-testid="source-list"]').count(), 0);
    const open = await linkOf(page, '[data-testid="open-in-planner"]');
    assert.match(open, /#s2\./);
    assert.doesNotMatch(open, /embed=1/);
  }, { url: link });
});

test("presenter mode steps through the trace with the arrow keys", async () => {
  await withPage(async (page) => {
    await openPresenter(page);
    const current = () => page.locator('[data-testid="trace"] li[aria-current="step"]').evaluate((e) => Number(e.dataset.n) - 1);
    assert.equal(await current(), 0);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    assert.equal(await current(), 2);
    await page.keyboard.press("ArrowLeft");
    assert.equal(await current(), 1);
    await page.keyboard.press("Escape");
    assert.equal(await page.locator('[aria-current="step"]').count(), 0);
  });
});

test("import takes a scenario file and refuses a broken one without losing work", async () => {
  await withPage(async (page) => {
    const good = JSON.stringify({ version: 1, profile: "swp", swp: { relays: [{ name: "relay-x" }] }, agent: { addresses: ["172.16.0.1"] } });
    await page.locator('[data-testid="import"]').setInputFiles({ name: "swp.json", mimeType: "application/json", buffer: Buffer.from(good) });
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "relay-x");
    await page.locator('[data-testid="import"]').setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"version":1,\n"profile":"swp",\n"colour":"red"}') });
    await until(page, () => document.querySelector('[data-testid="notice"]')?.textContent.includes("broken.json is not a scenario"));
    assert.match(await page.locator('[data-testid="notice"]').textContent(), /line 3, column/);
    assert.equal(await outcome(page, "components"), "updated@relay-x");
  });
});

test("fleet: run agents, filter the table and export CSV", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="tab-fleet"]').click();
    await page.locator('[data-testid="fleet-agents"]').fill("10.1.4.20\n10.2.0.0/30\n192.168.1.1\nnot-an-address");
    await page.locator('[data-testid="fleet-run"]').click();
    await page.waitForSelector('[data-testid="fleet-table"]');
    assert.equal(await page.locator('[data-testid="fleet-table"]').getAttribute("data-rows"), "4", "10.2.0.0/30 is its 2 hosts");
    assert.match(await page.locator('[data-testid="fleet-errors"]').textContent(), /line 4, column 1/);
    await page.locator('[data-testid="fleet-filter"]').fill("server");
    await until(page, () => document.querySelector('[data-testid="fleet-table"]').dataset.rows === "1");
    await page.locator('[data-testid="fleet-filter"]').fill("");
    const csv = (await download(page, '[data-testid="fleet-csv"]')).text;
    const lines = csv.trim().split("\n");
    assert.equal(lines[0], "agent,domain-settings status,domain-settings source,components status,components source,programs status,programs source,attempts");
    assert.equal(lines.length, 5, "a heading, 10.1.4.20, the /30's 2 hosts and 192.168.1.1");
    assert.ok(lines.includes("10.1.4.20,updated,ua://10.0.0.5,updated,ua://10.0.0.5,updated,ua://10.0.0.5,6"), csv);
    assert.ok(lines.includes("192.168.1.1,updated,server,updated,server,updated,server,3"), csv);
    // Opening an agent goes back to its trace.
    await page.locator('[data-testid="fleet-table"] tr[data-agent="192.168.1.1"] button').click();
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "server");
  });
});

test("fleet: a large batch runs in the worker with a progress bar and Cancel; 100,000 agents agree with their single traces", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="tab-fleet"]').click();
    // 100,000 agents, pasted: kept out of the text area, shown read-only.
    // 100,000 machines, each named once (one named twice is one agent).
    const agents = Array.from({ length: 100000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`).join("\n");
    await page.locator('[data-testid="fleet-agents"]').evaluate((area, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, agents);
    await page.waitForSelector('[data-testid="fleet-agents-view"]');
    assert.match(await page.locator('[data-testid="fleet-agents-large"]').textContent(), /^100,000 lines, 1\.\d MB of agents/);
    const workers = () => page.evaluate(() => performance.getEntriesByType("resource").filter((r) => r.name.includes("worker/")).map((r) => r.name.split("/").pop()));
    // Cancel while it runs (the bar shows after 100 ms, so quick jobs never
    // flash it; the button is there at once): no table, and it says so.
    const cancelled = await page.evaluate(async () => {
      document.querySelector('[data-testid="fleet-run"]').click();
      await new Promise((r) => setTimeout(r, 0));
      const cancel = document.querySelector('[data-testid="fleet-progress-cancel"]');
      cancel?.click();
      return Boolean(cancel);
    });
    assert.ok(cancelled, "the Cancel button is there while the batch runs");
    assert.match(await page.locator('[data-testid="fleet-progress-stopped"]').textContent(), /Stopped/);
    await page.waitForTimeout(1000);
    assert.equal(await page.locator('[data-testid="fleet-table"]').count(), 0);
    // Run again to the end: the worker's answer, in address order.
    await page.locator('[data-testid="fleet-run"]').click();
    await page.waitForSelector('[data-testid="fleet-table"]', { timeout: 30000 });
    assert.equal(await page.locator('[data-testid="fleet-table"]').getAttribute("data-rows"), "100000");
    assert.ok((await workers()).includes("worker.js"), (await workers()).join(","));
    const first = await page.locator('[data-testid="fleet-table"] tbody tr[data-agent]').first().getAttribute("data-agent");
    assert.equal(first, "10.0.0.0");
    // A row agrees with the single trace of its agent.
    const row = await page.locator('[data-testid="fleet-table"] tbody tr[data-agent="10.0.0.0"] td').allTextContents();
    await page.locator('[data-testid="fleet-table"] button', { hasText: "10.0.0.0" }).first().click();
    await until(page, () => document.querySelector('[data-testid="outcome-components"]'));
    const source = await page.locator('[data-testid="outcome-components"]').getAttribute("data-source");
    assert.ok(row.some((cell) => cell.trim() === `✓ updated from ${source}`), `${row.join("|")} vs ${source}`);
  });
});

test("fleet: the tab's jobs share one worker, kept from job to job; after Cancel the next job still answers", async () => {
  await withPage(async (page) => {
    const started = [];
    page.on("worker", (w) => { if (w.url().includes("worker/worker.js")) started.push(performance.now()); });
    await page.locator('[data-testid="tab-fleet"]').click();
    await until(page, () => document.querySelector('[data-testid="fleet-run"]'));
    await page.locator('[data-testid="fleet-agents"]').fill("10.1.4.0/30\n192.168.1.1");
    // The worker starts as the tab opens, before any job.
    for (let i = 0; i < 50 && started.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(started.length, 1, "one worker as the tab opens");
    const times = [];
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      await page.locator('[data-testid="fleet-run"]').click();
      await until(page, () => document.querySelector('[data-testid="fleet-table"]')?.dataset.rows === "3");
      times.push(Date.now() - t0);
      await page.locator('[data-testid="fleet-agents"]').fill(i % 2 ? "10.1.4.0/30\n192.168.1.1" : "10.1.4.0/30\n192.168.1.2");
    }
    assert.equal(started.length, 1, "the second and third jobs found the same worker");
    console.log(`fleet jobs on one worker: ${times.join(", ")} ms`);
    // A long job cancelled: a new worker starts at once, and the next job answers.
    // 200,000 agents one by one (a range is summed up by interval, too quickly to cancel).
    await page.evaluate(() => {
      const field = document.querySelector('[data-testid="fleet-agents"]');
      field.value = Array.from({ length: 200000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`).join("\n");
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.evaluate(async () => {
      document.querySelector('[data-testid="fleet-run"]').click();
      const cancel = () => document.querySelector('[data-testid="fleet-progress-cancel"]');
      for (let i = 0; i < 200 && !cancel(); i++) await new Promise((r) => setTimeout(r, 5));
      cancel().click();
    });
    assert.match(await page.locator('[data-testid="fleet-progress-stopped"]').textContent(), /Stopped/);
    for (let i = 0; i < 50 && started.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(started.length, 2, "Cancel ended the worker and started the next");
    await page.locator('[data-testid="fleet-agents-clear"]').click();
    await page.locator('[data-testid="fleet-agents"]').fill("10.1.4.0/30\n192.168.1.1");
    await page.locator('[data-testid="fleet-run"]').click();
    await until(page, () => document.querySelector('[data-testid="fleet-table"]')?.dataset.rows === "3");
    assert.equal(started.length, 2);
  });
});

test("fleet: the coverage picture is drawn and names a gap", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="tab-fleet"]').click();
    await page.locator('[data-testid="coverage-run"]').click();
    await page.waitForSelector('[data-testid="coverage-ipv4"] rect');
    assert.ok(await page.locator('[data-testid="coverage-ipv4"] rect').count() >= 5);
    assert.ok(await page.locator('[data-testid="coverage-ipv4"] rect.gap').count() >= 1);
    const gaps = await page.locator('[data-testid="coverage-gaps"] li').allTextContents();
    assert.ok(gaps.some((g) => g.startsWith("0.0.0.0 – 9.255.255.255")), gaps.join("|"));
    await page.locator('[data-testid="who-run"]').click();
    assert.match(await page.locator('[data-testid="who-answer"]').textContent(), /components from the OfficeScan server/);
    await page.locator('[data-testid="outages-agent"]').click();
    assert.match(await page.locator('[data-testid="outages-agent-result"]').textContent(), /(OfficeScan server \+ ua:\/\/10\.0\.0\.5|ua:\/\/10\.0\.0\.5 \+ OfficeScan server) down/);
    await page.screenshot({ path: `${ARTIFACTS}/fleet.png`, fullPage: true });
  });
});

test("dropping a scenario file on the page imports it", async () => {
  await withPage(async (page) => {
    const doc = JSON.stringify({ version: 1, profile: "apex-one", settings: { component_scope: "patterns" }, agent: { addresses: ["10.4.4.4"] } });
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "dropped.json", { type: "application/json" }));
      return dt;
    }, doc);
    await page.dispatchEvent(".app", "drop", { dataTransfer: transfer });
    await until(page, () => document.querySelector('[data-testid="outcome-programs"]')?.dataset.status === "excluded");
    assert.match(await page.locator('[data-testid="notice"]').textContent(), /Imported dropped\.json/);
  });
});

test("a printed trace carries the scenario it was traced for", async () => {
  await withPage(async (page) => {
    assert.equal(await page.locator(".scenario-summary").isVisible(), false);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".scenario-summary").isVisible(), true);
    assert.match(await page.locator(".scenario-summary").textContent(), /10\.1\.4\.20[\s\S]*ua:\/\/10\.1\.0\.5 # Floor 1 update agent/);
    assert.equal(await page.locator(".toolbar").isVisible(), false);
    await page.screenshot({ path: `${ARTIFACTS}/print.png`, fullPage: true });
  });
});
