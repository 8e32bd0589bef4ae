// The lesson player: a gallery lesson played through (a wrong prediction,
// a right one, a reveal told step by step, a build step failing with the
// agent that breaks it and passing after an edit in the page), axe-core
// clean in light and dark, screenshots for review.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite, until, ARTIFACTS, openForAudit, openPage, audit, planner, download, firstTrace } from "./browser.mjs";

const env = suite();
const { withPage } = env;

async function openLesson(page) {
  await page.locator('[data-testid="tab-lessons"]').click();
  await page.locator('[data-testid="lesson-open-officescan-list-to-activeupdate"]').click();
  await page.waitForSelector('[data-testid="lesson-progress"]');
}

const verdict = (page) => page.locator('[data-testid="lesson-verdict"]').textContent();
const choice = (page, words) => page.locator(".lesson-choice").filter({ hasText: words }).locator("input");

test("a lesson played through: predict, check, reveal, build, check again", async () => {
  await withPage(async (page) => {
    await openLesson(page);
    assert.match(await page.locator('[data-testid="lesson-progress"]').textContent(), /^Step 1 of 7: One floor, one Update Agent/);
    // The step's scenario is the page's: its list is in the editor.
    await until(page, () => document.querySelector('[data-testid="source-list"]')?.value.includes("10.1.0.0/16 -> ua://10.1.0.5 # Floor 1"));
    // A wrong prediction, then the right one; the score counts the first try.
    await choice(page, "ua://10.0.0.5").check();
    await page.locator('[data-testid="lesson-check"]').click();
    assert.match(await verdict(page), /Not this one/);
    await choice(page, "ua://10.1.0.5").check();
    await page.locator('[data-testid="lesson-check"]').click();
    assert.match(await verdict(page), /Right\./);
    assert.match(await page.locator('[data-testid="lesson-score"]').textContent(), /^Score: 0 right at the first try, of 1 checked/);
    // The reveal tells the trace a step at a time, each with its rule.
    await page.locator('[data-testid="lesson-reveal"]').click();
    const answer = page.locator('[data-testid="lesson-answer"]');
    assert.match(await answer.textContent(), /The answer: Update Agent ua:\/\/10\.1\.0\.5/);
    assert.equal(await answer.locator("li").count(), 1);
    await page.locator('[data-testid="lesson-reveal-next"]').click();
    assert.equal(await answer.locator("li").count(), 2);
    assert.match(await answer.locator("li").nth(1).textContent(), /^L0 10\.1\.4\.20 falls in the entries on lines 1 and 2/);
    // Step 3 asks for an order: pressed in sequence.
    await page.locator('[data-testid="lesson-next"]').click();
    await page.locator('[data-testid="lesson-next"]').click();
    assert.match(await page.locator('[data-testid="lesson-progress"]').textContent(), /^Step 3 of 7/);
    for (const words of ["ua://10.1.0.5", "ua://10.0.0.5", "OfficeScan server"]) {
      await page.locator(".lesson-order-choices button").filter({ hasText: words }).click();
    }
    await page.locator('[data-testid="lesson-check"]').click();
    assert.match(await verdict(page), /Right\./);
    await page.screenshot({ path: `${ARTIFACTS}/lesson-1280-order.png` });
    // The build step: not met until floor 2's line is in the list.
    for (let i = 0; i < 3; i++) await page.locator('[data-testid="lesson-next"]').click();
    assert.match(await page.locator('[data-testid="lesson-progress"]').textContent(), /^Step 6 of 7: Give floor 2 its own Update Agent/);
    await page.locator('[data-testid="lesson-check"]').click();
    const goals = page.locator('[data-testid="lesson-goals"] li');
    assert.match(await goals.first().textContent(), /Not yet: every agent in 10\.2\.0\.0-10\.2\.255\.255 tries Update Agent ua:\/\/10\.2\.0\.5 first for components; agent 10\.2\.0\.0 does not\./);
    await goals.first().locator("summary").click();
    assert.match(await goals.first().locator("details").textContent(), /10\.2\.0\.0 falls in the entry on line 2/);
    await page.screenshot({ path: `${ARTIFACTS}/lesson-1280-build.png` });
    const list = page.locator('[data-testid="source-list"]');
    await list.fill("10.1.0.0/16 -> ua://10.1.0.5 # Floor 1\n10.2.0.0/16 -> ua://10.2.0.5 # Floor 2\n10.0.0.0/8 -> ua://10.0.0.5 # Head office");
    await until(page, () => document.querySelector('[data-testid="outcome-strip"]') !== null);
    await page.waitForTimeout(400);
    await page.locator('[data-testid="lesson-check"]').click();
    await until(page, () => [...document.querySelectorAll('[data-testid="lesson-goals"] li')].every((li) => li.textContent.includes("Met:")));
    assert.equal(await goals.count(), 2);
    // The last step: the trainer's notes on demand.
    await page.locator('[data-testid="lesson-next"]').click();
    await page.locator('[data-testid="lesson-notes"]').click();
    assert.match(await page.locator(".lesson-notes").textContent(), /in list order/);
  }, { viewport: { width: 1280, height: 720 } });
});

for (const colorScheme of ["light", "dark"]) {
  test(`the lesson player passes axe-core (${colorScheme})`, async () => {
    const { context, page, problems } = await openForAudit(env, { colorScheme });
    await openLesson(page);
    await page.locator(".lesson-choice input").first().check();
    await page.locator('[data-testid="lesson-check"]').click();
    await page.locator('[data-testid="lesson-reveal"]').click();
    await audit(page, `lesson player ${colorScheme}`);
    for (const [w, h] of [[390, 844], [1280, 720], [1366, 768], [1920, 1080]]) {
      await page.setViewportSize({ width: w, height: h });
      if (w === 390) await page.locator('[data-testid="view-lessons"]').click();
      await page.screenshot({ path: `${ARTIFACTS}/lesson-${w}-${colorScheme}.png` });
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("room mode at 1280×720: the question and choices at 24 px and more, no answer before the reveal, the reveal stepped by keys", async () => {
  await withPage(async (page) => {
    await openLesson(page);
    await page.locator('[data-testid="lesson-room"]').click();
    const sizes = await page.evaluate(() => [".lesson-question", ".lesson-choice"].map((s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)));
    assert.ok(sizes.every((px) => px >= 24), `question and choices: ${sizes.join(", ")} px`);
    assert.equal(await page.locator('[data-testid="lesson-answer"]').count(), 0, "nothing of the answer before the reveal");
    assert.equal((await verdict(page)).trim(), "");
    assert.equal(await page.locator('[data-testid="lesson-score"]').count(), 0, "no score in room mode");
    // The whole window is the lesson's.
    const box = await page.locator('[data-testid="lesson"]').boundingBox();
    assert.ok(box.x <= 1 && box.y <= 1 && box.width >= 1279, JSON.stringify(box));
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.locator('[data-testid="lesson-answer"] li').count(), 1);
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.locator('[data-testid="lesson-answer"] li').count(), 2);
    await page.screenshot({ path: `${ARTIFACTS}/lesson-room-1280.png` });
    // Through the whole reveal, the next key goes to the next step.
    for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
    assert.match(await page.locator('[data-testid="lesson-progress"]').textContent(), /^Step 2 of 7/);
    await page.keyboard.press("Escape");
    assert.equal(await page.locator('[data-testid="lesson-room"]').getAttribute("aria-pressed"), "false");
  }, { viewport: { width: 1280, height: 720 } });
});

test("a lesson file of the trainer's opens by the file picker; a broken one is refused at its line and column", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="tab-lessons"]').click();
    const broken = '{\n  "lesson": 1,\n  "title": "Mine",\n  "colour": "red",\n  "steps": []\n}';
    await page.locator('[data-testid="lesson-file"]').setInputFiles({ name: "mine.json", mimeType: "application/json", buffer: Buffer.from(broken) });
    assert.match(await page.locator('[data-testid="lesson-error"]').textContent(), /^mine\.json is not a lesson: line 4, column 10: unknown field `colour`/);
    const mine = JSON.stringify({ lesson: 1, title: "My floor", steps: [
      { title: "Where from?", scenario: { version: 5, profile: "apex-one", agent: { addresses: ["10.1.4.20"] } }, predict: { ask: "source" } },
      { title: "Say why", explain: { question: "Why the server?" } },
    ] });
    await page.locator('[data-testid="lesson-file"]').setInputFiles({ name: "floor.json", mimeType: "application/json", buffer: Buffer.from(mine) });
    assert.match(await page.locator('[data-testid="lesson-progress"]').textContent(), /^Step 1 of 2: Where from\?/);
    await page.locator('[data-testid="lesson-reveal"]').click();
    assert.match(await page.locator('[data-testid="lesson-answer"]').textContent(), /The answer: the Apex One server/);
  });
});

test("a lesson exported as a link opens in a fresh page, and the player works offline after the first visit", async () => {
  let link;
  await withPage(async (page) => {
    await openLesson(page);
    await page.locator('[data-testid="lesson-link-make"]').click();
    link = await page.locator('[data-testid="lesson-link"]').inputValue();
  });
  assert.match(link, /#l1\.[0-9a-f]{8}\.\d+\./);
  const { context, page, problems } = await openForAudit(env, { url: link, viewport: { width: 1280, height: 720 } });
  await page.waitForSelector('[data-testid="lesson-progress"]');
  assert.match(await page.locator('[data-testid="lesson-progress"]').textContent(), /^Step 1 of 7: One floor, one Update Agent/);
  await until(page, () => document.querySelector('[data-testid="source-list"]')?.value.includes("10.1.0.0/16 -> ua://10.1.0.5"));
  // Offline: the page and the player come from the service worker's cache.
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 10000 }).catch(() => {});
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 10000 });
  await context.setOffline(true);
  await page.goto(env.site.url);
  await firstTrace(page);
  await page.locator('[data-testid="tab-lessons"]').click();
  await page.locator('[data-testid="lesson-open-relays-and-outages"]').click();
  assert.match(await page.locator('[data-testid="lesson-progress"]').textContent(), /^Step 1 of 6: Two relays, both up/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a lesson written in the page: scenarios added as steps, a build goal with its solution, reordered, kept over a reload, played, linked", async () => {
  let link;
  await withPage(async (page) => {
    // A gallery lesson's first step leaves a list written as text in the page.
    await openLesson(page);
    await page.locator('[data-testid="lesson-close"]').click();
    const list = page.locator('[data-testid="source-list"]');
    const settle = async () => { await until(page, () => document.querySelector('[data-testid="outcome-strip"]') !== null); await page.waitForTimeout(400); };
    await list.fill("10.1.0.0/16 -> ua://10.1.0.5 # Floor 1\n10.0.0.0/8 -> ua://10.0.0.5 # Head office");
    await settle();
    await page.locator('[data-testid="draft-add"]').click();
    await page.locator('[data-testid="draft-title"]').fill("Floor 2 gets its own Update Agent");
    assert.match(await page.locator('[data-testid="draft-0-answer"]').textContent(), /^The answer, worked out now: /);
    await page.locator('[data-testid="draft-add"]').click();
    await page.locator('[data-testid="draft-1-kind"]').selectOption("Build");
    await page.locator('[data-testid="draft-1-title"]').fill("Give floor 2 its Update Agent");
    await page.locator('[data-testid="draft-1-goal"]').fill("Every agent of floor 2 tries ua://10.2.0.5 first");
    await page.locator('[data-testid="draft-1-goal-0-range"]').fill("10.2.0.0/16");
    await page.locator('[data-testid="draft-1-goal-0-source"]').fill("ua://10.2.0.5");
    const problems = page.locator('[data-testid="draft-problems"]');
    assert.match(await problems.textContent(), /Ready to play: 2 steps/);
    // The page's list as the solution: it does not meet the goal, and the
    // editor says which agent breaks it, in planner lesson check's words.
    await page.locator('[data-testid="draft-1-solution"]').click();
    assert.match(await problems.textContent(), /Step 2: the lesson's own solution does not meet its goal \(every agent in 10\.2\.0\.0-10\.2\.255\.255 tries Update Agent ua:\/\/10\.2\.0\.5 first for components\): agent 10\.2\.0\.0 does not\./);
    await list.fill("10.1.0.0/16 -> ua://10.1.0.5 # Floor 1\n10.2.0.0/16 -> ua://10.2.0.5 # Floor 2\n10.0.0.0/8 -> ua://10.0.0.5 # Head office");
    await settle();
    await page.locator('[data-testid="draft-1-solution"]').click();
    assert.match(await problems.textContent(), /Ready to play: 2 steps/);
    // A range half typed is kept and named, not lost.
    await page.locator('[data-testid="draft-1-goal-0-range"]').fill("10.2.");
    assert.match(await problems.textContent(), /step 2: the range `10\.2\.` is not one/i);
    assert.equal(await page.locator('[data-testid="draft-play"]').isDisabled(), true);
    await page.locator('[data-testid="draft-1-goal-0-range"]').fill("10.2.0.0/16");
    // The build step first.
    await page.locator('[data-testid="draft-1-up"]').click();
    assert.equal(await page.locator('[data-testid="draft-0-kind"]').inputValue(), "Build");
    await page.screenshot({ path: `${ARTIFACTS}/lesson-editor-1280.png`, fullPage: true });
    // Kept over a reload.
    await page.reload();
    await firstTrace(page);
    await page.locator('[data-testid="tab-lessons"]').click();
    assert.equal(await page.locator('[data-testid="draft-title"]').inputValue(), "Floor 2 gets its own Update Agent");
    assert.equal(await page.locator('[data-testid="draft-0-title"]').inputValue(), "Give floor 2 its Update Agent");
    assert.equal(await page.locator('[data-testid="draft-0-goal-0-source"]').inputValue(), "ua://10.2.0.5");
    // Played: the build step first, its solution there to show.
    await page.locator('[data-testid="draft-play"]').click();
    assert.match(await page.locator('[data-testid="lesson-progress"]').textContent(), /^Step 1 of 2: Give floor 2 its Update Agent/);
    await page.locator('[data-testid="lesson-solution"]').click();
    await until(page, () => document.querySelector('[data-testid="source-list"]')?.value.includes("# Floor 2"));
    await page.locator('[data-testid="lesson-check"]').click();
    await until(page, () => [...document.querySelectorAll('[data-testid="lesson-goals"] li')].every((li) => li.textContent.includes("Met:")));
    // Back to the editor: the same lesson, so no question asked.
    await page.locator('[data-testid="lesson-edit"]').click();
    assert.equal(await page.locator('[data-testid="lesson-replace"]').count(), 0);
    assert.equal(await page.locator('[data-testid^="draft-step-"]').count(), 2);
    await page.locator('[data-testid="draft-link"]').click();
    link = await page.locator('[data-testid="draft-link-text"]').inputValue();
    // Starting anew asks first.
    await page.locator('[data-testid="draft-discard"]').click();
    assert.equal(await page.locator('[data-testid^="draft-step-"]').count(), 2);
    await page.locator('[data-testid="draft-discard-yes"]').click();
    assert.equal(await page.locator('[data-testid^="draft-step-"]').count(), 0);
  }, { viewport: { width: 1280, height: 720 } });
  assert.match(link, /#l1\.[0-9a-f]{8}\.\d+\./);
  const { context, page, problems } = await openForAudit(env, { url: link, viewport: { width: 1280, height: 720 } });
  await page.waitForSelector('[data-testid="lesson-progress"]');
  assert.match(await page.locator('[data-testid="lesson-progress"]').textContent(), /^Step 1 of 2: Give floor 2 its Update Agent/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the score is kept in this browser: a reload keeps it, a step checked again does not count twice, Restart clears it", async () => {
  await withPage(async (page) => {
    await openLesson(page);
    const score = page.locator('[data-testid="lesson-score"]');
    await choice(page, "ua://10.1.0.5").check();
    await page.locator('[data-testid="lesson-check"]').click();
    assert.match(await score.textContent(), /^Score: 1 right at the first try, of 1 checked/);
    await page.locator('[data-testid="lesson-next"]').click();
    await page.locator('[data-testid="lesson-back"]').click();
    await choice(page, "ua://10.0.0.5").check();
    await page.locator('[data-testid="lesson-check"]').click();
    assert.match(await score.textContent(), /^Score: 1 right at the first try, of 1 checked/);
    await page.reload();
    // The first view is inert until the live page takes its place.
    await firstTrace(page);
    await openLesson(page);
    assert.match(await score.textContent(), /^Score: 1 right at the first try, of 1 checked/);
    await page.locator('[data-testid="lesson-restart"]').click();
    assert.match(await score.textContent(), /^Score: 0 right at the first try, of 0 checked/);
  });
});

for (const colorScheme of ["light", "dark"]) {
  test(`the lesson editor passes axe-core (${colorScheme})`, async () => {
    const { context, page, problems } = await openForAudit(env, { colorScheme });
    await page.locator('[data-testid="tab-lessons"]').click();
    await page.locator('[data-testid="draft-add"]').click();
    await page.locator('[data-testid="draft-add"]').click();
    await page.locator('[data-testid="draft-1-kind"]').selectOption("Build");
    await page.locator('[data-testid="draft-add"]').click();
    await page.locator('[data-testid="draft-2-kind"]').selectOption("Explain");
    await audit(page, `lesson editor ${colorScheme}`);
    for (const [w, h] of [[390, 844], [1280, 720], [1366, 768], [1920, 1080]]) {
      await page.setViewportSize({ width: w, height: h });
      if (w === 390) await page.locator('[data-testid="view-lessons"]').click();
      await page.locator('[data-testid="draft-add"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}/lesson-editor-${w}-${colorScheme}.png` });
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// --- A room can follow: choices that do not give the answer away, the
// scenario on screen in room mode, type read from the back row, a broken
// lesson refused on open, the editor reading the console's words, focus on
// the new question.

const GALLERY = readdirSync("www/lessons").filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, ""));

/// A JSON merge patch (RFC 7396), as a lesson's change is written.
function merged(target, patch) {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const out = target && typeof target === "object" && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = merged(out[k], v);
  }
  return out;
}

/// Each step of a gallery lesson with its scenario whole.
function stepsOf(name) {
  const doc = JSON.parse(readFileSync(`www/lessons/${name}.json`, "utf8"));
  let previous = null;
  return doc.steps.map((s) => {
    previous = s.scenario ?? (s.change ? merged(previous, s.change) : previous);
    return { ...s, scenario: previous };
  });
}

/// Every source a scenario's item can end at, as the command line traces
/// it: the source that delivers, then the one that delivers while that one
/// is down too, until none does.
function endsOf(scenario, item = "components") {
  const bin = planner();
  const s = structuredClone(scenario);
  s.world = { ...(s.world ?? {}), down: [...(s.world?.down ?? [])] };
  const ends = [];
  for (let i = 0; i < 32; i++) {
    const trace = JSON.parse(execFileSync(bin, ["trace", "--json", "-"], { input: JSON.stringify(s) }).toString());
    const source = trace.outcome[item]?.source;
    if (!source || ends.includes(source)) break;
    ends.push(source);
    s.world.down.push(source);
  }
  return ends;
}

/// A source id as the page names it in a sentence (the one vocabulary).
function named(id, profile) {
  const server = profile === "apex-one" ? "Apex One server" : "OfficeScan server";
  if (id === "server") return `the ${server}`;
  if (id === "activeupdate") return "the ActiveUpdate server";
  if (id === "tenant-relay-group") return "the Primary Tenant Relay Group";
  if (id === "primary") return "the Primary Component Update Source";
  if (id === "service-gateway") return "the Service Gateway";
  if (id === "trend-vision-one") return "Trend Vision One";
  if (id.startsWith("relay-group:")) return `a relay of group "${id.slice("relay-group:".length)}"`;
  if (id.startsWith("ua://")) return `Update Agent ${id}`;
  return /relay/i.test(id) ? id : `relay ${id}`;
}

async function openGallery(page, name) {
  await page.locator('[data-testid="tab-lessons"]').click();
  await page.locator(`[data-testid="lesson-open-${name}"]`).click();
  await page.waitForSelector('[data-testid="lesson-progress"]');
}

const orderButtons = (page) => page.locator(".lesson-order-choices button").allTextContents();
const radioChoices = (page) => page.locator(".lesson-choice").allTextContents().then((a) => a.map((t) => t.trim()));

/// Every step's choices as shown: the order buttons, or the radio choices.
async function shownChoices(page, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push({ order: await orderButtons(page), source: await radioChoices(page) });
    if (i + 1 < n) await page.locator('[data-testid="lesson-next"]').click();
  }
  return out;
}

test("no order question of the gallery shows its buttons in the answer's order, and the same link shows the same order in two fresh pages", async () => {
  let orders = 0;
  for (const name of GALLERY) {
    const steps = stepsOf(name);
    let link;
    const trainer = [];
    await withPage(async (page) => {
      await openGallery(page, name);
      for (let i = 0; i < steps.length; i++) {
        trainer.push({ order: await orderButtons(page), source: await radioChoices(page) });
        if (steps[i].predict?.ask === "order") {
          orders++;
          const buttons = await orderButtons(page);
          await page.locator('[data-testid="lesson-reveal"]').click();
          const answer = (await page.locator('[data-testid="lesson-answer"] p').first().textContent()).replace(/^The answer: /, "").split(", then ");
          assert.ok(answer.length >= 2, `${name} step ${i + 1}: ${answer}`);
          const pressedLeftToRight = buttons.filter((b) => answer.includes(b));
          assert.notDeepEqual(pressedLeftToRight, answer, `${name} step ${i + 1}: the buttons ${buttons.join(" | ")} give the answer away`);
          // Pressed left to right, the check says it is wrong.
          for (const b of pressedLeftToRight) await page.locator(".lesson-order-choices button").filter({ hasText: b }).first().click();
          await page.locator('[data-testid="lesson-check"]').click();
          assert.match(await verdict(page), /Not this one/, `${name} step ${i + 1}`);
        }
        if (i + 1 < steps.length) await page.locator('[data-testid="lesson-next"]').click();
      }
      await page.locator('[data-testid="lesson-link-make"]').click();
      link = await page.locator('[data-testid="lesson-link"]').inputValue();
    });
    // The room opens the trainer's link in two fresh pages: the order the trainer saw, each time.
    for (let k = 0; k < 2; k++) {
      const { context, page, problems } = await openPage(env.browser, env.site.origin);
      await page.goto(link);
      await page.waitForSelector('[data-testid="lesson-progress"]');
      assert.deepEqual(await shownChoices(page, steps.length), trainer, `${name}, fresh page ${k + 1}: the trainer's order`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
  assert.ok(orders >= 3, `${orders} order questions in the gallery`);
});

test("every \"where from?\" question offers every source its scenario can end at, the server and ActiveUpdate too where the product has them", async () => {
  for (const name of GALLERY) {
    const steps = stepsOf(name);
    await withPage(async (page) => {
      await openGallery(page, name);
      for (let i = 0; i < steps.length; i++) {
        const { predict, scenario } = steps[i];
        if (predict?.ask === "source") {
          const offered = await radioChoices(page);
          const want = endsOf(scenario, predict.item ?? "components").map((id) => named(id, scenario.profile));
          if (scenario.profile !== "swp") want.push(named("server", scenario.profile), named("activeupdate", scenario.profile));
          else want.push(named("tenant-relay-group"), named("primary"));
          for (const w of want) assert.ok(offered.includes(w), `${name} step ${i + 1}: "${w}" is not offered: ${offered.join(" | ")}`);
          assert.equal(offered.at(-1), "Not updated");
        }
        if (i + 1 < steps.length) await page.locator('[data-testid="lesson-next"]').click();
      }
    });
  }
});

/// Every text of room mode that shows, with its size in px.
function roomTexts() {
  const room = document.querySelector(".lesson.room");
  const out = [];
  const walker = document.createTreeWalker(room, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") continue;
    out.push({ text: n.textContent.trim().slice(0, 40), px: parseFloat(style.fontSize) });
  }
  return out;
}

/// Whether an element is wholly inside the window.
async function inView(page, selector) {
  const box = await page.locator(selector).boundingBox();
  const { width, height } = page.viewportSize();
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5;
}

/// Whether an element is wholly shown inside a scrolled column of the page.
function shownIn(page, selector, column) {
  return page.evaluate(([s, c]) => {
    const e = document.querySelector(s)?.getBoundingClientRect();
    const box = document.querySelector(c)?.getBoundingClientRect();
    return !!e && !!box && e.height > 0 && e.top >= box.top - 0.5 && e.bottom <= box.bottom + 0.5;
  }, [selector, column]);
}

for (const [width, height, least] of [[1280, 720, 24], [1920, 1080, 32]]) {
  test(`room mode at ${width}×${height}: the scenario beside the question, no text under ${least} px on any step revealed or not, Back and Next in view`, async () => {
    for (const name of GALLERY) {
      const steps = stepsOf(name);
      await withPage(async (page) => {
        await openGallery(page, name);
        await page.locator('[data-testid="lesson-room"]').click();
        await page.waitForSelector(".lesson.room");
        let step = 0;
        for (let presses = 0; presses < 200; presses++) {
          const progress = await page.locator('[data-testid="lesson-progress"]').textContent();
          step = Number(progress.match(/^Step (\d+)/)[1]) - 1;
          const small = (await page.evaluate(roomTexts)).filter((t) => t.px < least);
          assert.deepEqual(small, [], `${name} step ${step + 1}, ${presses} presses: text under ${least} px`);
          for (const b of ["lesson-back", "lesson-next"]) assert.ok(await inView(page, `[data-testid="${b}"]`), `${name} step ${step + 1}: ${b} out of view`);
          // The scenario the question is about, on screen beside it.
          const { scenario } = steps[step];
          assert.ok(await inView(page, '[data-testid="scene-list"] caption'), `${name} step ${step + 1}: the list is not in view`);
          const agent = await page.locator('[data-testid="scene-agent"]').textContent();
          for (const a of scenario.agent.addresses) assert.ok(agent.includes(a), `${name} step ${step + 1}: agent ${a} not shown: ${agent}`);
          const list = await page.locator('[data-testid="scene-list"]').textContent();
          for (const r of scenario.swp?.relays ?? []) assert.ok(list.includes(r.name), `${name} step ${step + 1}: relay ${r.name} not shown`);
          for (const line of (scenario.sources?.list ?? "").split("\n").filter(Boolean)) {
            const source = line.split("->")[1].split("#")[0].trim();
            assert.ok(list.includes(source), `${name} step ${step + 1}: ${source} not in the list shown: ${list}`);
          }
          const down = await page.locator('[data-testid="scene-down"]').textContent();
          if ((scenario.world?.down ?? []).length === 0) assert.equal(down, "Nothing is down.");
          else assert.match(down, /^Down: /);
          for (const d of scenario.world?.down ?? []) {
            const words = d === "tenant-relay-group" ? "Primary Tenant Relay Group" : d === "service-gateway" ? "Service Gateway" : d;
            assert.ok(down.includes(words), `${name} step ${step + 1}: ${d} not shown down: ${down}`);
          }
          // The question in view, and Check and Reveal until it is revealed; then
          // the newest line of the trace under the question.
          if (steps[step].predict) {
            const main = '[data-testid="lesson-main"]';
            assert.ok(await shownIn(page, ".lesson-predict .lesson-question", main), `${name} step ${step + 1}: the question is out of view`);
            for (const b of ["lesson-check", "lesson-reveal"]) {
              if (await page.locator(`[data-testid="${b}"]`).count()) assert.ok(await shownIn(page, `[data-testid="${b}"]`, main), `${name} step ${step + 1}: ${b} out of view`);
            }
            if (await page.locator('[data-testid="lesson-answer"] li').count()) {
              assert.ok(await shownIn(page, '[data-testid="lesson-answer"] li:last-child', main), `${name} step ${step + 1}: the newest line of the trace is out of view`);
            }
          }
          if (presses === 0) await page.screenshot({ path: `${ARTIFACTS}/lesson-room-${name}-${width}.png` });
          await page.keyboard.press("ArrowRight");
          const after = await page.locator('[data-testid="lesson-progress"]').textContent();
          const last = step + 1 === steps.length;
          if (last && after === progress && (await page.locator('[data-testid="lesson-reveal-next"]').count()) === 0) break;
        }
        assert.equal(step + 1, steps.length, `${name}: every step seen`);
      }, { viewport: { width, height } });
    }
  });
}

for (const colorScheme of ["light", "dark"]) {
  test(`room mode screenshots for the back of the room (${colorScheme})`, async () => {
    for (const [width, height] of [[1280, 720], [1920, 1080]]) {
      await withPage(async (page) => {
        await openGallery(page, "officescan-list-to-activeupdate");
        await page.locator('[data-testid="lesson-room"]').click();
        for (let i = 0; i < 3; i++) await page.locator('[data-testid="lesson-next"]').click();
        await page.locator('[data-testid="lesson-reveal"]').click();
        for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
        await page.screenshot({ path: `${ARTIFACTS}/lesson-room-${width}-${colorScheme}.png` });
        await page.locator('[data-testid="lesson-next"]').click();
        await page.locator('[data-testid="lesson-next"]').click();
        await page.screenshot({ path: `${ARTIFACTS}/lesson-room-build-${width}-${colorScheme}.png` });
      }, { viewport: { width, height }, colorScheme });
    }
  });
}

test("room mode passes axe-core", async () => {
  const { context, page, problems } = await openForAudit(env, { viewport: { width: 1280, height: 720 } });
  await openGallery(page, "vision-one-relay-groups-and-gateway");
  await page.locator('[data-testid="lesson-room"]').click();
  await page.locator('[data-testid="lesson-reveal"]').click();
  await audit(page, "room mode");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a lesson whose own solution fails its goal is refused on open, naming the step in planner lesson check's words", async () => {
  const floor = { version: 5, profile: "officescan-xg", server: { address: "osce.corp.local" },
    sources: { mode: "customized", list: "10.1.0.0/16 -> ua://10.1.0.5\n10.0.0.0/8 -> ua://10.0.0.5" }, agent: { addresses: ["10.1.4.20"] } };
  const broken = JSON.stringify({ lesson: 1, title: "Broken", steps: [
    { scenario: floor, explain: { question: "What is an Update Agent?" } },
    { build: { goal: "Floor 2 first asks its own Update Agent", check: [{ range: "10.2.0.0/16", first: "ua://10.2.0.5" }],
      solution: { sources: { list: "10.0.0.0/8 -> ua://10.0.0.5\n10.2.0.0/16 -> ua://10.2.0.5" } } } },
  ] });
  const file = join(mkdtempSync(join(tmpdir(), "usp-lesson-")), "broken.json");
  writeFileSync(file, broken);
  let said = "";
  try { execFileSync(planner(), ["lesson", "check", file]); } catch (e) { said = e.stdout.toString().trim(); }
  assert.match(said, /^step 2: /);
  await withPage(async (page) => {
    await page.locator('[data-testid="tab-lessons"]').click();
    await page.locator('[data-testid="lesson-file"]').setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(broken) });
    const error = await page.locator('[data-testid="lesson-error"]').textContent();
    assert.ok(error.includes(said), `the page says: ${error}\nthe command line: ${said}`);
    assert.match(error, /^broken\.json is not played/);
    assert.equal(await page.locator('[data-testid="lesson-progress"]').count(), 0, "not played");
  });
});

test("the editor reads the console's words: \"Service Gateway\" while down is one source; every source is offered; each step is summed up by what differs", async () => {
  await withPage(async (page) => {
    await page.locator('[data-testid="tab-lessons"]').click();
    await page.locator('[data-testid="draft-add"]').click();
    await page.locator('[data-testid="draft-title"]').fill("Words");
    await page.locator('[data-testid="draft-0-kind"]').selectOption("Build");
    await page.locator('[data-testid="draft-0-goal-0-range"]').fill("10.0.0.0/8");
    await page.locator('[data-testid="draft-0-goal-0-source"]').fill("the OfficeScan server");
    const down = page.locator('[data-testid="draft-0-goal-0-down"]');
    await down.fill("Service Gateway");
    await down.blur();
    assert.equal(await down.inputValue(), "Service Gateway");
    const saved = JSON.parse((await download(page, '[data-testid="draft-save"]')).text);
    assert.deepEqual(saved.steps[0].build.check[0].down, ["service-gateway"]);
    assert.match(await page.locator('[data-testid="draft-0-goal-0-words"]').textContent(), /while the Service Gateway is down\.$/);
    // Every source of the page's scenario is offered, in the console's words.
    const offered = await page.locator('[data-testid="draft-0-sources"] option').evaluateAll((os) => os.map((o) => o.value));
    for (const w of ["OfficeScan server", "ActiveUpdate server"]) assert.ok(offered.includes(w), `${w} not offered: ${offered.join(" | ")}`);
    // A second step of another agent is summed up by what differs.
    await page.locator('[data-testid="agent-addresses"]').fill("10.2.3.4");
    await page.waitForTimeout(400);
    await page.locator('[data-testid="draft-add"]').click();
    const first = await page.locator('[data-testid="draft-0-summary"]').textContent();
    const second = await page.locator('[data-testid="draft-1-summary"]').textContent();
    assert.notEqual(first, second);
    assert.match(second, /^(Changed from step 1: |The same scenario as step 1\.)/);
  });
});

test("after Next and Back the new question's heading has the focus; Check's result is in a live region", async () => {
  await withPage(async (page) => {
    await openLesson(page);
    await page.locator('[data-testid="lesson-next"]').click();
    const focused = () => page.evaluate(() => ({ testid: document.activeElement?.dataset.testid, tag: document.activeElement?.tagName, text: document.activeElement?.textContent }));
    let f = await focused();
    assert.equal(f.testid, "lesson-progress");
    assert.match(f.tag, /^H[1-6]$/);
    assert.match(f.text, /^Step 2 of 7/);
    await page.locator('[data-testid="lesson-back"]').click();
    f = await focused();
    assert.equal(f.testid, "lesson-progress");
    assert.match(f.text, /^Step 1 of 7/);
    assert.equal(await page.locator('[data-testid="lesson-verdict"]').getAttribute("role"), "status");
  });
});
