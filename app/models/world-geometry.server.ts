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

// Territories with no shape of their own in the 1:50m data (some are drawn
// as part of another country there): approximate [longitude, latitude], by
// ISO 3166-1 numeric code, so they still get a marker.
const MARKER_ONLY: Record<string, [number, number]> = {
  "074": [3.4, -54.4], // Bouvet Island
  "162": [105.7, -10.5], // Christmas Island
  "166": [96.8, -12.2], // Cocos (Keeling) Islands
  "175": [45.15, -12.8], // Mayotte
  "254": [-53.1, 3.9], // French Guiana
  "292": [-5.35, 36.14], // Gibraltar
  "312": [-61.55, 16.25], // Guadeloupe
  "474": [-61.0, 14.65], // Martinique
  "535": [-68.26, 12.18], // Bonaire, Sint Eustatius and Saba
  "581": [166.6, 19.3], // US Minor Outlying Islands (Wake Island)
  "638": [55.5, -21.1], // Réunion
  "744": [16.0, 78.5], // Svalbard and Jan Mayen
  "772": [-171.85, -9.2], // Tokelau
  "798": [179.2, -8.5], // Tuvalu
};

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
  for (const [numeric, lonLat] of Object.entries(MARKER_ONLY)) {
    if (!result.has(numeric)) result.set(numeric, { numeric, d: null, marker: round(projection(lonLat)) });
  }
  shapes = [...result.values()];
  return shapes;
}

function round(point: [number, number] | null): [number, number] | null {
  return point ? [Math.round(point[0] * 10) / 10, Math.round(point[1] * 10) / 10] : null;
}
