// Proves that the main page kinds read as intended in a real browser, on a phone (360x800),
// a tablet (768x1024, the pages whose layout turns with the width) and a desktop (1440x900):
// the body's computed direction is rtl, the document does not scroll sideways, Arabic
// headings and paragraphs are drawn with the web font the theme ships (not a system
// fallback), nothing is logged to the console as an error, and no request leaves loopback.
// On the phone the header is at most 120 px tall; at every width no chart needs sideways
// scrolling, no chart text is drawn smaller than 12 px, and the highlighted bar of
// /years/2022/ and the home chart's "today" mark are on screen; on the desktop the
// chronology's year index shows every year. A screenshot of each page kind (home, article,
// articles index, states index, a state, years index, a year, chronology, a topic, search,
// 404) at each width is saved for a person to look at.
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
const MAX_HEADER_PHONE = 120;
const MIN_CHART_TEXT = 12;

// A tablet, between the phone and the desktop the shared plan visits, for the pages whose
// layout changes with the width (header, charts, states as cards or a table, year index).
const TABLET = { width: 768, height: 1024 };
const TABLET_PAGES = ["home", "states-index", "year-2022", "chronology"];

/**
 * The page kinds the shared plan (lib/browser.mjs) does not visit, for each site it visits:
 * the states and years indexes, a topic, search, a missing page (404) and /years/2022/ when
 * the site has that year; and TABLET_PAGES at the tablet's width.
 */
async function morePages(visits) {
  const homes = visits.filter((v) => v.target.name === "home");
  const extra = [];
  const tablet = (site, target) => extra.push({ site, viewport: TABLET, target });
  for (const { site, viewport, target } of homes) {
    const root = target.url;
    const tagsHtml = await (await fetch(root + "tags/")).text().catch(() => "");
    const topic = /href="?([^" >]*\/tags\/[^/" >]+\/)/.exec(tagsHtml)?.[1];
    const add = (name, url, status = 200) => extra.push({ site, viewport, target: { name, url, status } });
    add("states-index", root + "states/");
    add("years-index", root + "years/");
    if (topic) add("topic", new URL(topic, root + "tags/").href);
    add("search", root + "search/");
    add("not-found", root + "no-such-page/", 404);
    if ((await fetch(root + "years/2022/")).status === 200) add("year-2022", root + "years/2022/");
  }
  for (const { site, viewport, target } of [...visits, ...extra]) {
    if (viewport.width === homes[0]?.viewport.width && TABLET_PAGES.includes(target.name)) tablet(site, target);
  }
  return extra;
}

/**
 * What the phone-first layout promises at this viewport, measured as drawn: header height,
 * chart text sizes (computed size times the SVG's scale on screen), no chart or box that
 * must be scrolled sideways to be read, the marks that must be on screen.
 */
function layoutFacts() {
  const vw = document.documentElement.clientWidth;
  const header = document.querySelector(".site-header")?.getBoundingClientRect().height ?? 0;
  const small = [];
  for (const t of document.querySelectorAll("svg text")) {
    const r = t.getBoundingClientRect();
    if (!r.width || getComputedStyle(t).display === "none") continue;
    const m = t.getScreenCTM();
    const size = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
    if (size < 11.95) small.push(`"${t.textContent.trim().slice(0, 20)}" at ${size.toFixed(1)}px`);
  }
  const scrolled = [...document.querySelectorAll(".chart, .chart *")]
    .filter((el) => el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(el).overflowX))
    .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute("class") ?? ""} ${el.scrollWidth}/${el.clientWidth}`);
  const inView = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    // A line across the page has no width: drawn is any extent at all.
    const drawn = r.width > 0 || r.height > 0;
    return { inside: drawn && r.left >= -0.5 && r.right <= vw + 0.5, box: [Math.round(r.left), Math.round(r.right)] };
  };
  const index = document.querySelector(".year-index ul");
  const clipped = index
    ? [...index.querySelectorAll("a")].filter((a) => {
        const r = a.getBoundingClientRect();
        const box = index.getBoundingClientRect();
        return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.width === 0;
      }).map((a) => a.textContent)
    : [];
  return {
    header,
    small,
    scrolled,
    current: inView(".year-chart rect.bar.current"),
    today: inView(".membership-chart line.today"),
    todayLabel: inView(".membership-chart .today-label"),
    clipped,
  };
}

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
  plan.visits.push(...(await morePages(plan.visits)));
  await inPool(plan.visits, async (visit) => {
    const { site, viewport, target } = visit;
    const fonts = families.get(site.dir);
    visits += 1;
    const problems = [];
    const { context, page, where } = await openVisit(browser, visit, problems);
    const status = target.status ?? 200;
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
    const layout = await page.evaluate(layoutFacts);
    const phone = viewport.width <= 400;
    if (phone && layout.header > MAX_HEADER_PHONE) {
      problems.push(`the header is ${Math.round(layout.header)}px tall (at most ${MAX_HEADER_PHONE}px on a phone)`);
    }
    for (const t of layout.small) problems.push(`chart text ${t}, under ${MIN_CHART_TEXT}px as drawn`);
    for (const box of layout.scrolled) problems.push(`a chart scrolls sideways: ${box}`);
    if (target.name === "year-2022" && !layout.current?.inside) {
      problems.push(`the highlighted 2022 bar is not on screen (${JSON.stringify(layout.current)})`);
    }
    if (target.name === "home" && layout.today !== null) {
      for (const [what, mark] of [["line", layout.today], ["label", layout.todayLabel]]) {
        if (!mark?.inside) problems.push(`the chart's "today" ${what} is not on screen (${JSON.stringify(mark)})`);
      }
    }
    if (viewport.width >= 960 && layout.clipped.length) {
      problems.push(`the year index hides ${layout.clipped.length} year(s): ${layout.clipped.slice(0, 5).join(", ")}`);
    }
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
      fullPage: true,
      clip: height > MAX_SHOT_HEIGHT ? { x: 0, y: 0, width: viewport.width, height: MAX_SHOT_HEIGHT } : undefined,
    });
    await context.close();
    // The missing page's own 404, and the console's word for it, are what it is visited for.
    const expected = (p) =>
      status !== 200 && (p === `${status} for ${target.url}` || (p.startsWith("console error: Failed to load resource") && p.includes(`${status}`)));
    for (const p of problems.filter((p) => !expected(p))) failures.push(`${where}: ${p}`);
  });
  await plan.close();
} finally {
  await browser.close();
}
console.log(`screenshots: ${out}`);
finish("pages_read_well_in_chromium", failures, `${visits} page views in ${sites.length} build(s) at 360x800, 768x1024 and 1440x900`);
