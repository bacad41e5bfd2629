// Proves that the main page kinds read as intended in a real browser, on a phone (360x800)
// and a desktop (1440x900): the body's computed direction is rtl, the document does not
// scroll sideways, Arabic headings and paragraphs are drawn with the web font the theme
// ships (not a system fallback), nothing is logged to the console as an error, and no
// request leaves loopback. Screenshots are saved for a person to look at.
//
//   node tests/site/pages_read_well_in_chromium.mjs OUTPUT_DIR BASE_URL [OUTPUT_DIR BASE_URL ...]
//   SCREENSHOTS=folder (default target/site-screenshots)
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { finish, sitesFromArgs } from "./lib/sites.mjs";
import { shippedFontFamilies } from "./lib/fonts.mjs";
import { inPool, launchChromium, openVisit, plannedVisits } from "./lib/browser.mjs";

// Chromium cannot capture a taller picture in one piece; a long chronology is cut there.
const MAX_SHOT_HEIGHT = 12000;

/** The platform font Chromium actually drew most of a node's glyphs with. */
// The fonts Chromium drew the element's text with (its descendants' too), most glyphs first.
async function renderedFonts(cdp, selector) {
  const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
  if (!nodeId) return null;
  const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
  return fonts.sort((a, b) => b.glyphCount - a.glyphCount);
}

const out = resolve(process.env.SCREENSHOTS ?? "target/site-screenshots");
const sites = sitesFromArgs();
const failures = [];
let visits = 0;
const browser = await launchChromium();
try {
  const families = new Map(sites.map((site) => [site.dir, shippedFontFamilies(site.dir)]));
  for (const site of sites) mkdirSync(join(out, site.name), { recursive: true });
  const plan = await plannedVisits(browser, sites);
  await inPool(plan.visits, async (visit) => {
    const { site, viewport, target } = visit;
    const fonts = families.get(site.dir);
    visits += 1;
    const problems = [];
    const { context, page, where } = await openVisit(browser, visit, problems);
    const facts = await page.evaluate(() => ({
      direction: getComputedStyle(document.body).direction,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      fonts: [...document.fonts].map((f) => ({
        family: f.family.replace(/^['"]|['"]$/g, ""),
        weight: f.weight,
        status: f.status,
      })),
      widest: [...document.querySelectorAll("body *")]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.left < -1 || r.right > document.documentElement.clientWidth + 1)
        .slice(0, 3)
        .map(({ el, r }) => `${el.tagName.toLowerCase()}.${el.getAttribute("class") ?? ""} [${Math.round(r.left)}, ${Math.round(r.right)}]`),
    }));
    if (facts.direction !== "rtl") problems.push(`body direction is ${facts.direction}`);
    if (facts.scrollWidth > facts.clientWidth) {
      problems.push(
        `document is ${facts.scrollWidth}px wide in a ${facts.clientWidth}px viewport (${facts.widest.join("; ")})`,
      );
    }
    // Faces cut by unicode-range load only on pages that have their characters: the first
    // family the theme ships (the Arabic one) must have loaded, and no face may have failed.
    if (fonts.length && !facts.fonts.some((f) => f.family === fonts[0] && f.status === "loaded")) {
      problems.push(`document.fonts has no loaded "${fonts[0]}" (${JSON.stringify(facts.fonts)})`);
    }
    for (const f of facts.fonts.filter((f) => f.status === "error")) problems.push(`font "${f.family}" ${f.weight} failed to load`);
    if (fonts.length) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("DOM.enable");
      await cdp.send("CSS.enable");
      for (const selector of ["main h1", "main p"]) {
        const drawn = await renderedFonts(cdp, selector);
        if (!drawn || !drawn.length) continue;
        // Latin names beside the Arabic (a state's or a person's English name) are set in the
        // system font on purpose: other fonts may draw at most one glyph per character outside
        // the Arabic block (a space between two such characters, as in "Stanislav Zas", is
        // theirs too), so any Arabic letter they draw shows up as an excess.
        const foreign = await page.$eval(selector, (el) => (el.textContent.match(/[^\u0600-\u06FF\s]|(?<=[^\u0600-\u06FF\s])\s(?=[^\u0600-\u06FF\s])/gu) ?? []).length);
        const shipped = drawn.filter((f) => f.isCustomFont && fonts.includes(f.familyName));
        const others = drawn.filter((f) => !shipped.includes(f)).reduce((n, f) => n + f.glyphCount, 0);
        if (!shipped.length || others > foreign) {
          const list = drawn.map((f) => `${f.familyName}${f.isCustomFont ? "" : " (a system font)"} ×${f.glyphCount}`).join(", ");
          problems.push(`${selector} is drawn with ${list}; only ${foreign} character(s) outside Arabic may leave the shipped font`);
        }
      }
      await cdp.detach();
    }
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const shot = join(out, site.name, `${target.name}-${viewport.width}.png`);
    await page.screenshot({
      path: shot,
      fullPage: height <= MAX_SHOT_HEIGHT,
      clip: height > MAX_SHOT_HEIGHT ? { x: 0, y: 0, width: viewport.width, height: MAX_SHOT_HEIGHT } : undefined,
    });
    await context.close();
    for (const p of problems) failures.push(`${where}: ${p}`);
  });
  await plan.close();
} finally {
  await browser.close();
}
console.log(`screenshots: ${out}`);
finish("pages_read_well_in_chromium", failures, `${visits} page views in ${sites.length} build(s) at 360x800 and 1440x900`);
