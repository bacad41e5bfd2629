// A static file server on loopback that answers the way GitHub Pages does for a project site:
// the build is mounted under the base URL's path, a folder answers with its index.html, a
// folder asked for without its slash is redirected to it, and anything missing gets the
// site's 404.html with status 404. Checks run against it see what readers will see.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".wasm": "application/wasm",
  ".pf_meta": "application/octet-stream",
};

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDir(path) {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Serves `root` under `basePath` (starting and ending with "/") on 127.0.0.1 at a free port.
 * Resolves to { origin, siteUrl, close }, where siteUrl is origin + basePath.
 */
export async function servePages(root, basePath) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://loopback");
      let path;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        return send(res, 400, "text/plain", "bad request");
      }
      if (!path.startsWith(basePath)) {
        return send(res, 404, "text/plain", "not under the site's base path");
      }
      const rel = normalize(path.slice(basePath.length));
      if (rel.startsWith("..") || rel.includes(`${sep}..${sep}`) || rel.includes("\0")) {
        return send(res, 404, "text/plain", "outside the site");
      }
      let file = join(root, rel);
      if (await isDir(file)) {
        if (!path.endsWith("/")) {
          res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
          return res.end();
        }
        file = join(file, "index.html");
      } else if (!(await isFile(file)) && (await isFile(`${file}.html`))) {
        file = `${file}.html`;
      }
      if (await isFile(file)) {
        const body = await readFile(file);
        return send(res, 200, TYPES[extname(file).toLowerCase()] ?? "application/octet-stream", body, req);
      }
      const notFound = join(root, "404.html");
      if (await isFile(notFound)) {
        return send(res, 404, TYPES[".html"], await readFile(notFound), req);
      }
      return send(res, 404, "text/plain", "not found", req);
    } catch (err) {
      return send(res, 500, "text/plain", String(err), req);
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    siteUrl: origin + basePath,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function send(res, status, type, body, req) {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
  res.end(req?.method === "HEAD" ? undefined : body);
}
