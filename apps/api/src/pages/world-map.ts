import { geoNaturalEarth1, geoPath, GeoProjection, GeoStream } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-countries';
import type { Region } from '@app/accounts';
import { escapeHtml } from '@app/platform';

/** A state as the map colours it. */
export interface MapState {
  code: string;
  name: string;
  region: Region;
  /** CSS class of its fill, e.g. "stage-party". */
  className: string;
  /** Said when pointed at, after the name. */
  label: string;
}

interface Shape {
  code: string;
  d: string;
}

interface Island {
  code: string;
  x: number;
  y: number;
}

/** The drawn outlines of one view, computed once per process: only the colours change with the data. */
interface MapGeometry {
  width: number;
  height: number;
  shapes: Shape[];
  /** States too small for the 110 m outlines (Nauru, Malta, …), drawn as dots at their centre. */
  islands: Island[];
  /** What is drawn without colour, as one grey path: territories the tracker does not follow (Greenland,
   * Western Sahara, …) and, on a region's map, the countries around it. */
  context: string;
}

const WIDTH = 960;
const REGION_HEIGHT = 540;

/** Where each region's map looks: the longitude at its centre, so that no region is cut at the antimeridian. */
const REGION_CENTRE: Record<Region, number> = {
  africa: 15,
  americas: -80,
  'asia-pacific': 135,
  europe: 40,
  mena: 35,
};

const ALPHA3_BY_NUMERIC = new Map(countries.filter((c) => c.ccn3).map((c) => [c.ccn3, c.cca3]));
const CENTRE_BY_ALPHA3 = new Map(countries.map((c) => [c.cca3, c.latlng]));

let features: { byCode: Map<string, Feature<Geometry>>; others: Feature<Geometry>[] } | undefined;

/** The countries of world-atlas's 110 m TopoJSON as GeoJSON, keyed by ISO alpha-3 (its ids are ISO numeric). */
function atlasFeatures() {
  if (features) return features;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const topology = require('world-atlas/countries-110m.json') as Topology<{ countries: GeometryCollection }>;
  const all = (feature(topology, topology.objects.countries) as FeatureCollection<Geometry>).features;
  const byCode = new Map<string, Feature<Geometry>>();
  const others: Feature<Geometry>[] = [];
  for (const f of all) {
    const code = f.id === undefined ? undefined : ALPHA3_BY_NUMERIC.get(String(f.id));
    if (code === 'ATA') continue; // Antarctica: no state, and half the map's height
    if (code) byCode.set(code, f);
    else others.push(f);
  }
  features = { byCode, others };
  return features;
}

const geometries = new Map<string, MapGeometry>();

/** d3's absolute "M x,y L x,y … Z" path in relative steps ("m x,y l dx,dy … z"): a third shorter. */
function relative(d: string): string {
  let out = '';
  let x = 0;
  let y = 0;
  for (const [, command, args] of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
    if (command === 'Z') {
      out += 'z';
      continue;
    }
    const [nx, ny] = args.split(',').map(Number);
    out += command === 'M' ? `M${nx},${ny}` : `l${nx - x}${ny - y < 0 ? '' : ','}${ny - y}`;
    x = nx;
    y = ny;
  }
  return out;
}

/**
 * The projection, then a filter that leaves out each point closer than `pixels` to the last one kept (the
 * ends of every line are kept): detail finer than a pixel only makes the page heavier.
 */
function dropCloserThan(projection: GeoProjection, pixels: number): { stream(s: GeoStream): GeoStream } {
  const min2 = pixels * pixels;
  return {
    stream(output: GeoStream): GeoStream {
      let last: [number, number] | null = null;
      let pending: [number, number] | null = null;
      const filter: GeoStream = {
        point(x, y) {
          if (last && (x - last[0]) ** 2 + (y - last[1]) ** 2 < min2) {
            pending = [x, y];
            return;
          }
          output.point(x, y);
          last = [x, y];
          pending = null;
        },
        lineStart() {
          last = null;
          pending = null;
          output.lineStart();
        },
        lineEnd() {
          if (pending) output.point(pending[0], pending[1]);
          output.lineEnd();
        },
        polygonStart: () => output.polygonStart(),
        polygonEnd: () => output.polygonEnd(),
        sphere: () => output.sphere?.(),
      };
      return projection.stream(filter);
    },
  };
}

/**
 * The outlines for the world (no region) or for one region, fitted to the view's states. `codes` are the
 * tracked states in view (fixed reference data, so the view's key is enough to keep it by); any other country
 * is drawn grey, without a link.
 */
function geometryFor(codes: readonly string[], region?: Region): MapGeometry {
  const key = region ?? 'world';
  const cached = geometries.get(key);
  if (cached) return cached;
  const { byCode, others } = atlasFeatures();
  const projection = geoNaturalEarth1().rotate([-(region ? REGION_CENTRE[region] : 10), 0]);
  const inView = codes.flatMap((code): Feature[] => {
    const f = byCode.get(code);
    if (f) return [f];
    const centre = CENTRE_BY_ALPHA3.get(code);
    const point: Geometry = { type: 'Point', coordinates: [centre?.[1] ?? 0, centre?.[0] ?? 0] };
    return centre ? [{ type: 'Feature', properties: {}, geometry: point }] : [];
  });
  const fitted: FeatureCollection = { type: 'FeatureCollection', features: inView };
  const width = WIDTH;
  let height: number;
  if (region) {
    // A region is fitted into a fixed frame, centred, with its neighbours around it for context.
    height = REGION_HEIGHT;
    projection.fitExtent(
      [
        [16, 16],
        [width - 16, height - 16],
      ],
      fitted,
    );
  } else {
    // The world fills the width, and is as tall as the projection makes it.
    projection.fitWidth(width - 8, fitted);
    const [[, top], [, bottom]] = geoPath(projection).bounds(fitted);
    height = Math.ceil(bottom - top + 8);
    const [tx, ty] = projection.translate();
    projection.translate([tx + 4, ty - top + 4]);
  }
  // Whatever lies outside the view (the rest of the world around a region) is cut off rather than sent.
  projection.clipExtent([
    [0, 0],
    [width, height],
  ]);
  const project = geoPath(dropCloserThan(projection, 1.2)).digits(0);
  const path = (f: Feature) => relative(project(f) ?? '');

  const tracked = new Set(codes);
  const shapes: Shape[] = [];
  const islands: Island[] = [];
  for (const code of codes) {
    const f = byCode.get(code);
    if (f) {
      const d = path(f);
      if (d) shapes.push({ code, d });
      continue;
    }
    const centre = CENTRE_BY_ALPHA3.get(code);
    const xy = centre ? projection([centre[1], centre[0]]) : null;
    if (xy) islands.push({ code, x: Math.round(xy[0] * 10) / 10, y: Math.round(xy[1] * 10) / 10 });
  }
  // Outside a region's view, every other country is context; on the world map, only untracked territories are.
  const context = [...others, ...[...byCode].filter(([code]) => !tracked.has(code)).map(([, f]) => f)];
  const contextPath = context.map((f) => path(f)).join('');
  const geometry = { width, height, shapes, islands, context: contextPath };
  geometries.set(key, geometry);
  return geometry;
}

/**
 * The map as an SVG element: each state filled by the class its MapState gives, a link to its page and a
 * tooltip. The map is a picture for sighted readers; the figures it shows are in the tables beside it, so
 * its shapes are hidden from assistive technology and out of the tab order.
 */
export function renderMap(options: {
  states: readonly MapState[];
  /** The states drawn in colour: all of `states` when omitted. */
  region?: Region;
  title: string;
  description: string;
  id: string;
}): string {
  const inView = options.region ? options.states.filter((s) => s.region === options.region) : options.states;
  const byCode = new Map(inView.map((s) => [s.code, s]));
  const geometry = geometryFor(
    inView.map((s) => s.code),
    options.region,
  );
  // Each shape links to the state's page, and says its name and stage when pointed at.
  const link = (s: MapState, element: 'path' | 'circle', attributes: string) =>
    `<a href="/states/${s.code}" tabindex="-1"><${element} ${attributes}>` +
    `<title>${escapeHtml(`${s.name}: ${s.label}`)}</title></${element}></a>`;
  const parts: string[] = [
    `<svg class="map" viewBox="0 0 ${geometry.width} ${geometry.height}" role="img" aria-labelledby="${options.id}-title ${options.id}-desc">`,
    `<title id="${options.id}-title">${escapeHtml(options.title)}</title>`,
    `<desc id="${options.id}-desc">${escapeHtml(options.description)}</desc>`,
    '<g aria-hidden="true">',
    `<path class="map-context" d="${geometry.context}"/>`,
  ];
  for (const shape of geometry.shapes) {
    const s = byCode.get(shape.code);
    if (s) parts.push(link(s, 'path', `class="${s.className}" d="${shape.d}"`));
  }
  for (const island of geometry.islands) {
    const s = byCode.get(island.code);
    if (s) parts.push(link(s, 'circle', `class="island ${s.className}" cx="${island.x}" cy="${island.y}" r="3.5"`));
  }
  parts.push('</g></svg>');
  return parts.join('');
}
