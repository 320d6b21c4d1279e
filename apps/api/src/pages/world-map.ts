import { geoArea, geoCentroid, geoDistance, geoNaturalEarth1, geoPath, GeoProjection, GeoStream } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
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

const ALPHA3_BY_NUMERIC = new Map(countries.filter((c) => c.ccn3).map((c) => [c.ccn3, c.cca3]));
const CENTRE_BY_ALPHA3 = new Map(countries.map((c) => [c.cca3, c.latlng]));

let features: { byCode: Map<string, Feature<Geometry>>; others: Feature<Geometry>[] } | undefined;

/** Where a state is, for a region's view. */
export interface PlacedState {
  code: string;
  region: Region;
}

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

const DEGREE = Math.PI / 180;
/** A part of a state this close to a part of it already kept is kept too. */
const NEAR = 5 * DEGREE;
/** A state whose main body reaches further than this from its centre (Russia) is too big to frame a region on. */
const SPRAWLING = 30 * DEGREE;
/** The part of a sprawling state that frames its region: what lies this close to the region's other states. */
const FRAMING_REACH = 6 * DEGREE;

type Polygon = Position[][];
type LonLat = [number, number];
const lonLat = (p: Position): LonLat => [p[0], p[1]];

/** What other parts are measured against: its vertices, and a circle around them to skip it quickly. */
interface Body {
  code: string;
  points: LonLat[];
  centre: LonLat;
  radius: number;
}

function bodyOf(code: string, positions: Position[]): Body {
  const points = positions.map(lonLat);
  const centre = geoCentroid({ type: 'MultiPoint', coordinates: points });
  return { code, points, centre, radius: Math.max(0, ...points.map((p) => geoDistance(p, centre))) };
}

/** The shortest distance (radians) from `point` to the bodies, or Infinity; nearest body too. */
function nearest(point: LonLat, bodies: readonly Body[]): { body: Body | null; distance: number } {
  let best: Body | null = null;
  let distance = Infinity;
  for (const body of bodies) {
    if (geoDistance(point, body.centre) - body.radius >= distance) continue;
    for (const p of body.points) {
      const d = geoDistance(point, p);
      if (d < distance) {
        distance = d;
        best = body;
      }
    }
  }
  return { body: best, distance };
}

const polygonsOf = (g: Geometry): Polygon[] =>
  g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];

/** How each tracked state is drawn on its region's map: the parts in that region, and what frames it. */
interface Bulk {
  /** Its parts in its own region: the main body, what lies near it, and what is nearer its region than another. */
  kept: Polygon[];
  /** Overseas parts nearer another region (France's Guiana on the Europe map): drawn grey there, not framed. */
  dropped: Polygon[];
  /** What the region's frame must hold of it: its main body and the parts near it, or for a sprawling state, the
   * part of it near the region's other states. */
  framing: Geometry;
}

let bulks: Map<string, Bulk> | undefined;

const centreOf = (p: Polygon): LonLat => geoCentroid({ type: 'Polygon', coordinates: p });

/** `seed` and every part of `candidates` that lies within NEAR of them, step by step (island to island). */
function joinNear(seed: Polygon[], candidates: Polygon[]): Polygon[] {
  const joined = [...seed];
  let rest = candidates.filter((p) => !joined.includes(p));
  for (let grew = true; grew && rest.length > 0;) {
    const near = bodyOf(
      '',
      joined.flatMap((p) => p[0]),
    );
    const joining = rest.filter((p) => nearest(centreOf(p), [near]).distance <= NEAR);
    grew = joining.length > 0;
    joined.push(...joining);
    rest = rest.filter((p) => !joining.includes(p));
  }
  return joined;
}

/**
 * Each state's bulk. A state's main body is its largest polygon; another part of it is drawn on its region's map
 * when the nearest main body of any state is in that region, or when it lies near a part drawn (so French Guiana
 * is grey on the Europe map; Corsica and Sardinia are France's and Italy's). The region is framed on its states'
 * main bodies and what lies near them, and a sprawling state only on what lies near its region's other states,
 * so that the Europe map is not framed on Russia's Pacific coast, nor on Svalbard.
 */
function bulksOf(states: readonly PlacedState[]): Map<string, Bulk> {
  if (bulks) return bulks;
  const { byCode } = atlasFeatures();
  const regionOf = new Map(states.map((s) => [s.code, s.region]));
  const mains = new Map<string, Polygon>();
  const bodies: Body[] = [];
  for (const { code } of states) {
    const f = byCode.get(code);
    if (!f) {
      const centre = CENTRE_BY_ALPHA3.get(code);
      if (centre) bodies.push(bodyOf(code, [[centre[1], centre[0]]]));
      continue;
    }
    const polygons = polygonsOf(f.geometry);
    if (polygons.length === 0) continue;
    const area = (p: Polygon) => geoArea({ type: 'Polygon', coordinates: p });
    const main = polygons.reduce((a, b) => (area(b) > area(a) ? b : a));
    mains.set(code, main);
    bodies.push(bodyOf(code, main[0]));
  }
  bulks = new Map();
  for (const [code, main] of mains) {
    const region = regionOf.get(code)!;
    const others = polygonsOf(byCode.get(code)!.geometry).filter((p) => p !== main);
    const inRegion = (p: Polygon) => {
      const { body } = nearest(centreOf(p), bodies);
      return !body || regionOf.get(body.code) === region;
    };
    // Drawn: the parts in the state's region (whose nearest main body is a state of that region), and those near
    // a part drawn (Sardinia, nearer Tunisia than Rome; Alaska's islands, nearer Russia than Canada).
    const kept = joinNear([main, ...others.filter(inRegion)], others);
    const dropped = others.filter((p) => !kept.includes(p));
    // Framing: the main body and what lies near it (Corsica, not Svalbard nor Alaska); of a sprawling state, only
    // what lies near its region's other states (Russia west of the Urals and along Kazakhstan, not Siberia).
    let framing: Geometry = { type: 'MultiPolygon', coordinates: joinNear([main], others) };
    if (bodies.find((b) => b.code === code)!.radius > SPRAWLING) {
      const neighbours = bodies.filter((b) => b.code !== code && regionOf.get(b.code) === region);
      const points = kept.flatMap((p) => p[0]).filter((p) => nearest(lonLat(p), neighbours).distance <= FRAMING_REACH);
      framing = { type: 'MultiPoint', coordinates: points };
    }
    bulks.set(code, { kept, dropped, framing });
  }
  return bulks;
}

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
