// The /search/ page in headless Chromium, on a build made with base URL
// https://example.github.io/csto-dossier/ and served at /csto-dossier/ on loopback.
// Expected results come from the build's own data/articles.json, never from a fixed list.
//
// SITE_DIR: the built output folder. CHROMIUM: the browser (default /usr/bin/chromium).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const siteDir = process.env.SITE_DIR;
if (!siteDir) throw new Error("SITE_DIR is not set (tests/search/run sets it)");
const MOUNT = "/csto-dossier/";
const articles = JSON.parse(fs.readFileSync(path.join(siteDir, "data/articles.json"), "utf8"));
const cases = JSON.parse(fs.readFileSync(path.join(here, "normalize_cases.json"), "utf8"));

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".svg": "image/svg+xml", ".woff2": "font/woff2",
  ".xml": "application/xml",
};

let server, origin, browser;
// Bytes the server sent, by request path, since the last reset.
let sent = [];

before(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(MOUNT)) { res.writeHead(404).end(); return; }
    rel = rel.slice(MOUNT.length);
    let file = path.join(siteDir, rel);
    if (!file.startsWith(path.resolve(siteDir))) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
    const body = fs.readFileSync(file);
    sent.push({ path: url.pathname, bytes: body.length });
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "content-length": body.length,
    });
    res.end(body);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => server.close(ok));
});

async function openSearch(query) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("requestfailed", (r) => errors.push(`failed: ${r.url()}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(origin)) errors.push(`off-site request: ${r.url()}`);
  });
  const q = query === undefined ? "" : `?q=${encodeURIComponent(query)}`;
  await page.goto(`${origin}${MOUNT}search/${q}`);
  await waitDone(page);
  return { page, errors };
}

async function waitDone(page) {
  await page.waitForFunction(() => document.getElementById("search")?.dataset.status === "done");
}

/// Every result URL, after pressing "more results" until there are none left.
async function resultUrls(page) {
  while (await page.locator("#search-more").isVisible()) {
    const before = await page.locator("#search-results li").count();
    await page.click("#search-more");
    await page.waitForFunction((n) => document.querySelectorAll("#search-results li").length > n, before);
  }
  return page.$$eval("#search-results h2 a", (as) => as.map((a) => new URL(a.href).pathname));
}

async function search(page, query) {
  await page.fill("#search-q", query);
  await page.press("#search-q", "Enter");
  await waitDone(page);
  return resultUrls(page);
}

const articlePath = (a) => new URL(a.url, "https://example.github.io").pathname;
const articleUrls = (urls) => urls.filter((u) => u.startsWith(`${MOUNT}articles/`)).sort();

test("the page's normaliser agrees with src/arabic.rs on the shared table", async () => {
  const { page, errors } = await openSearch();
  const got = await page.evaluate((cs) => cs.map(([input]) => window.dossierSearch.normalize(input)), cases);
  cases.forEach(([input, expected], i) => assert.equal(got[i], expected, `input ${JSON.stringify(input)}`));
  assert.deepEqual(errors, []);
  await page.close();
});

test("اوزبكستان without hamza finds the history backgrounder and every article naming Uzbekistan", async () => {
  const { page, errors } = await openSearch("اوزبكستان");
  const urls = await resultUrls(page);
  const expected = articles.filter((a) => (a.state_mentions || {}).uzbekistan > 0).map(articlePath);
  const backgrounder = articles.find((a) => a.title.includes("ماذا تعرف عن منظمة"));
  assert.ok(backgrounder, "the history backgrounder is in data/articles.json");
  assert.ok(urls.includes(articlePath(backgrounder)), `backgrounder missing from ${urls}`);
  for (const u of expected) assert.ok(urls.includes(u), `${u} missing from ${urls}`);
  // The query from ?q= is in the box, and a match is highlighted in an excerpt.
  assert.equal(await page.inputValue("#search-q"), "اوزبكستان");
  assert.ok((await page.locator("#search-results mark").count()) > 0, "no highlighted match");
  assert.deepEqual(errors, []);
  await page.close();
});

test("زاس finds every article that names the secretary-general", async () => {
  const expected = articles.filter((a) => a.people.includes("stanislav-zas")).map(articlePath).sort();
  assert.ok(expected.length > 0, "no article names Zas in data/articles.json");
  const { page, errors } = await openSearch("زاس");
  const urls = await resultUrls(page);
  for (const u of expected) assert.ok(urls.includes(u), `${u} missing from ${urls}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("أفغانستان with and without hamza gives the same results", async () => {
  const { page } = await openSearch();
  const withHamza = await search(page, "أفغانستان");
  const without = await search(page, "افغانستان");
  assert.ok(withHamza.length > 0, "no result for أفغانستان");
  assert.deepEqual(without, withHamza);
  await page.close();
});

test("a query with diacritics still matches", async () => {
  const { page } = await openSearch();
  const marked = await search(page, "الأَمْن");
  const plain = await search(page, "الأمن");
  assert.ok(marked.length > 0, "no result for الأَمْن");
  assert.deepEqual(marked, plain);
  await page.close();
});

test("ه typed for a final ة finds what ة finds", async () => {
  const { page } = await openSearch();
  for (const [written, typed] of [["المنظمة", "المنظمه"], ["قمة", "قمه"]]) {
    const a = await search(page, written);
    const b = await search(page, typed);
    assert.ok(a.length > 0, `no result for ${written}`);
    assert.deepEqual(b.sort(), a.sort(), `${typed} vs ${written}`);
  }
  await page.close();
});

test("the state filter narrows results to articles about that state", async () => {
  const { page } = await openSearch("الأمن");
  const all = await resultUrls(page);
  // The state with articles that is named by fewest of them gives the sharpest check.
  const counts = {};
  for (const a of articles) for (const s of a.states) counts[s] = (counts[s] || 0) + 1;
  const [slug] = Object.entries(counts).sort((x, y) => x[1] - y[1])[0];
  // The state page's heading starts with the Arabic name the filter uses.
  const stateName = await page.evaluate(async (s) => {
    const r = await fetch(`../states/${s}/`);
    return new DOMParser().parseFromString(await r.text(), "text/html").querySelector("h1").firstChild.textContent.trim();
  }, slug);
  await page.locator("#search-filters details").first().evaluate((d) => { d.open = true; });
  await page.check(`#search-filters input[name=state][value="${stateName}"]`);
  await waitDone(page);
  const narrowed = await resultUrls(page);
  assert.ok(narrowed.length > 0, "the filter left nothing");
  assert.ok(narrowed.length < all.length, `${narrowed.length} not fewer than ${all.length}`);
  const expected = articles.filter((a) => a.states.includes(slug)).map(articlePath);
  for (const u of articleUrls(narrowed)) assert.ok(expected.includes(u), `${u} is not about ${slug}`);
  assert.match(page.url(), /\?q=/);
  await page.close();
});

test("the person filter narrows results to the pages naming that person", async () => {
  const { page } = await openSearch("المنظمة");
  const all = await resultUrls(page);
  // The person named by fewest articles (at least one) gives the sharpest check.
  const counts = {};
  for (const a of articles) for (const p of a.people) counts[p] = (counts[p] || 0) + 1;
  const [slug] = Object.entries(counts).sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))[0];
  // The person page's heading starts with the Arabic name the filter uses.
  const name = await page.evaluate(async (s) => {
    const r = await fetch(`../people/${s}/`);
    return new DOMParser().parseFromString(await r.text(), "text/html").querySelector("h1").firstChild.textContent.trim();
  }, slug);
  await page.locator("#search-filters details").evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
  await page.check(`#search-filters input[name=person][value="${name}"]`);
  await waitDone(page);
  const narrowed = await resultUrls(page);
  assert.ok(narrowed.length > 0, "the filter left nothing");
  assert.ok(narrowed.length < all.length, `${narrowed.length} not fewer than ${all.length}`);
  const expected = articles.filter((a) => a.people.includes(slug)).map(articlePath);
  for (const u of articleUrls(narrowed)) assert.ok(expected.includes(u), `${u} does not name ${slug}`);
  await page.close();
});

// The result shown for a page: its path and the words of its excerpt (marks removed).
async function shownResults(page) {
  return page.$$eval("#search-results li", (lis) => lis.map((li) => ({
    path: new URL(li.querySelector("h2 a").href).pathname,
    title: li.querySelector("h2 a").textContent.trim(),
    excerpt: li.querySelector(".result-excerpt").textContent.replace(/\s+/g, " ").trim(),
  })));
}

test("a state's, a year's and a topic's result read as a sentence, not a run of names", async () => {
  const { page, errors } = await openSearch("أوزبكستان");
  const state = (await shownResults(page)).find((r) => r.path === `${MOUNT}states/uzbekistan/`);
  assert.ok(state, "the state page is a result");
  // Its name, then its status and membership years, then its capital: one sentence.
  assert.match(state.excerpt, /^أوزبكستان، [^،]+ \(\d{4}/, state.excerpt);
  assert.match(state.excerpt, /طشقند\./, state.excerpt);
  assert.ok(!/Uzbekistan/.test(state.excerpt), `the English name is searched, not shown: ${state.excerpt}`);

  const year = (await search(page, "2022"), (await shownResults(page)).find((r) => r.path === `${MOUNT}years/2022/`));
  assert.ok(year, "the year page is a result");
  // How many events and articles, then the first event with its date.
  assert.match(year.excerpt, /2022/);
  assert.match(year.excerpt, /(حدث|أحداث).*مقال/, year.excerpt);
  assert.match(year.excerpt, /أول أحداثه، .*2022: /, year.excerpt);

  const topic = await page.evaluate(async () => {
    const r = await fetch("../tags/");
    const a = new DOMParser().parseFromString(await r.text(), "text/html").querySelector("main li a");
    // The chip says how many articles: "أفغانستان (3)".
    const name = a.textContent.replace(/\s*\(\d+\)\s*$/, "").trim();
    return { name, path: new URL(a.getAttribute("href"), r.url).pathname };
  });
  await search(page, topic.name);
  const tag = (await shownResults(page)).find((r) => r.path === topic.path);
  assert.ok(tag, `the topic page ${topic.path} is a result for ${topic.name}`);
  assert.ok(tag.excerpt.startsWith(topic.name), tag.excerpt);
  assert.match(tag.excerpt, /مقال.*(حدث|أحداث)/, tag.excerpt);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the filters show only the values that have results for the query", async () => {
  const labels = (page) => page.$$eval("#search-filters label", (ls) => ls.map((l) => ({
    filter: l.querySelector("input").name,
    value: l.querySelector("input").value,
    count: Number(l.querySelector(".count").textContent),
    shown: !l.hidden && !l.closest("details[hidden]"),
  })));
  const { page, errors } = await openSearch();
  const everything = await labels(page);
  assert.ok(everything.length > 0 && everything.every((l) => l.shown && l.count > 0), JSON.stringify(everything));

  await search(page, "زاس");
  const narrowed = await labels(page);
  const shown = narrowed.filter((l) => l.shown);
  assert.ok(shown.length > 0, "no filter value left for زاس");
  assert.ok(shown.length < narrowed.length, "no filter value was left out");
  for (const l of narrowed) assert.equal(l.shown, l.count > 0, `${l.filter} ${l.value}: ${l.count}`);
  // The years of the results are offered, and a year with none of them is not.
  const years = new Set(articles.filter((a) => a.people.includes("stanislav-zas") && a.date).map((a) => a.date.slice(0, 4)));
  for (const l of narrowed.filter((l) => l.filter === "year")) {
    if (years.has(l.value)) assert.ok(l.shown, `year ${l.value} has a result but is hidden`);
  }

  // Clearing the query shows them all again.
  await search(page, "");
  const again = await labels(page);
  assert.ok(again.every((l) => l.shown), JSON.stringify(again.filter((l) => !l.shown)));
  assert.deepEqual(errors, []);
  await page.close();
});

test("the header search box is a GET form to the search page", async () => {
  const page = await browser.newPage({ javaScriptEnabled: false });
  await page.goto(`${origin}${MOUNT}`);
  await page.fill("#header-q", "زاس");
  await page.press("#header-q", "Enter");
  await page.waitForURL(/\/csto-dossier\/search\/\?q=/);
  assert.equal(new URL(page.url()).searchParams.get("q"), "زاس");
  // Without JavaScript the page says so and links to states, years and chronology.
  const hrefs = await page.$$eval(".search-nojs a", (as) => as.map((a) => new URL(a.href).pathname));
  assert.deepEqual(hrefs, [`${MOUNT}states/`, `${MOUNT}years/`, `${MOUNT}chronology/`]);
  await page.close();
});

test("bytes downloaded for one query", async () => {
  const page = await browser.newPage();
  sent = [];
  await page.goto(`${origin}${MOUNT}search/?q=${encodeURIComponent("زاس")}`);
  await waitDone(page);
  const total = sent.reduce((n, r) => n + r.bytes, 0);
  const search = sent.filter((r) => /\/pagefind(-\d+)?\//.test(r.path) || r.path.endsWith("/search.js"));
  const searchBytes = search.reduce((n, r) => n + r.bytes, 0);
  const wasm = search.filter((r) => r.path.includes("wasm.")).reduce((n, r) => n + r.bytes, 0);
  console.log(`one query (زاس), cold cache: ${total} bytes in ${sent.length} requests; ` +
    `search files ${searchBytes} bytes in ${search.length} (of which wasm ${wasm})`);
  for (const r of search) console.log(`  ${r.bytes}\t${r.path.slice(MOUNT.length)}`);
  assert.ok(searchBytes > 0);
  await page.close();
});
