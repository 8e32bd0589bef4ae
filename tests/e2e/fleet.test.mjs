// The Fleet tab at a real fleet's size, as a user fills it: hundreds of
// agents typed as ranges and CIDR blocks over every example, the results
// table read row by row as it scrolls (every cell and heading whole, the
// columns as wide as the widest row wherever it is, the table the width it
// has), and *Who ends where* and the coverage map true for a relay group.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { suite, until, planner, ARTIFACTS } from "./browser.mjs";

const env = suite();
const { withPage } = env;
const EXAMPLES = JSON.parse(readFileSync("www/examples/index.json", "utf8")).map((e) => e.file);

async function example(page, file) {
  await page.locator('[data-testid="examples"]').selectOption(file);
  const title = JSON.parse(readFileSync(`www/examples/${file}`, "utf8")).title ?? "";
  await page.waitForFunction((t) => document.title.startsWith(t), title);
}

/// The agents a user would type for an example's fleet: each interval of
/// its list as a range from its first address to its last (a large one is
/// sampled at its edges and boundaries: the longest IPv6 addresses among
/// them), and CIDR blocks of whole subnets, over 300 agents in all.
export function agentsFor(file) {
  const coverage = JSON.parse(execFileSync(planner(), ["coverage", "--json", `www/examples/${file}`], { encoding: "utf8" }));
  const ranges = coverage.intervals.map((i) => `${i.first} - ${i.last}`);
  return [...ranges, "10.1.4.0/25", "172.16.5.0/25", "192.168.1.0/26", "2001:db8:10::/122"].join("\n");
}

/// Runs the agents in the Fleet tab and waits for this scenario's table.
async function run(page, agents) {
  await page.locator('[data-testid="fleet-agents"]').fill(agents);
  await page.locator('[data-testid="fleet-run"]').click();
  await until(page, () => document.querySelector('[data-testid="fleet-table"] tr[data-agent]') && !document.querySelector('[data-testid="fleet-stale"]'));
}

/// Reads the whole table in the page, scrolling it from top to bottom:
/// what is cut, covered or left undrawn.
async function readTable() {
  const frames = (n) => new Promise((r) => { const f = () => (--n > 0 ? requestAnimationFrame(f) : r()); requestAnimationFrame(f); });
  const table = document.querySelector('[data-testid="fleet-table"]');
  const frame = table.parentElement;
  const problems = [];
  const say = (p) => { if (!problems.includes(p)) problems.push(p); };
  // The text of an element (hidden words for a screen reader aside), as rectangles on screen.
  const textRects = (el) => {
    const out = [];
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.parentElement.closest(".visually-hidden") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT) });
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      for (const m of n.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        out.push({ word: m[0], rects: [...range.getClientRects()] });
      }
    }
    return out;
  };
  const inside = (r, box) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
  const headings = [...table.querySelectorAll("thead th")];
  const widths = () => headings.map((th) => Math.round(th.getBoundingClientRect().width * 2) / 2);
  const opening = widths();
  if (table.getBoundingClientRect().width < frame.clientWidth - 1) say(`the table uses ${Math.round(table.getBoundingClientRect().width)} of its ${frame.clientWidth} px`);
  for (const th of headings) {
    const box = th.getBoundingClientRect();
    if (th.scrollWidth > th.clientWidth) say(`heading "${th.textContent}" is cut: ${th.scrollWidth} px in ${th.clientWidth}`);
    for (const { word, rects } of textRects(th)) {
      if (rects.length > 1) say(`heading "${th.textContent}": "${word}" is broken over lines`);
      if (!rects.every((r) => inside(r, box))) say(`heading "${th.textContent}": "${word}" runs out of its cell`);
    }
  }
  const head = table.querySelector("thead").getBoundingClientRect();
  const step = Math.max(26, frame.clientHeight - head.height - 30);
  let rows = 0;
  for (let top = 0; ; top += step) {
    frame.scrollTop = top;
    // The rows of this place drawn: wait for the table to follow the scroll.
    const view = () => {
      // The frame's content box: inside its border.
      const top = frame.getBoundingClientRect().top + frame.clientTop;
      const drawn = [...table.querySelectorAll("tbody tr[data-agent]")].map((tr) => tr.getBoundingClientRect());
      const shown = drawn.filter((r) => r.bottom > top + head.height && r.top < top + frame.clientHeight);
      const atEnd = frame.scrollTop + frame.clientHeight >= frame.scrollHeight - 1;
      const covered = shown.length > 0 && shown[0].top <= top + head.height + 1 && (atEnd || shown[shown.length - 1].bottom >= top + frame.clientHeight - 1);
      return covered;
    };
    let tries = 0;
    await frames(2);
    while (!view() && tries++ < 30) await frames(1);
    if (!view()) say(`scrolled to ${frame.scrollTop} px: the rows in view are not drawn`);
    for (const tr of table.querySelectorAll("tbody tr[data-agent]")) {
      rows += 1;
      for (const td of tr.children) {
        const box = td.getBoundingClientRect();
        if (td.scrollWidth > td.clientWidth || td.scrollHeight > td.clientHeight) say(`${tr.dataset.agent}: "${td.textContent}" is cut: ${td.scrollWidth}×${td.scrollHeight} px in ${td.clientWidth}×${td.clientHeight}`);
        for (const { word, rects } of textRects(td)) if (!rects.every((r) => inside(r, box))) say(`${tr.dataset.agent}: "${word}" runs out of its cell`);
      }
    }
    const now = widths();
    if (now.some((w, i) => Math.abs(w - opening[i]) > 0.5)) say(`scrolled to ${frame.scrollTop} px, the columns are ${now.join(", ")} px wide, not ${opening.join(", ")} as at the top`);
    if (frame.scrollTop + frame.clientHeight >= frame.scrollHeight - 1) break;
  }
  frame.scrollTop = 0;
  return { problems, rows, total: Number(table.dataset.rows), widths: opening, frame: frame.clientWidth };
}

for (const [width, height] of [[1366, 768], [1920, 1080], [390, 844], [320, 700]]) {
  test(`${width}×${height}: the Fleet table of over 300 agents shows every cell and heading whole, over every example`, async () => {
    await withPage(async (page) => {
      const found = [];
      for (const file of EXAMPLES) {
        await example(page, file);
        await page.locator(width < 900 ? '[data-testid="view-fleet"]' : '[data-testid="tab-fleet"]').click();
        await page.waitForSelector('[data-testid="fleet-agents"]', { timeout: 15000 });
        await run(page, agentsFor(file));
        const rows = Number(await page.locator('[data-testid="fleet-table"]').getAttribute("data-rows"));
        assert.ok(rows >= 300, `${file}: ${rows} agents`);
        const read = await page.evaluate(readTable);
        for (const p of read.problems.slice(0, 6)) found.push(`${file}: ${p}`);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        if (wide > width) found.push(`${file}: the page is ${wide} px wide in a ${width} px window`);
        if (file === "floor-update-agent-down.json" || file === "mirror-url-components-only.json") {
          await page.locator('[data-testid="fleet-table"]').scrollIntoViewIfNeeded();
          await page.screenshot({ path: `${ARTIFACTS}/fleet-table-${width}-${file.replace(/\.json$/, "")}.png` });
        }
        if (width < 900) await page.locator('[data-testid="view-scenario"]').click();
      }
      assert.deepEqual(found, [], `${found.length} problems:\n${found.join("\n")}`);
    }, { viewport: { width, height } });
  });
}

test("the table check finds a cut cell and a cut heading", async () => {
  await withPage(async (page) => {
    await example(page, "floor-update-agent-down.json");
    await page.locator('[data-testid="tab-fleet"]').click();
    await page.waitForSelector('[data-testid="fleet-agents"]', { timeout: 15000 });
    await run(page, agentsFor("floor-update-agent-down.json"));
    const ok = await page.evaluate(readTable);
    assert.deepEqual(ok.problems, []);
    // What main did: fixed, narrow columns whose text is cut with an ellipsis.
    await page.evaluate(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(".virtual table { table-layout: fixed; } .virtual td, .virtual th { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; } .virtual th { width: 40px; }");
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
    const cut = await page.evaluate(readTable);
    assert.ok(cut.problems.some((p) => /heading "components.*is cut/.test(p)), cut.problems.join("\n"));
    assert.ok(cut.problems.some((p) => /ua:\/\/10\.0\.0\.5.*is cut/.test(p)), cut.problems.join("\n"));
  }, { viewport: { width: 1366, height: 768 } });
});

test("Who ends where offers a relay group as one source and names its addresses; the coverage map and the impact count in the right number", async () => {
  await withPage(async (page) => {
    await example(page, "swp-relay-group-one-down.json");
    await page.locator('[data-testid="tab-fleet"]').click();
    await page.waitForSelector('[data-testid="who-source"]', { timeout: 15000 });
    const sources = await page.locator('[data-testid="who-source"] option').allTextContents();
    assert.deepEqual(sources, ['relay group "Branch relays"', "Primary Tenant Relay Group", "Primary Component Update Source"]);
    // Server & Workload Protection updates components only, named as the console names them.
    const items = await page.locator('[data-testid="who-item"] option').allTextContents();
    assert.deepEqual(items, ["components"]);
    await page.locator('[data-testid="who-source"]').selectOption({ label: 'relay group "Branch relays"' });
    await page.locator('[data-testid="who-run"]').click();
    const answer = page.locator('[data-testid="who-answer"]');
    await answer.waitFor();
    assert.match(await answer.locator("p").first().textContent(), /^components from a relay of group "Branch relays": all of IPv4 and all of IPv6$/);
    await answer.locator("summary").click();
    assert.equal(await answer.locator("details p").textContent(), "0.0.0.0/0, ::/0");
    // A network's own address is no machine's: the example is its first host.
    assert.match(await answer.locator("button").textContent(), /Open 0\.0\.0\.1 as a single-agent trace/);
    // The map on the same tab puts the same addresses on the same group.
    await page.locator('[data-testid="coverage-run"]').click();
    await page.waitForSelector('[data-testid="coverage-ipv6"]');
    assert.match(await page.locator(".bar figcaption").first().textContent(), /^IPv4: 1 interval, widths/);
    const legend = await page.locator('[data-testid="coverage-legend"] li').allTextContents();
    assert.deepEqual(legend.map((l) => l.trim()), ['relay group "Branch relays"'], "no gap colour when there is no gap");
    assert.equal(await page.locator('[data-testid="coverage-no-gaps"]').textContent(), "None: every address has a first source.");
    // One agent is one agent.
    await page.locator('[data-testid="fleet-agents"]').fill("172.16.5.10");
    await page.locator('[data-testid="outages-list"]').click();
    await page.waitForSelector('[data-testid="outages-list-result"] li');
    const impact = await page.locator('[data-testid="outages-list-result"]').textContent();
    assert.match(impact, /of your 1 agent (loses|lose) an item/);
    assert.doesNotMatch(impact, /1 agents/);
  });
});

test("a branch's /24 is its 254 hosts; the Update Agent's own row is its update as an Update Agent, and opens as one", async () => {
  await withPage(async (page) => {
    await example(page, "branch-update-agent-full-pattern.json");
    await page.locator('[data-testid="tab-fleet"]').click();
    await page.waitForSelector('[data-testid="fleet-agents"]', { timeout: 15000 });
    await run(page, "10.3.0.0/24");
    assert.match(await page.locator('[data-testid="fleet-status"]').textContent(), /^254 agents \(/);
    assert.equal(await page.locator('[data-testid="fleet-update-agents"]').textContent(),
      "10.3.0.5 is an Update Agent of the list: its row is its own update as one, never from itself (L1)");
    const downloads = await page.locator('[data-testid="fleet-downloads"] li').allTextContents();
    assert.ok(downloads.some((d) => /^the Apex One server: 1 full pattern \(75 MB\)/.test(d)), downloads.join("\n"));
    assert.ok(downloads.some((d) => /^Update Agent ua:\/\/10\.3\.0\.5: 253 full patterns/.test(d)), downloads.join("\n"));
    assert.ok(downloads.some((d) => /sends 253 Security Agents to Update Agent ua:\/\/10\.3\.0\.5 at once: more than the 250/.test(d)), downloads.join("\n"));
    // Its row updates from the server; opened, it is traced as the Update Agent.
    const row = page.locator('[data-testid="fleet-table"] tr[data-agent="10.3.0.5"]');
    assert.match(await row.textContent(), /server/i);
    await row.locator("button").click();
    await page.waitForSelector('[data-testid="trace"] li');
    assert.equal(await page.locator('[data-testid="role"]').inputValue(), "update-agent");
    await until(page, () => /components: updated from the Apex One server/i.test(document.querySelector('[data-testid="outcome-strip"]')?.textContent ?? ""));
  });
});
