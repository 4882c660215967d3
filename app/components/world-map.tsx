// A choropleth of delivered sessions per country, rendered on the server as
// SVG so it needs no JavaScript: each country is a link to its profile with a
// <title> (shown on hover) giving its figures. With JavaScript, hovering or
// focusing a country also shows its figures beside the map.
import { useState } from "react";
import { formatNumber } from "~/utils/format";

export type MapShape = { numeric: string; d: string | null; marker: [number, number] | null };
export type MapCountry = { code: string; numeric: string; name: string; delivered: number; planned: number; participants: number; shade: number; gap: boolean };

type Props = {
  shapes: MapShape[];
  countries: MapCountry[];
  width: number;
  height: number;
  title: string;
  /** Where a country's shape leads: its profile, with the map's filters. */
  countryHref: (code: string) => string;
};

export function describeCountry(c: MapCountry) {
  const parts = [`${formatNumber(c.delivered)} delivered`, `${formatNumber(c.planned)} planned`, `${formatNumber(c.participants)} trained`];
  if (c.gap) parts.push("has gaps");
  return `${c.name}: ${parts.join(", ")}`;
}

export function WorldMap({ shapes, countries, width, height, title, countryHref }: Props) {
  const [active, setActive] = useState<string | null>(null);
  const byNumeric = new Map(countries.map((c) => [c.numeric, c]));
  const activeCountry = countries.find((c) => c.code === active);
  return (
    <figure className="map-figure">
      <svg className="world-map" viewBox={`0 0 ${width} ${height}`} role="group" aria-labelledby="world-map-title">
        <title id="world-map-title">{title}</title>
        <defs>
          <pattern id="planned-hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="5" stroke="#b45309" strokeWidth="2" />
          </pattern>
        </defs>
        {shapes.map((shape) => {
          const country = byNumeric.get(shape.numeric);
          if (!country) return shape.d ? <path key={shape.numeric} d={shape.d} className="no-data" aria-hidden="true" /> : null;
          const label = describeCountry(country);
          return (
            <a
              key={shape.numeric}
              href={countryHref(country.code)}
              aria-label={label}
              onMouseEnter={() => setActive(country.code)}
              onFocus={() => setActive(country.code)}
            >
              <title>{label}</title>
              {shape.d && <path d={shape.d} className={`fill-${country.shade}`} />}
              {shape.d && country.planned > 0 && <path d={shape.d} className="planned-mark" />}
              {shape.marker && (
                <>
                  <circle cx={shape.marker[0]} cy={shape.marker[1]} r={3.5} className={`fill-${country.shade} island`} />
                  {country.planned > 0 && <circle cx={shape.marker[0]} cy={shape.marker[1]} r={3.5} className="planned-mark" />}
                </>
              )}
            </a>
          );
        })}
      </svg>
      <figcaption className="map-info" aria-live="polite">
        {activeCountry ? describeCountry(activeCountry) : "Hover over or focus a country to see its figures; small states are marked with a circle."}
      </figcaption>
    </figure>
  );
}
