// One-off build of the offline partner world map.
//
// Writes (paths relative to the repository root):
//   static/partners/world-map.svg         static world map, one <path> per country
//   partners/data/country_points.json     {"ISO2": [x, y]} pin positions, same 1000x500 space
//
// Rebuild: cd scripts/map && npm ci && node build_map.mjs
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { geoContains, geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const SVG_OUT = join(root, "static", "partners", "world-map.svg");
const POINTS_OUT = join(root, "partners", "data", "country_points.json");

const WIDTH = 1000;
const HEIGHT = 500;
const OCEAN_FILL = "#f4f7fb";
const OCEAN_STROKE = "#d9e1ea";
const LAND_FILL = "#e4dde3";
const LAND_STROKE = "#ffffff";
const ANTARCTICA = "010"; // ISO 3166-1 numeric

const readJson = (rel) => JSON.parse(readFileSync(join(here, "node_modules", rel), "utf8"));
const topology = readJson("world-atlas/countries-110m.json");
const countries = readJson("world-countries/countries.json");

const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: "Sphere" });
const path = geoPath(projection).digits(1);
const round1 = (v) => Math.round(v * 10) / 10;

// d3 writes absolute "M x,y L x,y ... Z" commands. Re-encode each ring as one
// absolute moveto followed by relative linetos ("l dx dy ...") on the same
// 0.1 grid: deltas are taken between already-rounded points, so no error
// accumulates, and zero-length segments left by the rounding are dropped.
// This cuts the file by about a third (pure M/L/Z input is all d3 gives for
// polygons; anything else is a bug here).
const fmt = (tenths) => {
  const sign = tenths < 0 ? "-" : "";
  const a = Math.abs(tenths);
  const int = Math.floor(a / 10);
  const frac = a % 10;
  if (frac === 0) return sign + int;
  return sign + (int === 0 ? "" : int) + "." + frac;
};
const joinNums = (nums) => nums.reduce((s, n, i) => s + (i && !n.startsWith("-") ? " " : "") + n, "");
function compactPath(d) {
  const tokens = d.match(/[MLZ]|-?\d*\.?\d+(?:e[-+]?\d+)?/gi);
  if (tokens.join("").length !== d.replace(/,/g, "").length || /[^MLZ\d.,\-e+]/i.test(d)) {
    throw new Error(`unexpected path syntax: ${d.slice(0, 80)}`);
  }
  let out = "";
  let px = 0;
  let py = 0;
  let deltas = [];
  const flush = () => {
    if (deltas.length) out += "l" + joinNums(deltas);
    deltas = [];
  };
  for (let i = 0; i < tokens.length; ) {
    const cmd = tokens[i++];
    if (cmd === "Z" || cmd === "z") {
      flush();
      out += "z";
      continue;
    }
    const x = Math.round(+tokens[i++] * 10);
    const y = Math.round(+tokens[i++] * 10);
    if (cmd === "M") {
      flush();
      out += "M" + joinNums([fmt(x), fmt(y)]);
    } else if (cmd === "L") {
      if (x !== px || y !== py) deltas.push(fmt(x - px), fmt(y - py));
    } else {
      throw new Error(`unexpected path command ${cmd}`);
    }
    px = x;
    py = y;
  }
  flush();
  return out;
}

// ISO numeric (zero-padded string, e.g. "004") -> country record.
const byNumeric = new Map(countries.filter((c) => c.ccn3).map((c) => [c.ccn3, c]));

const features = feature(topology, topology.objects.countries).features.filter(
  (f) => f.id !== ANTARCTICA,
);

// --- SVG -------------------------------------------------------------------
const lines = [
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-hidden="true">`,
  `<path d="${compactPath(path({ type: "Sphere" }))}" fill="${OCEAN_FILL}" stroke="${OCEAN_STROKE}" stroke-width="0.5"/>`,
  `<g fill="${LAND_FILL}" stroke="${LAND_STROKE}" stroke-width="0.5" stroke-linejoin="round">`,
];
const unmatched = [];
for (const f of features) {
  const d = path(f);
  if (!d) continue;
  const country = f.id ? byNumeric.get(f.id) : undefined;
  if (!country) unmatched.push(f.properties.name);
  const id = country ? ` id="${country.cca2.toLowerCase()}"` : "";
  lines.push(`<path${id} d="${compactPath(d)}"/>`);
}
lines.push("</g>", "</svg>", "");
mkdirSync(dirname(SVG_OUT), { recursive: true });
writeFileSync(SVG_OUT, lines.join("\n"));

// --- Pin positions -----------------------------------------------------------
// world-countries' latlng is [lat, lng]; d3 projections take [lng, lat].
const featureByCca2 = new Map();
for (const f of features) {
  const c = f.id && byNumeric.get(f.id);
  if (c) featureByCca2.set(c.cca2, f);
}
const points = {};
const outside = [];
for (const c of [...countries].sort((a, b) => a.cca2.localeCompare(b.cca2))) {
  if (!Array.isArray(c.latlng) || c.latlng.length !== 2) continue;
  const [lat, lng] = c.latlng;
  const xy = projection([lng, lat]);
  if (!xy) continue;
  points[c.cca2.toUpperCase()] = [round1(xy[0]), round1(xy[1])];
  const f = featureByCca2.get(c.cca2);
  if (f && !geoContains(f, [lng, lat])) outside.push(c.cca2);
}
mkdirSync(dirname(POINTS_OUT), { recursive: true });
writeFileSync(POINTS_OUT, JSON.stringify(points) + "\n");

const drawn = features.length;
console.log(`${relative(root, SVG_OUT)}: ${drawn} country paths (${drawn - unmatched.length} with id; no id: ${unmatched.join(", ") || "none"})`);
console.log(`${relative(root, POINTS_OUT)}: ${Object.keys(points).length} points (${Object.keys(points).length - featureByCca2.size} not drawn at 110m)`);
if (outside.length) console.log(`points outside their own 110m shape: ${outside.join(", ")}`);
