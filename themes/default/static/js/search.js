// The /search/ page: runs the reader's query against the Pagefind index written by
// `dossier build`, after folding Arabic spelling variants exactly as the index was folded
// (src/arabic.rs `normalize`; tests/search checks the two agree on a shared table).
(function () {
  "use strict";

  // Keep in step with normalize_char in src/arabic.rs.
  function normalizeChar(c) {
    switch (c) {
      case "أ": case "إ": case "آ": case "ٱ": return "ا";
      case "ى": case "ی": return "ي";
      case "ة": return "ه";
      case "ک": return "ك";
    }
    var cp = c.codePointAt(0);
    if ((cp >= 0x064b && cp <= 0x065f) || cp === 0x0670 || cp === 0x0640) return "";
    if ((cp >= 0x200b && cp <= 0x200f) || cp === 0x061c || cp === 0xfeff ||
        (cp >= 0x202a && cp <= 0x202e)) return "";
    if (cp >= 0x0660 && cp <= 0x0669) return String(cp - 0x0660);
    if (cp >= 0x06f0 && cp <= 0x06f9) return String(cp - 0x06f0);
    return c;
  }

  function normalize(s) {
    var out = "";
    for (var c of s) out += normalizeChar(c);
    return out;
  }

  // What Pagefind folds by itself (hamza seats, tashkeel): the index leaves such words to it
  // (src/output/search.rs `pagefind_folded`), so a query that differs from its folded form
  // only in these has nothing to add beside the folded query.
  function pagefindFolded(s) {
    return s.replace(/[\u064b-\u065f\u0670]/g, "").replace(/[أإآ]/g, "ا")
      .replace(/ؤ/g, "و").replace(/ئ/g, "ي");
  }

  window.dossierSearch = { normalize: normalize };

  var root = document.getElementById("search");
  if (!root) return;
  var input = document.getElementById("search-q");
  var form = input.form;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var filterBox = document.getElementById("search-filters");
  // The page's words, from strings.yaml (search_page) through its data-* attributes.
  var LABELS = { state: root.dataset.labelState, year: root.dataset.labelYear, topic: root.dataset.labelTopic, person: root.dataset.labelPerson };
  function say(key, fills) {
    var text = root.dataset["word" + key.charAt(0).toUpperCase() + key.slice(1)] || "";
    Object.keys(fills || {}).forEach(function (k) { text = text.split("{" + k + "}").join(fills[k]); });
    return text;
  }
  var BATCH = 10;
  var pagefind = null;
  var totals = {};
  var results = [];
  var shown = 0;
  var generation = 0;
  var timer = null;

  function selectedFilters() {
    var filters = {};
    filterBox.querySelectorAll("input:checked").forEach(function (box) {
      var key = box.name;
      (filters[key] = filters[key] || { any: [] }).any.push(box.value);
    });
    return filters;
  }

  function sortValues(key, values) {
    return values.sort(function (a, b) {
      return key === "year" ? Number(b) - Number(a) : a.localeCompare(b, "ar");
    });
  }

  function renderFilters(all) {
    filterBox.replaceChildren();
    var wide = window.matchMedia("(min-width: 60rem)").matches;
    Object.keys(LABELS).forEach(function (key) {
      var values = Object.keys(all[key] || {});
      if (!values.length) return;
      var details = document.createElement("details");
      details.open = wide;
      var summary = document.createElement("summary");
      summary.textContent = LABELS[key];
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.className = "visually-hidden";
      legend.textContent = LABELS[key];
      fieldset.append(legend);
      sortValues(key, values).forEach(function (value) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = key;
        box.value = value;
        box.addEventListener("change", run);
        var text = document.createElement("span");
        text.textContent = value;
        var count = document.createElement("span");
        count.className = "count";
        count.dataset.filter = key;
        count.dataset.value = value;
        count.textContent = all[key][value];
        label.append(box, text, count);
        fieldset.append(label);
      });
      details.append(summary, fieldset);
      filterBox.append(details);
    });
  }

  // The counts of the current query. A value with no result for it is left out (unless the
  // reader chose it, so it can be unchosen), and so is a filter left with no value.
  function updateCounts(counts) {
    filterBox.querySelectorAll(".count").forEach(function (el) {
      var n = (counts[el.dataset.filter] || {})[el.dataset.value] || 0;
      el.textContent = n;
      var label = el.parentElement;
      label.hidden = n === 0 && !label.querySelector("input").checked;
    });
    filterBox.querySelectorAll("details").forEach(function (details) {
      details.hidden = !details.querySelector("label:not([hidden])");
    });
  }

  function resultItem(data) {
    var li = document.createElement("li");
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = data.url;
    a.textContent = data.meta.title || data.url;
    h.append(a);
    li.append(h);
    if (data.meta.date) {
      var date = document.createElement("p");
      date.className = "result-date";
      date.textContent = data.meta.date;
      li.append(date);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "result-excerpt";
    // The build escapes the indexed text; Pagefind only adds <mark> around matches.
    excerpt.innerHTML = data.excerpt;
    li.append(excerpt);
    return li;
  }

  // Each page once, with its best score, best first.
  function mergeResults(searches) {
    var best = new Map();
    searches.forEach(function (search) {
      search.results.forEach(function (r) {
        var seen = best.get(r.id);
        if (!seen || r.score > seen.score) best.set(r.id, r);
      });
    });
    return Array.from(best.values()).sort(function (a, b) { return b.score - a.score; });
  }

  // Per filter value the larger of the two searches' counts: the union holds at least that
  // many pages, and counting it exactly would mean loading every result's fragment.
  function mergeCounts(searches) {
    var counts = {};
    searches.forEach(function (search) {
      var filters = search.filters || {};
      Object.keys(filters).forEach(function (key) {
        counts[key] = counts[key] || {};
        Object.keys(filters[key]).forEach(function (value) {
          counts[key][value] = Math.max(counts[key][value] || 0, filters[key][value]);
        });
      });
    });
    return counts;
  }

  async function showMore() {
    var mine = generation;
    var batch = results.slice(shown, shown + BATCH);
    var data = await Promise.all(batch.map(function (r) { return r.data(); }));
    if (mine !== generation) return;
    data.forEach(function (d) { list.append(resultItem(d)); });
    shown += batch.length;
    more.hidden = shown >= results.length;
  }

  function syncUrl(query) {
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  }

  async function run() {
    var mine = ++generation;
    // data-status lets a page test wait for a finished search.
    root.dataset.status = "busy";
    var query = input.value.trim();
    syncUrl(query);
    var term = normalize(query).trim();
    var filters = selectedFilters();
    if (!term && !Object.keys(filters).length) {
      results = [];
      shown = 0;
      list.replaceChildren();
      more.hidden = true;
      updateCounts(totals);
      status.textContent = say("prompt");
      root.dataset.status = "done";
      return;
    }
    status.textContent = say("busy");
    // The query as typed goes to Pagefind too: its Arabic stemmer sees through more clitic
    // forms of an unfolded word (المنظمة, للمنظمة, بالمنظمة all stem alike) than of a folded
    // one (المنظمه), while the folded query finds the spellings only our folding joins.
    // A reader who types ه for a final ة (or ي for ى) meets the same limit, so the folded
    // query with those letters restored at word ends goes too.
    var terms = [term || null];
    if (term) {
      var restored = term.replace(/ه(?=\s|$)/g, "ة").replace(/ي(?=\s|$)/g, "ى");
      var typed = pagefindFolded(query) === term ? term : query;
      [typed, restored].forEach(function (t) {
        if (terms.indexOf(t) < 0) terms.push(t);
      });
    }
    var searches = await Promise.all(terms.map(function (t) {
      return pagefind.search(t, { filters: filters });
    }));
    if (mine !== generation) return;
    results = mergeResults(searches);
    shown = 0;
    list.replaceChildren();
    updateCounts(mergeCounts(searches));
    status.textContent = results.length
      ? say("results", { n: results.length })
      : say("none", { query: query });
    await showMore();
    if (mine === generation) root.dataset.status = "done";
  }

  async function start() {
    root.hidden = false;
    status.textContent = say("loading");
    try {
      pagefind = await import(root.dataset.bundle + "pagefind.js");
      await pagefind.options({ excerptLength: 24 });
      await pagefind.init();
      // A large site's index comes in several bundles, each indexed on its own thread.
      for (var bundle of (root.dataset.merge || "").split(" ").filter(Boolean)) {
        await pagefind.mergeIndex(bundle);
      }
      totals = await pagefind.filters();
      renderFilters(totals);
    } catch (e) {
      status.textContent = say("failed");
      throw e;
    }
    var q = new URL(window.location.href).searchParams.get("q");
    if (q) input.value = q;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run();
    });
    more.addEventListener("click", showMore);
    await run();
    if (!q) input.focus();
  }

  start();
})();
