// Proves that every HTML file of a build is valid HTML by the Nu Html Checker (vnu.jar from
// npm, run with the machine's Java): zero errors. Warnings are listed, grouped by message.
//
//   node tests/site/html_is_valid_by_vnu.mjs OUTPUT_DIR [OUTPUT_DIR ...]
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const jar = require("vnu-jar");
const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error("usage: node html_is_valid_by_vnu.mjs OUTPUT_DIR [OUTPUT_DIR ...]");
  process.exit(2);
}

const files = dirs.flatMap((dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => join(e.parentPath ?? e.path, e.name)),
);
if (files.length === 0) {
  console.error("no HTML files found");
  process.exit(1);
}
// One JVM for every file; the list goes through a response-file-free argv, well under the
// kernel's limit for a few thousand paths.
const run = spawnSync(process.env.JAVA ?? "java", ["-Xss8m", "-jar", jar, "--format", "json", "--exit-zero-always", ...files], {
  encoding: "utf8",
  maxBuffer: 256 * 1024 * 1024,
});
if (run.error || run.status !== 0) {
  console.error(`vnu did not run: ${run.error ?? run.stderr}`);
  process.exit(1);
}
let messages;
try {
  ({ messages } = JSON.parse(run.stderr || run.stdout));
} catch (e) {
  console.error(`vnu printed no JSON report: ${e}\n${run.stderr.slice(0, 2000)}`);
  process.exit(1);
}
const where = (m) => {
  const file = decodeURIComponent(new URL(m.url).pathname);
  return `${relative(process.cwd(), file) || file}:${m.lastLine ?? m.firstLine ?? "?"}:${m.lastColumn ?? "?"}`;
};
const errors = messages.filter((m) => m.type === "error" || m.type === "non-document-error");
const warnings = messages.filter((m) => m.type === "info" && m.subType === "warning");
for (const m of errors.slice(0, 100)) console.error(`  ERROR ${where(m)}: ${m.message} «${(m.extract ?? "").trim()}»`);
if (errors.length > 100) console.error(`  … and ${errors.length - 100} more errors`);
const grouped = new Map();
for (const m of warnings) {
  const g = grouped.get(m.message) ?? [];
  g.push(where(m));
  grouped.set(m.message, g);
}
for (const [message, places] of grouped) {
  console.log(`  warning (${places.length}×) ${message} e.g. ${places.slice(0, 2).join(", ")}`);
}
console.log(`html_is_valid_by_vnu: ${files.length} HTML files checked; ${errors.length} error(s), ${warnings.length} warning(s)`);
process.exitCode = errors.length ? 1 : 0;
