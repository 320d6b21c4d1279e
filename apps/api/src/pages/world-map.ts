import { geoNaturalEarth1, geoPath, GeoProjection, GeoStream } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Region } from '@app/accounts';
import { escapeHtml } from '@app/platform';
import { atlasFeatures, bulksOf, CENTRE_BY_ALPHA3, PlacedState } from './map-bulk';

export type { PlacedState } from './map-bulk';

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
export interface MapGeometry {
  /** Longitude and latitude to a point of the view (outside it when not in the frame). */
  projection: GeoProjection;
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
 * The outlines for the world (no region) or for one region. On the world map every state is drawn whole and the
 * world fills the frame; a region's map is framed on its states' bulk (bulksOf), draws in colour only their parts
 * in the region, and everything else grey around it. Computed once per view: `states` are fixed reference data.
 */
export function mapGeometry(states: readonly PlacedState[], region?: Region): MapGeometry {
  const key = region ?? 'world';
  const cached = geometries.get(key);
  if (cached) return cached;
  const { byCode, others } = atlasFeatures();
  const codes = states.filter((s) => region === undefined || s.region === region).map((s) => s.code);
  const bulk = region ? bulksOf(states) : undefined;
  const projection = geoNaturalEarth1().rotate([-(region ? REGION_CENTRE[region] : 10), 0]);
  const pointOf = (code: string): Feature[] => {
    const centre = CENTRE_BY_ALPHA3.get(code);
    const point: Geometry = { type: 'Point', coordinates: [centre?.[1] ?? 0, centre?.[0] ?? 0] };
    return centre ? [{ type: 'Feature', properties: {}, geometry: point }] : [];
  };
  const asFeature = (geometry: Geometry): Feature => ({ type: 'Feature', properties: {}, geometry });
  /** What is drawn in colour for a state of the view. */
  const shapeOf = (code: string): Feature | undefined => {
    const b = bulk?.get(code);
    if (b) return asFeature({ type: 'MultiPolygon', coordinates: b.kept });
    return byCode.get(code);
  };
  const inView = codes.flatMap((code): Feature[] => {
    const b = bulk?.get(code);
    if (b) return [asFeature(b.framing)];
    const f = byCode.get(code);
    return f ? [f] : pointOf(code);
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
    const f = shapeOf(code);
    if (f) {
      const d = path(f);
      if (d) shapes.push({ code, d });
      continue;
    }
    const centre = CENTRE_BY_ALPHA3.get(code);
    const xy = centre ? projection([centre[1], centre[0]]) : null;
    if (xy) islands.push({ code, x: Math.round(xy[0] * 10) / 10, y: Math.round(xy[1] * 10) / 10 });
  }
  // Outside a region's view, every other country is context, and so are the overseas parts of the region's
  // states; on the world map, only untracked territories are.
  const context = [
    ...others,
    ...[...byCode].filter(([code]) => !tracked.has(code)).map(([, f]) => f),
    ...codes.flatMap((code) => {
      const dropped = bulk?.get(code)?.dropped ?? [];
      return dropped.length ? [asFeature({ type: 'MultiPolygon', coordinates: dropped })] : [];
    }),
  ];
  const contextPath = context.map((f) => path(f)).join('');
  const geometry = { projection, width, height, shapes, islands, context: contextPath };
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
  const geometry = mapGeometry(options.states, options.region);
  // Each shape links to the state's page, and says its name and stage when pointed at.
  const link = (s: MapState, element: 'path' | 'circle', attributes: string) =>
    `<a href="/states/${s.code}" tabindex="-1"><${element} ${attributes}>` +
    `<title>${escapeHtml(`${s.name}: ${s.label}`)}</title></${element}></a>`;
  const parts: string[] = [
    `<svg class="map" direction="ltr" viewBox="0 0 ${geometry.width} ${geometry.height}" role="img" aria-labelledby="${options.id}-title ${options.id}-desc">`,
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
