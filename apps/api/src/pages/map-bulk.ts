import { geoArea, geoCentroid, geoDistance } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-countries';
import type { Region } from '@app/accounts';

/**
 * The world atlas's outlines of the tracked states, and each state's bulk on its region's map: which of its parts are
 * drawn there, and which frame the region (see bulksOf).
 */
const ALPHA3_BY_NUMERIC = new Map(countries.filter((c) => c.ccn3).map((c) => [c.ccn3, c.cca3]));
export const CENTRE_BY_ALPHA3 = new Map(countries.map((c) => [c.cca3, c.latlng]));

let features: { byCode: Map<string, Feature<Geometry>>; others: Feature<Geometry>[] } | undefined;

/** Where a state is, for a region's view. */
export interface PlacedState {
  code: string;
  region: Region;
}

/** The countries of world-atlas's 110 m TopoJSON as GeoJSON, keyed by ISO alpha-3 (its ids are ISO numeric). */
export function atlasFeatures() {
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

const DEGREE = Math.PI / 180;
/** A part of a state this close to a part of it already kept is kept too. */
const NEAR = 5 * DEGREE;
/** A state whose main body reaches further than this from its centre (Russia) is too big to frame a region on. */
const SPRAWLING = 30 * DEGREE;
/** The part of a sprawling state that frames its region: what lies this close to the region's other states. */
const FRAMING_REACH = 6 * DEGREE;

export type Polygon = Position[][];
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
export interface Bulk {
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
export function bulksOf(states: readonly PlacedState[]): Map<string, Bulk> {
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
