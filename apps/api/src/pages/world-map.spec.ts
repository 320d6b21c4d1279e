import { stateCatalogue } from '@app/states';
import { mapGeometry, MapGeometry, PlacedState } from './world-map';

const states: PlacedState[] = stateCatalogue().map((s) => ({ code: s.code, region: s.region }));

/** The absolute points of a relative path as world-map.ts writes them ("M x,y l dx,dy … z"). */
function pointsOf(d: string): [number, number][] {
  const points: [number, number][] = [];
  for (const [, command, args] of d.matchAll(/([Mlz])([^Mlz]*)/g)) {
    if (command === 'z') continue;
    const [a, b] = (args.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
    const last = points.at(-1) ?? [0, 0];
    points.push(command === 'M' ? [a, b] : [last[0] + a, last[1] + b]);
  }
  return points;
}

const inFrame = (g: MapGeometry, [lon, lat]: [number, number]) => {
  const [x, y] = g.projection([lon, lat])!;
  return x >= 0 && x <= g.width && y >= 0 && y <= g.height;
};

describe('the region maps are framed on their states, not on their overseas parts', () => {
  const europe = mapGeometry(states, 'europe');
  const places: Record<string, [number, number]> = {
    Reykjavik: [-21.9, 64.1],
    Lisbon: [-9.1, 38.7],
    Valletta: [14.5, 35.9],
    Nicosia: [33.4, 35.2],
    Moscow: [37.6, 55.8],
    Astana: [71.4, 51.2],
    Bishkek: [74.6, 42.9],
  };

  it('holds every capital of Europe, Caucasus and Central Asia in the Europe frame', () => {
    for (const [name, lonLat] of Object.entries(places))
      expect({ name, in: inFrame(europe, lonLat) }).toEqual({ name, in: true });
  });

  it("is not widened by Russia's Asian part: Siberia and the Pacific coast lie outside the Europe frame", () => {
    for (const [name, lonLat] of Object.entries({
      Irkutsk: [104.3, 52.3],
      Yakutsk: [129.7, 62.0],
      Vladivostok: [131.9, 43.1],
      Anadyr: [177.5, 64.7],
    } as Record<string, [number, number]>)) {
      expect({ name, in: inFrame(europe, lonLat) }).toEqual({ name, in: false });
    }
    // Western Europe is drawn at a readable size: Lisbon to Moscow spans a third of the map at least (a fifth, when
    // all of Russia and French Guiana framed it).
    const [lisbon, moscow] = [places.Lisbon, places.Moscow].map((p) => europe.projection(p)![0]);
    expect(moscow - lisbon).toBeGreaterThan(europe.width / 3);
  });

  it('draws France on the Europe map without French Guiana, which is drawn grey on the Americas map', () => {
    const france = europe.shapes.find((s) => s.code === 'FRA')!;
    const lonLats = pointsOf(france.d).map((p) => europe.projection.invert!(p)!);
    expect(lonLats.length).toBeGreaterThan(10);
    expect(lonLats.filter(([, lat]) => lat < 35)).toEqual([]);
    // Corsica stays France's.
    expect(lonLats.some(([lon, lat]) => lon > 8.5 && lat < 43)).toBe(true);

    const americas = mapGeometry(states, 'americas');
    expect(americas.shapes.find((s) => s.code === 'FRA')).toBeUndefined();
    const [gx, gy] = americas.projection([-53, 4])!;
    expect(gx > 0 && gx < americas.width && gy > 0 && gy < americas.height).toBe(true);
  });

  it('keeps the islands near a state with it: Sardinia with Italy, Alaska with the United States', () => {
    const italy = europe.shapes.find((s) => s.code === 'ITA')!;
    const italyPoints = pointsOf(italy.d).map((p) => europe.projection.invert!(p)!);
    expect(italyPoints.some(([lon, lat]) => lon < 10 && lat < 41.5)).toBe(true);
    const americas = mapGeometry(states, 'americas');
    const usa = americas.shapes.find((s) => s.code === 'USA')!;
    const usaPoints = pointsOf(usa.d).map((p) => americas.projection.invert!(p)!);
    expect(usaPoints.some(([, lat]) => lat > 60)).toBe(true);
  });

  it('draws the whole world unchanged: France with French Guiana', () => {
    const world = mapGeometry(states);
    const france = world.shapes.find((s) => s.code === 'FRA')!;
    const lonLats = pointsOf(france.d).map((p) => world.projection.invert!(p)!);
    expect(lonLats.some(([lon, lat]) => lon < -50 && lat < 6)).toBe(true);
  });
});
