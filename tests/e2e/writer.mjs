// What the package tests share: a writer's machine (a PATH with none of
// this project's toolchain or programs and nothing inside the checkout),
// the broken fence every generator must refuse, and how a reader's page is
// read (the arrows a fence draws, against `planner trace --json`).
import { execFileSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import assert from "node:assert/strict";
import { planner } from "./browser.mjs";

const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");

export const CHECKOUT = resolve(".");
export const FLOOR = readFileSync("tests/sites/pages/guide/floor.json", "utf8");
/** A page whose fence (at line 5) has an agent address that is no address. */
export const BROKEN = "# Broken\n\nText.\n\n```update-source-trace\n{ \"version\": 5, \"profile\": \"apex-one\", \"agent\": { \"addresses\": [\"999.1.4.20\"] } }\n```\n";
/** What the planner says of it, after the page's name. */
export const BROKEN_SAID = "the update-source-trace fence at line 5: the scenario's line 1, column 66: `999.1.4.20` is not an IPv4 address: 999 is over 255";

/** The PATH a writer's machine has, with `extra` folders first. */
export function writersPath(...extra) {
  const own = process.env.PATH.split(delimiter)
    .filter((dir) => dir && !resolve(dir).startsWith(CHECKOUT))
    .filter((dir) => !["cargo", "rustc", "planner"].some((tool) => { try { return statSync(join(dir, tool)).isFile(); } catch { return false; } }));
  return [...extra, ...own].join(delimiter);
}

/** Attempts and skips of a scenario's trace: the arrows its picture draws. */
export function arrowsOf(json, folder) {
  const file = join(folder, "scenario.json");
  writeFileSync(file, json);
  const t = JSON.parse(execFileSync(planner(), ["trace", "--json", file], { encoding: "utf8" }));
  return t.steps.filter((s) => s.kind === "attempt" || s.kind === "skip").length;
}

/** The live fences of the open page once drawn: the arrows of the picture
 *  on show, the error box's text and the "Open in the full planner" link. */
export async function liveFences(page, timeout = 15000) {
  return page.waitForFunction(() => {
    const all = [...document.querySelectorAll("update-source-trace")];
    const read = all.map((e) => {
      const picture = e.shadowRoot?.querySelector(".picture");
      const error = e.shadowRoot?.querySelector(".error")?.textContent ?? null;
      if (!picture && !error) return null;
      const shown = picture && [...picture.querySelectorAll(":scope > div")].find((d) => getComputedStyle(d).display !== "none");
      return { arrows: shown?.querySelectorAll(".dg-arrow[data-step]").length ?? 0, error, link: e.shadowRoot.querySelector("a[part=link]")?.href };
    });
    return all.length && read.every(Boolean) ? read : null;
  }, null, { timeout }).then((h) => h.jsonValue());
}

/// axe-core over the elements (their shadow roots included).
export async function auditElements(page, name) {
  await page.addScriptTag({ content: AXE });
  const grave = await page.evaluate(async () => {
    const r = await window.axe.run({ include: [["update-source-trace"], [".usp-figure"]] }, { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  assert.deepEqual(grave, [], `${name}: serious or critical accessibility violations inside the element`);
}

