// Country shapes for the server-rendered world map, projected once per process
// from world-atlas (Natural Earth) with d3-geo. Countries too small to see at
// this scale, or missing from the 1:110m shapes (many small island states),
// get a marker at their centroid taken from the 1:50m shapes, so every country
// stays findable and focusable.
import { geoCentroid, geoEqualEarth, geoPath, type GeoPermissibleObjects } from "d3-geo";
import { type Feature, type Geometry } from "geojson";
import { feature } from "topojson-client";
import { type GeometryCollection, type Topology } from "topojson-specification";
import countries110 from "world-atlas/countries-110m.json" with { type: "json" };
import countries50 from "world-atlas/countries-50m.json" with { type: "json" };

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;
const MIN_VISIBLE_AREA = 12; // square pixels

export type CountryShape = { numeric: string; d: string | null; marker: [number, number] | null };

let shapes: CountryShape[] | undefined;

function features(topology: unknown): Feature<Geometry, { name: string }>[] {
  const t = topology as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  return feature(t, t.objects.countries).features as Feature<Geometry, { name: string }>[];
}

export function worldShapes(): CountryShape[] {
  if (shapes) return shapes;
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    { type: "Sphere" } as GeoPermissibleObjects,
  );
  const path = geoPath(projection).digits(1);
  const result = new Map<string, CountryShape>();
  for (const f of features(countries110)) {
    if (!f.id) continue;
    const numeric = String(f.id).padStart(3, "0");
    const small = path.area(f) < MIN_VISIBLE_AREA;
    result.set(numeric, { numeric, d: path(f), marker: small ? round(projection(geoCentroid(f))) : null });
  }
  for (const f of features(countries50)) {
    if (!f.id) continue;
    const numeric = String(f.id).padStart(3, "0");
    if (result.has(numeric)) continue;
    result.set(numeric, { numeric, d: null, marker: round(projection(geoCentroid(f))) });
  }
  shapes = [...result.values()];
  return shapes;
}

function round(point: [number, number] | null): [number, number] | null {
  return point ? [Math.round(point[0] * 10) / 10, Math.round(point[1] * 10) / 10] : null;
}
