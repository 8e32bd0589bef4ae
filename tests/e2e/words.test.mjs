// What a support engineer reads aloud and what the Fleet table shows: names
// whole, the customer's words and not the code's, no work or log carried
// into the wrong ticket.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { suite, until, openPresenter, firstTrace, shareLink } from "./browser.mjs";

const env = suite();
const { withPage } = env;
const examples = JSON.parse(readFileSync("www/examples/index.json", "utf8")).map((e) => e.file);

async function example(page, file) {
  await page.locator('[data-testid="examples"]').selectOption(file);
  const title = JSON.parse(readFileSync(`www/examples/${file}`, "utf8")).title ?? "";
  await page.waitForFunction((t) => document.title.startsWith(t), title);
  await page.waitForTimeout(100);
}

/// The code's identifiers where a customer reads text: the item and source
/// spellings of the JSON (`domain-settings`, `activeupdate`, `primary`,
/// `tenant-relay-group`, `relay-group:`), and `server` not named as the
/// console names it (OfficeScan server, Apex One server, ActiveUpdate server).
export function identifiers(text) {
  const found = [];
  const words = [/\bdomain-settings\b/, /(?<![\w./:-])activeupdate(?![\w.-])/, /(?<![\w-])primary(?![\w-])/, /\btenant-relay-group\b/, /\brelay-group:/, /\btrend-vision-one\b/, /\bservice-gateway\b/];
  for (const w of words) if (w.test(text)) found.push(text.match(w)[0]);
  for (const m of text.matchAll(/(?<![\w.-])server(?![\w.-])/gi)) {
    const before = text.slice(Math.max(0, m.index - 14), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 2);
    // "Server & Workload Protection" is the product's own name.
    if (!/(OfficeScan|Apex One|ActiveUpdate|Update|proxy|Edge Relay) $/i.test(before) && after !== " &") found.push(`…${before}${m[0]}`);
  }
  return found;
}

test("no customer-facing text of any example, in any view or the copied trace, says the code's identifiers", async () => {
  await withPage(async (page) => {
    const seen = [];
    for (const file of examples) {
      await example(page, file);
      // The page: cards, picture, steps, problems, the what-if box, the strip.
      const text = await page.evaluate(() => {
        const parts = [".trace-side", ".what-if", "[data-testid=outcome-strip]", "[data-testid=notice]"];
        const out = [];
        for (const sel of parts) for (const el of document.querySelectorAll(sel)) {
          const clone = el.cloneNode(true);
          // Titles and hidden text are read by people too; keep them. Rule badges' ids are not sentences.
          for (const s of clone.querySelectorAll("details.rule")) s.remove();
          out.push(clone.textContent);
        }
        for (const t of document.querySelectorAll(".diagram title")) out.push(t.textContent);
        return out.join("\n");
      });
      for (const id of identifiers(text)) seen.push(`${file} page: ${id}`);
      await page.locator('[data-testid="copy-trace"]').click();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      for (const id of identifiers(copied)) seen.push(`${file} copied: ${id}`);
    }
    assert.deepEqual(seen, []);
  });
});

test("the identifier check finds what it is meant to find", () => {
  assert.match(identifiers("components: updated from server").join(), /updated from server$/);
  assert.deepEqual(identifiers("| domain-settings | updated from activeupdate |").length, 2);
  assert.deepEqual(identifiers("the OfficeScan server, the ActiveUpdate server, http://x.activeupdate.trendmicro.com/activeupdate, server.ini, Server & Workload Protection"), []);
  assert.equal(identifiers("down: primary, tenant-relay-group").length, 2);
});

test("the Fleet table shows every source name whole at 1366 and 1920; no view is wider than a phone", async () => {
  for (const [width, height] of [[1366, 768], [1920, 1080], [390, 844], [320, 700]]) {
    await withPage(async (page) => {
      await example(page, "mirror-url-components-only.json");
      await page.locator(width < 900 ? '[data-testid="view-fleet"]' : '[data-testid="tab-fleet"]').click();
      const agents = "10.1.0.0/30\n10.2.0.7\n10.0.0.9\n192.168.5.5\n2001:db8::20";
      await page.locator('[data-testid="fleet-agents"]').fill(agents);
      await page.locator('[data-testid="fleet-run"]').click();
      await page.waitForSelector('[data-testid="fleet-table"] tr[data-agent]');
      // The agents run stay in their box.
      assert.equal(await page.locator('[data-testid="fleet-agents"]').inputValue(), agents, `${width}: the agents box keeps the agents`);
      const cells = await page.locator('[data-testid="fleet-table"] td.item').evaluateAll((tds) => tds.map((td) => ({ text: td.textContent, client: td.clientWidth, scroll: td.scrollWidth })));
      assert.ok(cells.length >= 3);
      if (width >= 1366) {
        const cut = cells.filter((c) => c.scroll > c.client);
        assert.deepEqual(cut, [], `${width}: names whole`);
        const band = await page.evaluate(() => {
          const table = document.querySelector('[data-testid="fleet-table"]');
          const head = table.querySelector("thead").getBoundingClientRect();
          const first = table.querySelector("tr[data-agent]").getBoundingClientRect();
          return first.top - head.bottom;
        });
        assert.ok(band < 2, `${width}: ${band} px between the heading and the first row`);
      }
      await page.locator('[data-testid="coverage-run"]').click();
      await page.locator('[data-testid="coverage"] details summary').last().click();
      await page.waitForSelector(".intervals");
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= width, `${width}: the page is ${wide} px wide with the intervals open`);
    }, { viewport: { width, height } });
  }
});

test("New scenario leaves no evidence, title, agents or what-if of the last ticket, in one undo step", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="title"]').fill("Ticket 4711");
    await page.locator('[data-testid="tab-evidence"]').click();
    await page.waitForSelector('[data-testid="evidence"]', { timeout: 15000 });
    await page.locator('[data-testid="evidence"]').fill("Downloading [https://10.1.0.5:21112/activeupdate/server.ini]");
    await page.locator('[data-testid="tab-trace"]').click();
    await page.locator('[data-testid="new-scenario"]').click();
    await until(page, () => document.querySelector('[data-testid="title"]')?.value === "");
    assert.equal(await page.locator('input[data-testid^="down-"]:checked').count(), 0, "nothing down");
    await page.locator('[data-testid="tab-evidence"]').click();
    await page.waitForSelector('[data-testid="evidence"]');
    assert.equal(await page.locator('[data-testid="evidence"]').inputValue(), "", "the last ticket's log is gone");
    // One undo brings the last ticket back.
    await page.locator('[data-testid="undo"]').click();
    await until(page, () => document.querySelector('[data-testid="title"]')?.value === "Ticket 4711");
  });
});

test("an imported file's error is placed at its own line; Restore is offered only by the replacement's notice", async () => {
  await withPage(async (page) => {
    const doc = '{\n  "version": 4,\n  "profile": "apex-one",\n  "agent": { "addresses": ["10.1.4.300"] }\n}\n';
    await page.locator('[data-testid="import"]').setInputFiles({ name: "ticket.json", mimeType: "application/json", buffer: Buffer.from(doc) });
    await until(page, () => /Imported ticket\.json/.test(document.querySelector('[data-testid="notice"]')?.textContent ?? ""));
    const notice = await page.locator('[data-testid="notice"]').textContent();
    assert.match(notice, /In the file, line 4, column \d+: /);
    assert.equal(await page.locator('[data-testid="restore"]').count(), 1, "the import offers the work it replaced back");
    const place = await page.locator('[data-testid="errors"] li .place').first().textContent();
    assert.equal(place, "the agent's address 1");
    await page.locator('[data-testid="share"]').click();
    await until(page, () => /link to this scenario is on the clipboard/.test(document.querySelector('[data-testid="notice"]')?.textContent ?? ""));
    assert.equal(await page.locator('[data-testid="restore"]').count(), 0, "no Restore beside the link's notice");
  });
});

test("a Unicode arrow in a pasted list reads as an arrow", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="source-list"]').fill("10.1.0.0/16 → ua://10.1.0.7\n* ⇒ server");
    await until(page, () => document.querySelector('[data-testid="outcome-components"]')?.dataset.source === "ua://10.1.0.7");
    assert.equal(await page.locator('[data-testid="errors"] li').count(), 0);
  });
});

test("no picture cuts a name it could show whole; presenter cards read at 24 px and more at 1280×720", async () => {
  await withPage(async (page) => {
    for (const file of examples) {
      await example(page, file);
      const cut = await page.evaluate(() => [...document.querySelectorAll(".diagram text")].map((t) => t.textContent).filter((t) => t.includes("…")));
      assert.deepEqual(cut, [], `${file}: a name cut short`);
    }
    await example(page, "floor-update-agent-down.json");
    // The page's own picture reads at 12 px and more at 1280.
    const smallest = await page.evaluate(() => {
      const svg = [...document.querySelectorAll('[data-testid="diagram"] svg.diagram')].find((s) => s.getBoundingClientRect().width > 0);
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return Math.min(...[...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
    });
    assert.ok(smallest >= 12, `the page's picture text is ${smallest.toFixed(1)} px at 1280`);
    await openPresenter(page);
    await page.keyboard.press("End");
    const sizes = await page.locator(".presenter-outcome .card span").evaluateAll((s) => s.map((x) => parseFloat(getComputedStyle(x).fontSize)));
    assert.ok(sizes.length >= 6 && sizes.every((x) => x >= 24), sizes.join(", "));
    // Esc leaves presenter mode with the focus on its button.
    await page.keyboard.press("Escape");
    await until(page, () => document.activeElement?.dataset.testid === "presenter");
  }, { viewport: { width: 1280, height: 720 } });
});

test("the embed view with a bad view= shows why and no case", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="share"]').click();
    const link = new URL(await shareLink(page)).hash;
    await page.goto(`${env.site.url}?embed=1&view=pictures${link}`);
    await page.waitForSelector('[data-testid="embed-error"]');
    assert.match(await page.locator('[data-testid="embed-error"]').textContent(), /view=pictures is not a view/);
    assert.equal(await page.locator('[data-testid="trace"]').count(), 0);
  }, { url: env.site.url });
});

test("a count of one is said in the singular: the list's one entry, the Fleet's one agent", async () => {
  await withPage(async (page) => {
    await example(page, "ipv6-only-branch.json");
    const status = await page.locator('[data-testid="list-status"]').textContent();
    assert.match(status, /^1 entry\b/, status);
    await page.locator('[data-testid="tab-fleet"]').click();
    await page.locator('[data-testid="fleet-agents"]').fill("10.1.4.20");
    await page.locator('[data-testid="fleet-run"]').click();
    await until(page, () => /agent/.test(document.querySelector('[data-testid="fleet-status"]')?.textContent ?? ""));
    const fleet = await page.locator('[data-testid="fleet-status"]').textContent();
    assert.match(fleet, /^1 agent \(1 shown\), 1 distinct outcome/, fleet);
  });
});
