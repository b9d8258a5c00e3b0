// Hotline 1022 console, the district outlines (data/districts.geojson: Who's On First / Mesoshapes, CC0; see
// data/districts.LICENSE) shared by the zone map and the hospital's page: loaded once per page, and the few sums on
// them. No coordinates travel with a case or a referral, only districts; a district's centre is the best place we have.

/** WOF asks for this line wherever its shapes are shown or used (data/districts.LICENSE): never translated. */
export const ATTRIBUTION = "Data from Who's On First. License: https://whosonfirst.org/docs/licenses/";

const EARTH_KM = 6371.0088; // mean radius
let loading = null; // the one fetch of the file, shared by every caller of the page

/** The FeatureCollection, fetched once per page; a failed fetch is retried on the next call. */
export function loadDistricts() {
  if (!loading) {
    loading = fetch('data/districts.geojson').then((response) => {
      if (!response.ok) {
        throw new Error(`data/districts.geojson: ${response.status}`);
      }
      return response.json();
    }).catch((e) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

/** Twice the signed area and the area-weighted centre sums of one ring (shoelace; lon/lat taken as planar). */
function ringSums(ring) {
  let area2 = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [x0, y0] = ring[j];
    const [x1, y1] = ring[i];
    const cross = x0 * y1 - x1 * y0;
    area2 += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  return { area2, x, y };
}

/**
 * A polygon feature's centre of area as [longitude, latitude], holes taken out; null for no polygon. Planar in degrees:
 * over a district the error is far below the distance's own (centre to centre, not door to door).
 */
export function centroid(feature) {
  const geometry = feature?.geometry;
  const polygons = geometry?.type === 'Polygon' ? [geometry.coordinates]
    : geometry?.type === 'MultiPolygon' ? geometry.coordinates : [];
  let area2 = 0;
  let x = 0;
  let y = 0;
  polygons.forEach((rings) => rings.forEach((ring, index) => {
    const s = ringSums(ring);
    // The exterior adds and a hole subtracts, whatever way the file winds them.
    const sign = (index === 0) === (s.area2 >= 0) ? 1 : -1;
    area2 += sign * s.area2;
    x += sign * s.x;
    y += sign * s.y;
  }));
  if (!area2) {
    return null;
  }
  return [x / (3 * area2), y / (3 * area2)];
}

/** Great-circle distance in km between two [longitude, latitude] points. */
export function haversineKm(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * District code -> its centre, for the districts with a polygon of their own. A district that only lies inside an
 * older, larger polygon (alsoCovers: Bàu Bàng 719, Bắc Tân Uyên 726) gets none: that polygon's centre is not its own.
 */
export function centres(collection) {
  const found = new Map();
  (collection?.features || []).forEach((f) => {
    const centre = centroid(f);
    if (centre && f.properties?.districtCode) {
      found.set(f.properties.districtCode, centre);
    }
  });
  return found;
}

/**
 * How far apart two districts are, by their codes: { kind: 'same' } for one district, { kind: 'km', km } (whole km, at
 * least 1) between two centres, { kind: 'unknown', other } when a code or a centre is missing (other: they differ).
 */
export function districtDistance(centreOf, from, to) {
  if (!from || !to) {
    return { kind: 'unknown', other: false };
  }
  if (from === to) {
    return { kind: 'same' };
  }
  const a = centreOf.get(from);
  const b = centreOf.get(to);
  return a && b ? { kind: 'km', km: Math.max(1, Math.round(haversineKm(a, b))) } : { kind: 'unknown', other: true };
}
