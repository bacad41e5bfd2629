// The fonts a build ships, as its CSS declares them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Font families the build ships: @font-face rules in its CSS whose src is one of its files
 * (local() fallbacks and remote fonts are not), in the order the CSS declares them.
 */
export function shippedFontFamilies(dir) {
  const families = new Set();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".css")) continue;
    const css = readFileSync(join(entry.parentPath ?? entry.path, entry.name), "utf8");
    for (const [, rule] of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
      const family = /font-family\s*:\s*(['"]?)([^;'"]+)\1/.exec(rule)?.[2]?.trim();
      const local = /url\(\s*['"]?(?!https?:|\/\/|data:)[^)'"]+/.test(rule);
      if (family && local) families.add(family);
    }
  }
  return [...families];
}
