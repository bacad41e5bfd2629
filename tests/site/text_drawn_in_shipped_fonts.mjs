// Proves that every character the pages print is drawn by a font the theme ships: on each
// page kind (home, an article, the articles index, a state, a year, the chronology, a list's
// later page, search) at 360x800 and 1440x900, every text node, and the text of every ::before
// and ::after, is asked of Chromium through the DevTools protocol (CSS.getPlatformFontsForNode)
// once the fonts have loaded, and any glyph drawn by a system font, or by a web font the build
// does not ship, fails the check with the element and its text. A font file that fails to load
// fails it too. Prints what a first visit (the home page at 360 px, empty cache) downloads.
//
//   node tests/site/text_drawn_in_shipped_fonts.mjs OUTPUT_DIR BASE_URL [OUTPUT_DIR BASE_URL ...]
import { finish, sitesFromArgs } from "./lib/sites.mjs";
import { shippedFontFamilies } from "./lib/fonts.mjs";
import { inPool, launchChromium, openVisit, plannedVisits, readerContext } from "./lib/browser.mjs";

/** Every element with text of its own, and every pseudo-element, of a DOM.getDocument tree. */
function textHolders(node, out = []) {
  const own = (node.children ?? []).filter((c) => c.nodeType === 3 && c.nodeValue.trim() !== "");
  if (node.nodeType === 1 && own.length) {
    out.push({ nodeId: node.nodeId, label: label(node), text: own.map((c) => c.nodeValue).join("").trim() });
  }
  for (const pseudo of node.pseudoElements ?? []) {
    out.push({ nodeId: pseudo.nodeId, label: `${label(node)}::${pseudo.pseudoType}`, text: "" });
  }
  for (const child of node.children ?? []) textHolders(child, out);
  if (node.contentDocument) textHolders(node.contentDocument, out);
  return out;
}

function label(node) {
  const attrs = node.attributes ?? [];
  const cls = attrs[attrs.indexOf("class") + 1];
  return `${node.localName}${attrs.includes("class") && cls ? `.${cls.split(/\s+/).join(".")}` : ""}`;
}

/** The bytes a first visit downloads: every response of a fresh context loading `url`. */
async function firstVisit(browser, url) {
  const problems = [];
  const context = await readerContext(browser, { width: 360, height: 800 }, problems);
  const page = await context.newPage();
  const bodies = [];
  page.on("response", (res) => bodies.push(res.body().then((b) => ({ url: res.url(), bytes: b.length })).catch(() => null)));
  await page.goto(url, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready);
  await page.waitForLoadState("networkidle");
  const files = (await Promise.all(bodies)).filter(Boolean);
  await context.close();
  const sum = (list) => list.reduce((n, f) => n + f.bytes, 0);
  const fonts = files.filter((f) => f.url.endsWith(".woff2"));
  return { total: sum(files), requests: files.length, fonts: sum(fonts), fontFiles: fonts.map((f) => f.url.split("/").pop()) };
}

const sites = sitesFromArgs();
const failures = [];
let visits = 0;
let nodes = 0;
const browser = await launchChromium();
try {
  const families = new Map(sites.map((site) => [site.dir, new Set(shippedFontFamilies(site.dir))]));
  for (const site of sites) {
    if (!families.get(site.dir).size) failures.push(`[${site.name}] ships no @font-face with a font file of its own`);
  }
  const plan = await plannedVisits(browser, sites);
  // The search page has words of its own (its form, its note without JavaScript).
  const extra = [];
  for (const { site, viewport, target } of plan.visits) {
    if (target.name === "home") extra.push({ site, viewport, target: { name: "search", url: new URL("search/", target.url).href } });
  }
  for (const { site, target } of plan.visits.filter((v) => v.target.name === "home" && v.viewport.width === 360)) {
    const v = await firstVisit(browser, target.url);
    console.log(
      `[${site.name}] first visit of ${new URL(target.url).pathname} at 360 px: ${v.total} bytes in ${v.requests} requests, ` +
        `fonts ${v.fonts} bytes (${v.fontFiles.join(", ")})`,
    );
  }
  await inPool([...plan.visits, ...extra], async (visit) => {
    const shipped = families.get(visit.site.dir);
    visits += 1;
    const problems = [];
    const { context, page, where } = await openVisit(browser, visit, problems);
    const failed = await page.evaluate(() =>
      [...document.fonts].filter((f) => f.status === "error").map((f) => `${f.family} ${f.weight} ${f.unicodeRange}`),
    );
    for (const f of failed) problems.push(`font face failed to load: ${f}`);
    const cdp = await context.newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
    const holders = textHolders(root);
    nodes += holders.length;
    const strays = [];
    for (const holder of holders) {
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId: holder.nodeId });
      const foreign = fonts.filter((f) => !f.isCustomFont || !shipped.has(f.familyName));
      if (foreign.length) {
        const names = foreign.map((f) => `${f.familyName}${f.isCustomFont ? "" : " (system)"} ×${f.glyphCount}`).join(", ");
        strays.push(`${holder.label} "${holder.text.slice(0, 60)}" drawn in ${names}`);
      }
    }
    await cdp.detach();
    if (strays.length) problems.push(`${strays.length} element(s) drawn outside the shipped fonts: ${strays.slice(0, 8).join("; ")}`);
    await context.close();
    for (const p of problems) failures.push(`${where}: ${p}`);
  });
  await plan.close();
} finally {
  await browser.close();
}
finish(
  "text_drawn_in_shipped_fonts",
  failures,
  `${visits} page views in ${sites.length} build(s) at 360x800 and 1440x900, ${nodes} text-holding elements asked`,
);
