// Converts Natural Earth's 1:50m country boundaries (npm `world-atlas`, TopoJSON) into the
// map data the build embeds (src/render/map/geometry.json): the member and former member
// states and their neighbours, projected with a conic equal-area projection fitted to the
// region, simplified (Visvalingam, on the shared topology, so neighbours keep common borders),
// clipped to the frame and written as compact SVG path data. Run through scripts/map-data.
import { readFileSync, writeFileSync } from "node:fs";
import { feature } from "topojson-client";
import { presimplify, simplify, sphericalTriangleArea } from "topojson-simplify";
import { geoCentroid, geoConicEqualArea, geoPath } from "d3-geo";

const here = new URL(".", import.meta.url);
const out = new URL("../../src/render/map/geometry.json", here);
const atlasPackage = JSON.parse(
  readFileSync(new URL("node_modules/world-atlas/package.json", here)),
);
const topology = JSON.parse(
  readFileSync(new URL("node_modules/world-atlas/countries-50m.json", here)),
);

// The states of states.yaml by their ISO 3166-1 numeric code (Natural Earth's ids).
const STATES = {
  russia: "643",
  armenia: "051",
  belarus: "112",
  kazakhstan: "398",
  kyrgyzstan: "417",
  tajikistan: "762",
  uzbekistan: "860",
  azerbaijan: "031",
  georgia: "268",
};

// Albers (conic equal-area): standard parallels at about a sixth and five sixths of the
// region's latitudes (37°N to 78°N), central meridian halfway along Russia (20°E to 190°E),
// so the map is as flat as a conic can draw the whole of Russia (1000 × 630). The
// centre is the origin (d3 puts it at 33.6°N by default) so that x = tx + k·x', y = ty − k·y'
// with the raw projection, as src/render/map.rs computes the capitals.
const PARALLELS = [44, 70];
const CENTRAL_MERIDIAN = 100;
const projection = (meridian = CENTRAL_MERIDIAN) =>
  geoConicEqualArea().parallels(PARALLELS).rotate([-meridian, 0]).center([0, 0]);

// The frame: the nine states fill its width; neighbours are clipped to it.
const WIDTH = 1000;
const PAD = 12;
// Visvalingam's least effective area kept, in square units of each drawing: the main map
// at 1000 units across, a state's own outline at 400.
const MAIN_AREA = 1.0;
const OUTLINE_AREA = 1.2;
const OUTLINE_WIDTH = 400;

// Where a state's name sits on the main map when its own middle is too small to hold it:
// [dx, dy] from the middle of its largest part, in map units; a leader line joins them
// when they are more than 24 units apart (src/render/map.rs).
const LABEL_OFFSETS = {
  belarus: [0, 16],
  armenia: [-18, 40],
  georgia: [-40, -26],
  azerbaijan: [20, 44],
  kyrgyzstan: [34, 30],
  tajikistan: [-6, 44],
};

const presimplified = presimplify(topology, sphericalTriangleArea);
const countries = (minWeight) =>
  feature(simplify(presimplified, minWeight), topology.objects.countries).features;

/** Collects a path's rings, rounded to whole units (`precision` decimals). */
function ringsOf(geojson, proj, precision = 0) {
  const rings = [];
  let ring = null;
  const f = 10 ** precision;
  const context = {
    moveTo(x, y) {
      ring = [[Math.round(x * f) / f, Math.round(y * f) / f]];
      rings.push(ring);
    },
    lineTo(x, y) {
      const p = [Math.round(x * f) / f, Math.round(y * f) / f];
      const last = ring[ring.length - 1];
      if (p[0] !== last[0] || p[1] !== last[1]) ring.push(p);
    },
    closePath() {},
    arc() {},
  };
  geoPath(proj, context)(geojson);
  return rings.filter((r) => r.length >= 3 && Math.abs(area(r)) >= 1 / f);
}

function area(ring) {
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % ring.length];
    a += x0 * y1 - x1 * y0;
  }
  return a / 2;
}

const num = (v, precision) => {
  const s = precision ? v.toFixed(precision).replace(/\.?0+$/, "") : String(v);
  return s === "-0" ? "0" : s;
};

/** Compact SVG path data: an absolute move, then relative lines, minus signs as separators. */
function pathData(rings, precision = 0) {
  let d = "";
  for (const r of rings) {
    d += `M${num(r[0][0], precision)} ${num(r[0][1], precision)}l`;
    let parts = [];
    for (let i = 1; i < r.length; i++) {
      const dx = Math.round((r[i][0] - r[i - 1][0]) * 10 ** precision) / 10 ** precision;
      const dy = Math.round((r[i][1] - r[i - 1][1]) * 10 ** precision) / 10 ** precision;
      parts.push(num(dx, precision), num(dy, precision));
    }
    d += parts.join(" ").replace(/ -/g, "-") + "z";
  }
  return d;
}

/** The middle of a feature's largest part, for its label. */
function middle(f, proj) {
  const path = geoPath(proj);
  const polys = f.geometry.type === "MultiPolygon" ? f.geometry.coordinates : [f.geometry.coordinates];
  let best = null;
  let bestArea = -1;
  for (const p of polys) {
    const part = { type: "Polygon", coordinates: p };
    const a = path.area(part);
    if (a > bestArea) [best, bestArea] = [part, a];
  }
  return path.centroid(best).map((v) => Math.round(v));
}

const r1 = (v) => Math.round(v * 1000) / 1000;

/** A view: the projection (about `meridian`) fitted to `target` across `width`. */
function fit(target, width, pad, meridian = CENTRAL_MERIDIAN) {
  const proj = projection(meridian).fitWidth(width - 2 * pad, target);
  const [[, y0], [, y1]] = geoPath(proj).bounds(target);
  const height = Math.ceil(y1 - y0 + 2 * pad);
  proj.fitExtent([[pad, pad], [width - pad, height - pad]], target);
  proj.clipExtent([[0, 0], [width, height]]);
  const [tx, ty] = proj.translate();
  return { proj, width, height, k: proj.scale(), tx, ty, meridian };
}

const numbers = ({ width, height, k, tx, ty, meridian }) => ({
  width,
  height,
  central_meridian: meridian,
  k: r1(k),
  tx: r1(tx),
  ty: r1(ty),
});

const byId = (features) => new Map(features.map((f) => [f.id, f]));
const fullDetail = byId(feature(topology, topology.objects.countries).features);
// The nine states, and points south and west of them so the frame shows some of Turkey,
// Iran, Afghanistan and Poland around them.
const CONTEXT_POINTS = [
  [40, 35.5],
  [62, 34],
  [75, 35],
  [21, 51],
];
const union = {
  type: "FeatureCollection",
  features: [
    ...Object.values(STATES).map((id) => fullDetail.get(id)),
    { type: "Feature", geometry: { type: "MultiPoint", coordinates: CONTEXT_POINTS } },
  ],
};

// The main map.
const main = fit(union, WIDTH, PAD);
const mainFeatures = countries(MAIN_AREA / main.k ** 2);
const stateIds = new Set(Object.values(STATES));
const neighbours = pathData(
  mainFeatures.filter((f) => !stateIds.has(f.id)).flatMap((f) => ringsOf(f, main.proj)),
);
const mainById = byId(mainFeatures);
const states = {};
for (const [slug, id] of Object.entries(STATES)) {
  const f = mainById.get(id);
  const [x, y] = middle(fullDetail.get(id), main.proj);
  const [dx, dy] = LABEL_OFFSETS[slug] ?? [0, 0];
  states[slug] = {
    d: pathData(ringsOf(f, main.proj)),
    middle: [x, y],
    label: [x + dx, y + dy],
  };
}

// The Caucasus and Central Asia enlarged, where six of the states are too small to read on
// the main map: every state inside its frame, the six labelled, about their own meridian.
const DETAIL = ["georgia", "armenia", "azerbaijan", "uzbekistan", "tajikistan", "kyrgyzstan"];
const DETAIL_WIDTH = 600;
const DETAIL_LABEL_OFFSETS = {
  armenia: [-4, 46],
  georgia: [6, -26],
  azerbaijan: [54, 4],
  kyrgyzstan: [8, 10],
  tajikistan: [-4, 8],
};
const detailStatesOnly = {
  type: "FeatureCollection",
  features: DETAIL.map((slug) => fullDetail.get(STATES[slug])),
};
// With room around them: the Black Sea's shore, the Aral Sea, northern Iran and Afghanistan.
const detailTarget = {
  type: "FeatureCollection",
  features: [
    ...detailStatesOnly.features,
    { type: "Feature", geometry: { type: "MultiPoint", coordinates: [[36, 46], [70, 47.5], [66, 34.2]] } },
  ],
};
const detailView = fit(detailTarget, DETAIL_WIDTH, 8, Math.round(geoCentroid(detailStatesOnly)[0]));
const detailFeatures = countries(MAIN_AREA / detailView.k ** 2);
const detailById = byId(detailFeatures);
const detailStates = {};
for (const [slug, id] of Object.entries(STATES)) {
  const d = pathData(ringsOf(detailById.get(id), detailView.proj));
  if (!d) continue;
  const entry = { d };
  if (DETAIL.includes(slug)) {
    const [x, y] = middle(fullDetail.get(id), detailView.proj);
    const [dx, dy] = DETAIL_LABEL_OFFSETS[slug] ?? [0, 0];
    entry.middle = [x, y];
    entry.label = [x + dx, y + dy];
  }
  detailStates[slug] = entry;
}
const detail = {
  ...numbers(detailView),
  neighbours: pathData(
    detailFeatures.filter((f) => !stateIds.has(f.id)).flatMap((f) => ringsOf(f, detailView.proj)),
  ),
  states: detailStates,
};

// Each state's own outline, with what borders it in grey, drawn about its own meridian so
// that it stands upright. Russia's centroid is in Siberia: it keeps the main map's meridian.
const outlines = {};
for (const [slug, id] of Object.entries(STATES)) {
  const target = fullDetail.get(id);
  const meridian = slug === "russia" ? CENTRAL_MERIDIAN : Math.round(geoCentroid(target)[0]);
  const view = fit(target, OUTLINE_WIDTH, OUTLINE_WIDTH * 0.12, meridian);
  const features = countries(OUTLINE_AREA / view.k ** 2);
  const others = features.filter((f) => f.id !== id).flatMap((f) => ringsOf(f, view.proj, 1));
  outlines[slug] = {
    ...numbers(view),
    d: pathData(ringsOf(byId(features).get(id), view.proj, 1), 1),
    context: pathData(others, 1),
  };
}

// Points the build's own projection (src/render/map.rs) must place where d3 does: on the
// main map, and on Armenia's outline (its own meridian).
const checkOutline = fit(fullDetail.get(STATES.armenia), OUTLINE_WIDTH, OUTLINE_WIDTH * 0.12,
  Math.round(geoCentroid(fullDetail.get(STATES.armenia))[0]));
const outlineChecks = [[44.51, 40.18]].map(([lon, lat]) => {
  const [x, y] = checkOutline.proj([lon, lat]);
  return { lon, lat, x: r1(x), y: r1(y) };
});
const checks = [
  [37.62, 55.76],
  [44.51, 40.18],
  [69.24, 41.3],
  [-175, 66],
].map(([lon, lat]) => {
  const [x, y] = main.proj([lon, lat]);
  return { lon, lat, x: r1(x), y: r1(y) };
});

const data = {
  source: `Natural Earth 1:50m Admin 0 countries ${"(version 4.1.0)"}, from npm world-atlas ${atlasPackage.version} (countries-50m.json); public domain`,
  projection: { kind: "conic-equal-area", parallels: PARALLELS },
  main: { ...numbers(main), neighbours, states, checks },
  outline_checks: { armenia: outlineChecks },
  detail,
  outlines,
};
writeFileSync(out, JSON.stringify(data) + "\n");
const size = (s) => Buffer.byteLength(s);
console.log(`wrote ${out.pathname}: ${size(JSON.stringify(data))} bytes`);
console.log(
  `main map ${main.width}x${main.height}: neighbours ${size(neighbours)} bytes, states ${Object.values(states).reduce((n, s) => n + size(s.d), 0)} bytes`,
);
console.log(
  `detail ${detail.width}x${detail.height}: neighbours ${size(detail.neighbours)} bytes, states ${Object.values(detailStates).reduce((n, s) => n + size(s.d), 0)} bytes`,
);
for (const [slug, o] of Object.entries(outlines)) {
  console.log(`outline ${slug} ${o.width}x${o.height}: ${size(o.d)} + context ${size(o.context)} bytes`);
}
