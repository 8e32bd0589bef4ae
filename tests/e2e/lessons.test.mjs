// The lesson player: a gallery lesson played through (a wrong prediction,
// a right one, a reveal told step by step, a build step failing with the
// agent that breaks it and passing after an edit in the page), axe-core
// clean in light and dark, screenshots for review.
import { test } from "node:test";
import assert from "node:assert/strict";
import { suite, until, ARTIFACTS, openForAudit, audit } from "./browser.mjs";

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
    for (const [w, h] of [[390, 844], [1280, 720], [1920, 1080]]) {
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
    for (const [w, h] of [[390, 844], [1280, 720], [1920, 1080]]) {
      await page.setViewportSize({ width: w, height: h });
      if (w === 390) await page.locator('[data-testid="view-lessons"]').click();
      await page.locator('[data-testid="draft-add"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}/lesson-editor-${w}-${colorScheme}.png` });
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}
