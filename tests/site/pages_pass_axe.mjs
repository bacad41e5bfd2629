// Proves that the main page kinds have no serious or critical accessibility violations by
// axe-core's default rule set, run inside headless Chromium at phone and desktop sizes.
// Moderate and minor findings are listed but do not fail.
//
//   node tests/site/pages_pass_axe.mjs OUTPUT_DIR BASE_URL [OUTPUT_DIR BASE_URL ...]
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { finish, sitesFromArgs } from "./lib/sites.mjs";
import { inPool, launchChromium, plannedVisits, readerContext } from "./lib/browser.mjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const FAILING = new Set(["serious", "critical"]);

const sites = sitesFromArgs();
const failures = [];
const byImpact = { critical: 0, serious: 0, moderate: 0, minor: 0 };
const notes = [];
let runs = 0;
const browser = await launchChromium();
try {
  const plan = await plannedVisits(browser, sites);
  await inPool(plan.visits, async ({ site, viewport, target }) => {
    const problems = [];
    const context = await readerContext(browser, viewport, problems);
    const page = await context.newPage();
    await page.goto(target.url, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const results = await window.axe.run(document, { resultTypes: ["violations"] });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
      }));
    });
    await context.close();
    runs += 1;
    const where = `[${site.name}] ${target.name} ${new URL(target.url).pathname} @${viewport.width}`;
    for (const v of violations) {
      byImpact[v.impact] = (byImpact[v.impact] ?? 0) + 1;
      const line = `${where}: ${v.impact} ${v.id} (${v.help}), ${v.nodes.length} node(s): ${v.nodes.slice(0, 3).join(" | ")}`;
      (FAILING.has(v.impact) ? failures : notes).push(line);
    }
    for (const p of problems) failures.push(`${where}: ${p}`);
  });
  await plan.close();
} finally {
  await browser.close();
}
for (const n of notes) console.log(`  note ${n}`);
const counts = Object.entries(byImpact).map(([k, v]) => `${k} ${v}`).join(", ");
finish("pages_pass_axe", failures, `${runs} pages checked with axe-core; violations by impact: ${counts}`);
