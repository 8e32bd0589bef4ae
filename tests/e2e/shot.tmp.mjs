import { launch } from "./browser.mjs";
import { readFileSync } from "node:fs";
const b = await launch(); const p = await b.newPage({ viewport: { width: 780, height: 700 } });
await p.setContent("<html><body style='margin:0;background:#fff'>" + readFileSync(process.argv[2], "utf8") + "</body></html>");
await p.screenshot({ path: process.argv[3], fullPage: true }); await b.close();
