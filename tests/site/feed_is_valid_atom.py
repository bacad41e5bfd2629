#!/usr/bin/env python3
"""Proves that a build's feed.xml is an Atom feed with the elements RFC 4287 requires.

The feed: exactly one atom:id (an absolute IRI), atom:title and atom:updated (an RFC 3339
date-time); an atom:author unless every entry has one; at most one alternate link per type
and hreflang. Each entry: exactly one id, title and updated; an alternate link unless it has
content; a summary when its content has a src or is base64 (RFC 4287 4.1.1.1, 4.1.2).
Beyond the RFC, for this site: ids are unique, and every alternate link lies under the base
URL and names a page the build wrote.

    python3 tests/site/feed_is_valid_atom.py OUTPUT_DIR BASE_URL [OUTPUT_DIR BASE_URL ...]
"""

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 section 5.6, as RFC 4287 3.3 requires: full date, "T", time, zone.
DATE_TIME = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$"
)


def text_of(el):
    return "".join(el.itertext()).strip() if el is not None else ""


def check_common(el, what, problems):
    """id, title and updated: exactly one each, non-empty, in the right form."""
    for name in ("id", "title", "updated"):
        found = el.findall(ATOM + name)
        if len(found) != 1:
            problems.append(f"{what}: {len(found)} atom:{name} elements, RFC 4287 requires exactly one")
    ident = text_of(el.find(ATOM + "id"))
    if ident and not urlsplit(ident).scheme:
        problems.append(f"{what}: atom:id {ident!r} is not an absolute IRI")
    if el.find(ATOM + "title") is not None and not text_of(el.find(ATOM + "title")):
        problems.append(f"{what}: atom:title is empty")
    updated = text_of(el.find(ATOM + "updated"))
    if el.find(ATOM + "updated") is not None and not DATE_TIME.match(updated):
        problems.append(f"{what}: atom:updated {updated!r} is not an RFC 3339 date-time")
    for name in ("published",):
        for stamp in el.findall(ATOM + name):
            if not DATE_TIME.match(text_of(stamp)):
                problems.append(f"{what}: atom:{name} {text_of(stamp)!r} is not an RFC 3339 date-time")
    alternates = [
        (link.get("type"), link.get("hreflang"))
        for link in el.findall(ATOM + "link")
        if link.get("rel", "alternate") == "alternate"
    ]
    if len(alternates) != len(set(alternates)):
        problems.append(f"{what}: more than one alternate link with the same type and hreflang")
    for link in el.findall(ATOM + "link"):
        if not link.get("href"):
            problems.append(f"{what}: atom:link without href")
    for author in el.findall(ATOM + "author"):
        if not text_of(author.find(ATOM + "name")):
            problems.append(f"{what}: atom:author without a name")
    return ident


def page_exists(out_dir, base_url, href):
    """The file GitHub Pages would serve for href, if href lies under the base URL."""
    if not href.startswith(base_url):
        return False
    rel = unquote(urlsplit(href).path)[len(urlsplit(base_url).path) :]
    target = out_dir / rel
    return (target / "index.html").is_file() if rel == "" or rel.endswith("/") else target.is_file()


def check_feed(out_dir, base_url):
    problems = []
    path = out_dir / "feed.xml"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        return [f"{path}: {e}"], 0
    if root.tag != ATOM + "feed":
        return [f"{path}: root element is {root.tag}, not atom:feed"], 0
    check_common(root, f"{path}: feed", problems)
    entries = root.findall(ATOM + "entry")
    if root.find(ATOM + "author") is None and any(e.find(ATOM + "author") is None for e in entries):
        problems.append(f"{path}: the feed has no atom:author and some entries have none either")
    ids = set()
    for n, entry in enumerate(entries, 1):
        what = f"{path}: entry {n}"
        ident = check_common(entry, what, problems)
        if ident in ids:
            problems.append(f"{what}: atom:id {ident} repeats an earlier entry's")
        ids.add(ident)
        content = entry.find(ATOM + "content")
        alternates = [
            l.get("href", "")
            for l in entry.findall(ATOM + "link")
            if l.get("rel", "alternate") == "alternate"
        ]
        if content is None and not alternates:
            problems.append(f"{what}: no atom:content, so an alternate link is required")
        if content is not None:
            kind = content.get("type", "text")
            binary = kind not in ("text", "html", "xhtml") and not kind.endswith("+xml") and not kind.endswith("/xml") and not kind.startswith("text/")
            if (content.get("src") or binary) and entry.find(ATOM + "summary") is None:
                problems.append(f"{what}: atom:content with src or base64 needs an atom:summary")
        for href in alternates:
            if not page_exists(out_dir, base_url, href):
                problems.append(f"{what}: alternate link {href} names no page of the build")
    for link in root.findall(ATOM + "link"):
        if link.get("rel") == "self" and link.get("href") != base_url + "feed.xml":
            problems.append(f"{path}: self link {link.get('href')} is not {base_url}feed.xml")
    return problems, len(entries)


def main(argv):
    if not argv or len(argv) % 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    problems, entries = [], 0
    for out_dir, base in zip(argv[::2], argv[1::2]):
        base = base if base.endswith("/") else base + "/"
        p, n = check_feed(Path(out_dir), base)
        problems += p
        entries += n
    for p in problems:
        print(f"  FAIL {p}", file=sys.stderr)
    print(f"feed_is_valid_atom: {len(argv) // 2} feed(s), {entries} entries checked; {len(problems)} failure(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
