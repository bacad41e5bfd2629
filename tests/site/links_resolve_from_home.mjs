// Proves that a build works as served by GitHub Pages: starting from the home page, every
// internal link, anchor, stylesheet, script, image and font answers 200 (no redirect), every
// #fragment names an id on its target page, nothing points outside the base path, every HTML
// file written is reachable from home, and the 404 page's links work from any missing URL.
//
//   node tests/site/links_resolve_from_home.mjs OUTPUT_DIR BASE_URL [OUTPUT_DIR BASE_URL ...]
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { Parser } from "htmlparser2";
import { finish, sitesFromArgs } from "./lib/sites.mjs";
import { servePages } from "./lib/pages_server.mjs";

// Attributes that hold a URL, by element; `srcset` is a list.
const URL_ATTRS = {
  a: ["href"],
  area: ["href"],
  link: ["href"],
  script: ["src"],
  img: ["src", "srcset"],
  source: ["src", "srcset"],
  video: ["src", "poster"],
  audio: ["src"],
  track: ["src"],
  iframe: ["src"],
  embed: ["src"],
  object: ["data"],
  form: ["action"],
  use: ["href", "xlink:href"],
  image: ["href", "xlink:href"],
  blockquote: ["cite"],
  q: ["cite"],
};
const META_URLS = new Set(["og:url", "og:image", "twitter:image"]);
const CSS_URL = /url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g;

function cssUrls(text) {
  return [...text.matchAll(CSS_URL)].map((m) => m[2] ?? m[4]);
}

/** URLs, ids and the inline CSS of one HTML document. */
function parseHtml(html) {
  const refs = [];
  const ids = new Set();
  let inStyle = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (attrs.id !== undefined) ids.add(attrs.id);
        if (name === "a" && attrs.name !== undefined) ids.add(attrs.name);
        for (const attr of URL_ATTRS[name] ?? []) {
          const value = attrs[attr];
          if (value === undefined) continue;
          if (attr === "srcset") {
            for (const part of value.split(",")) {
              const url = part.trim().split(/\s+/)[0];
              if (url) refs.push({ url, what: `<${name} ${attr}>` });
            }
          } else {
            refs.push({ url: value, what: `<${name} ${attr}>` });
          }
        }
        if (name === "meta" && META_URLS.has(attrs.property ?? attrs.name) && attrs.content) {
          refs.push({ url: attrs.content, what: `<meta ${attrs.property ?? attrs.name}>` });
        }
        if (attrs.style) {
          for (const url of cssUrls(attrs.style)) refs.push({ url, what: "style url()" });
        }
        inStyle = name === "style";
      },
      ontext(text) {
        if (inStyle) for (const url of cssUrls(text)) refs.push({ url, what: "<style> url()" });
      },
      onclosetag() {
        inStyle = false;
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true, xmlMode: false },
  );
  parser.write(html);
  parser.end();
  return { refs, ids };
}

function htmlFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".html")) {
      out.push(join(entry.parentPath ?? entry.path, entry.name));
    }
  }
  return out;
}

/** The public URL path a written HTML file is served at. */
function publicPath(site, file) {
  const rel = relative(site.dir, file).split(sep).join("/");
  return site.basePath + (rel === "index.html" ? "" : rel.replace(/(^|\/)index\.html$/, "$1"));
}

async function crawl(site) {
  const server = await servePages(site.dir, site.basePath);
  const failures = [];
  const fail = (msg) => failures.push(`[${site.name}] ${msg}`);
  // Every URL is handled in the public address space (the base URL's origin), so absolute
  // links to the site and root-relative links are judged alike; the fetch goes to loopback.
  const toLoopback = (url) => server.origin + url.pathname + url.search;
  const responses = new Map(); // public URL without fragment -> { status, type, body }
  const anchors = []; // { from, target, id }
  const stats = { pages: 0, refs: 0, external: 0, anchors: 0 };

  async function fetchOnce(key, url) {
    if (!responses.has(key)) {
      responses.set(
        key,
        fetch(toLoopback(url), { redirect: "manual" }).then(async (res) => ({
          status: res.status,
          type: res.headers.get("content-type") ?? "",
          body: res.status === 200 ? await res.text() : "",
        })),
      );
    }
    return responses.get(key);
  }

  function classify(raw, base, from, what) {
    let url;
    try {
      url = new URL(raw, base);
    } catch {
      fail(`${from}: ${what} "${raw}" is not a valid URL`);
      return null;
    }
    if (url.protocol === "mailto:" || url.protocol === "tel:" || url.protocol === "data:") return null;
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      fail(`${from}: ${what} "${raw}" uses ${url.protocol}`);
      return null;
    }
    if (url.origin !== site.baseUrl.origin) {
      stats.external += 1;
      return null;
    }
    stats.refs += 1;
    if (!url.pathname.startsWith(site.basePath)) {
      fail(`${from}: ${what} "${raw}" points outside the base path ${site.basePath}`);
      return null;
    }
    return url;
  }

  const seen = new Set();
  const queue = [];
  const enqueue = (url, from, what) => {
    const key = url.origin + url.pathname + url.search;
    if (url.hash.length > 1) anchors.push({ from, key, id: decodeURIComponent(url.hash.slice(1)), what });
    if (!seen.has(key)) {
      seen.add(key);
      queue.push({ key, url, from, what });
    }
  };

  const idsByPage = new Map();
  const pages = new Set();
  async function visit({ key, url, from, what }, expectStatus = 200) {
    const res = await fetchOnce(key, url);
    if (res.status !== expectStatus) {
      fail(`${from}: ${what} ${url.pathname}${url.search} answers ${res.status}`);
      return;
    }
    const body = expectStatus === 200 ? res.body : await (await fetch(toLoopback(url))).text();
    if (res.type.startsWith("text/html")) {
      stats.pages += 1;
      pages.add(url.pathname);
      const { refs, ids } = parseHtml(body);
      idsByPage.set(key, ids);
      for (const ref of refs) {
        const target = classify(ref.url, url, url.pathname, ref.what);
        if (!target) continue;
        if (target.pathname === url.pathname && target.search === url.search) {
          // A reference within the document (the skip link, a footnote): only its id matters.
          if (target.hash.length > 1) {
            anchors.push({ from: url.pathname, key, id: decodeURIComponent(target.hash.slice(1)), what: ref.what });
          }
        } else {
          enqueue(target, url.pathname, ref.what);
        }
      }
    } else if (res.type.startsWith("text/css")) {
      for (const raw of cssUrls(body)) {
        const target = classify(raw, url, url.pathname, "CSS url()");
        if (target) enqueue(target, url.pathname, "CSS url()");
      }
    }
  }

  const home = new URL(site.baseUrl.href);
  enqueue(home, "(start)", "home page");
  while (queue.length) {
    const batch = queue.splice(0, 16);
    await Promise.all(batch.map((item) => visit(item)));
  }

  // A missing page is answered by 404.html at whatever depth it was asked for, so its links
  // must work from there too.
  const missing = new URL("no/such/page/", site.baseUrl);
  await visit({ key: "(404)", url: missing, from: "(404 check)", what: "missing page" }, 404);
  pages.delete(missing.pathname);
  while (queue.length) {
    const batch = queue.splice(0, 16);
    await Promise.all(batch.map((item) => visit(item)));
  }

  for (const a of anchors) {
    const ids = idsByPage.get(a.key);
    if (!ids) continue; // not an HTML page: its status was checked, fragments have no ids to find
    stats.anchors += 1;
    if (!ids.has(a.id)) fail(`${a.from}: ${a.what} #${a.id} names no id on ${new URL(a.key).pathname}`);
  }

  const written = htmlFiles(site.dir)
    .map((f) => publicPath(site, f))
    .filter((p) => p !== `${site.basePath}404.html`);
  for (const p of written) if (!pages.has(p)) fail(`${p} is written but not reachable from the home page`);

  await server.close();
  return { failures, stats: { ...stats, urls: responses.size, written: written.length } };
}

const sites = sitesFromArgs();
const failures = [];
const totals = { pages: 0, refs: 0, urls: 0, anchors: 0, external: 0 };
for (const site of sites) {
  const { failures: f, stats } = await crawl(site);
  failures.push(...f);
  for (const k of Object.keys(totals)) totals[k] += stats[k];
  console.log(
    `${site.name} (${site.baseUrl.href}): ${stats.pages} pages crawled of ${stats.written} written + 404, ` +
      `${stats.refs} internal links checked (${stats.urls} distinct URLs, ${stats.anchors} anchors), ` +
      `${stats.external} external links not followed`,
  );
}
finish(
  "links_resolve_from_home",
  failures,
  `${totals.pages} pages crawled, ${totals.refs} internal links checked (${totals.urls} distinct URLs, ${totals.anchors} anchors)`,
);
