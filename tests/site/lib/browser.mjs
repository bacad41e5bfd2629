// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) as the reader's
// browser: a fresh profile every run, no background networking, and every request outside
// loopback refused and reported.
import { chromium } from "playwright-core";
import { servePages } from "./pages_server.mjs";

export const VIEWPORTS = [
  { width: 360, height: 800 },
  { width: 1440, height: 900 },
];

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium() {
  // launch() gives each run a new temporary user-data-dir, removed on close.
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
  });
}

const isLoopback = (url) => {
  try {
    const host = new URL(url).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
  } catch {
    return false;
  }
};

/**
 * A browser context at one viewport that refuses every request leaving loopback and records
 * it, with console errors, page errors and failed responses, into `problems`.
 */
export async function readerContext(browser, viewport, problems) {
  const context = await browser.newContext({ viewport, locale: "ar", reducedMotion: "reduce" });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("data:") || isLoopback(url)) return route.continue();
    problems.push(`request left loopback: ${url}`);
    return route.abort("blockedbyclient");
  });
  context.on("page", (page) => {
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("response", (res) => {
      if (res.status() >= 400) problems.push(`${res.status()} for ${res.url()}`);
    });
  });
  return context;
}

/**
* The pages every browser check visits: home, an article, a state, a year, the
 * chronology, the people index and a person, picked from the links of the home page and
 * of the pages its navigation leads to, so no slug is assumed.
 */
export async function pagesToVisit(browser, siteUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const linksOf = async (url) => {
    const res = await page.goto(url);
    if (!res || res.status() !== 200) throw new Error(`${url} answered ${res?.status()}`);
    return page.$$eval("a[href]", (as) => as.map((a) => new URL(a.getAttribute("href"), document.baseURI).href.split("#")[0]));
  };
  const hrefs = await linksOf(siteUrl);
  const navTargets = await page.$$eval("nav a[href]", (as) => as.map((a) => new URL(a.getAttribute("href"), document.baseURI).href.split("#")[0]));
  for (const url of new Set(navTargets)) {
    if (url.startsWith(siteUrl) && url !== siteUrl) hrefs.push(...(await linksOf(url)));
  }
  await context.close();
  const pick = (name, pattern) => {
    const found = hrefs.find((h) => h.startsWith(siteUrl) && pattern.test(h.slice(siteUrl.length)));
    if (!found) throw new Error(`no link to a ${name} page (${pattern}) from home or its navigation`);
    return { name, url: found };
  };
  // A list's later page exists only where a list is longer than `paginate_by`.
  const later = hrefs.find((h) => h.startsWith(siteUrl) && /\/page\/\d+\/$/.test(h.slice(siteUrl.length)));
  return [
    { name: "home", url: siteUrl },
    pick("article", /^articles\/[^/]+\/$/),
    pick("articles-index", /^articles\/$/),
    pick("state", /^states\/[^/]+\/$/),
    pick("year", /^years\/\d{4}\/$/),
    pick("chronology", /^chronology\/$/),
    pick("people", /^people\/$/),
    pick("person", /^people\/[^/]+\/$/),
    ...(later ? [{ name: "list-page", url: later }] : []),
  ];
}

/**
 * Runs `fn` over `items`, `workers` at a time (BROWSER_WORKERS, default 2: one per core of
 * the machine the suite is sized for); axe on a long page keeps one core busy by itself.
 */
export async function inPool(items, fn, workers = Number(process.env.BROWSER_WORKERS ?? 2)) {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
}

/**
 * Serves every build and lists one visit per build, viewport and page to visit; `close`
 * stops the servers.
 */
export async function plannedVisits(browser, sites) {
  const servers = await Promise.all(sites.map((site) => servePages(site.dir, site.basePath)));
  const visits = [];
  for (const [i, site] of sites.entries()) {
    const pages = await pagesToVisit(browser, servers[i].siteUrl);
    for (const viewport of VIEWPORTS) for (const target of pages) visits.push({ site, viewport, target });
  }
  return { visits, close: () => Promise.all(servers.map((s) => s.close())) };
}

/**
 * Opens one planned visit in a fresh reader context (see `readerContext`) once its fonts have
 * loaded: the page, its context, and `where`, the visit named for a failure's line.
 */
export async function openVisit(browser, { site, viewport, target }, problems) {
  const context = await readerContext(browser, viewport, problems);
  const page = await context.newPage();
  const where = `[${site.name}] ${target.name} ${new URL(target.url).pathname} @${viewport.width}`;
  const res = await page.goto(target.url, { waitUntil: "load" });
  // A target may expect another status (the 404 page is visited for its own 404).
  const status = target.status ?? 200;
  if (!res || res.status() !== status) problems.push(`answered ${res?.status()}, not ${status}`);
  await page.evaluate(() => document.fonts.ready);
  return { context, page, where };
}
