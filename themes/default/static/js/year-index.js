// The chronology's year index follows the reader: the year whose events are at the top of the
// screen is marked (aria-current="location") and, where the index is one line that scrolls
// sideways (a phone), scrolled into its view. Without this script the index is the plain list
// of links the page is built with; nothing else depends on it.
(function () {
  "use strict";
  var nav = document.querySelector(".year-index");
  if (!nav || !("IntersectionObserver" in window)) return;
  var list = nav.querySelector("ul");
  var links = new Map();
  nav.querySelectorAll("a").forEach(function (a) {
    var id = decodeURIComponent(a.hash.slice(1));
    // Only the years on this page; the others are links to the pages holding them.
    if (id && a.pathname === location.pathname && document.getElementById(id)) links.set(id, a);
  });
  if (!links.size) return;
  var smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var current = null;
  function mark(id) {
    var a = links.get(id);
    if (!a || a === current) return;
    if (current) current.removeAttribute("aria-current");
    a.setAttribute("aria-current", "location");
    current = a;
    // Centre it in the index's own scroll, leaving the page where it is.
    var box = list.getBoundingClientRect();
    var r = a.getBoundingClientRect();
    if (r.left < box.left || r.right > box.right) {
      list.scrollBy({ left: r.left + r.width / 2 - (box.left + box.width / 2), behavior: smooth ? "smooth" : "auto" });
    }
  }
  var seen = new Set();
  var order = Array.from(links.keys());
  function observe() {
    // The band just under the sticky index, down to 40% of the screen.
    var margin = "-" + Math.round(nav.getBoundingClientRect().height) + "px 0px -60% 0px";
    return new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) seen.add(e.target.id);
        else seen.delete(e.target.id);
      });
      var first = order.find(function (id) { return seen.has(id); });
      if (first) mark(first);
    }, { rootMargin: margin });
  }
  var io = observe();
  order.forEach(function (id) { io.observe(document.getElementById(id)); });
})();
