// The builds a check runs over, from its arguments: pairs of `OUTPUT_DIR BASE_URL`, the
// folder a build wrote and the --base-url it was built with.
import { existsSync } from "node:fs";
import { basename } from "node:path";

export function sitesFromArgs(argv = process.argv.slice(2)) {
  if (argv.length === 0 || argv.length % 2 !== 0) {
    usage("expected pairs of OUTPUT_DIR BASE_URL");
  }
  const sites = [];
  for (let i = 0; i < argv.length; i += 2) {
    const [dir, base] = [argv[i], argv[i + 1]];
    if (!existsSync(dir)) usage(`${dir}: no such folder`);
    let baseUrl;
    try {
      baseUrl = new URL(base.endsWith("/") ? base : `${base}/`);
    } catch {
      usage(`${base}: not an absolute URL`);
    }
    sites.push({ dir, baseUrl, basePath: baseUrl.pathname, name: basename(dir) });
  }
  return sites;
}

function usage(message) {
  const script = basename(process.argv[1] ?? "check");
  console.error(`${script}: ${message}\nusage: node ${script} OUTPUT_DIR BASE_URL [OUTPUT_DIR BASE_URL ...]`);
  process.exit(2);
}

/** Ends the process with a summary line and a non-zero status when anything failed. */
export function finish(name, failures, summary) {
  for (const f of failures.slice(0, 200)) console.error(`  FAIL ${f}`);
  if (failures.length > 200) console.error(`  … and ${failures.length - 200} more`);
  console.log(`${name}: ${summary}; ${failures.length} failure(s)`);
  process.exitCode = failures.length ? 1 : 0;
}
