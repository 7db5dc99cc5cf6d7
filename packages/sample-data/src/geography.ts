/** Where customers live: UK cities with their regions, weighted roughly by population. */
import { cumulative } from './random.js';

/** A city and its region. */
export interface Place {
  readonly city: string;
  readonly region: string;
}

const PLACES: readonly (readonly [string, string, number])[] = [
  ['London', 'Greater London', 20],
  ['Birmingham', 'West Midlands', 7],
  ['Manchester', 'North West', 6],
  ['Leeds', 'Yorkshire and the Humber', 5],
  ['Glasgow', 'Scotland', 5],
  ['Liverpool', 'North West', 4],
  ['Bristol', 'South West', 4],
  ['Sheffield', 'Yorkshire and the Humber', 4],
  ['Edinburgh', 'Scotland', 4],
  ['Cardiff', 'Wales', 3],
  ['Leicester', 'East Midlands', 3],
  ['Nottingham', 'East Midlands', 3],
  ['Newcastle upon Tyne', 'North East', 3],
  ['Belfast', 'Northern Ireland', 3],
  ['Brighton', 'South East', 3],
  ['Southampton', 'South East', 2],
  ['Reading', 'South East', 2],
  ['Oxford', 'South East', 2],
  ['Cambridge', 'East of England', 2],
  ['Norwich', 'East of England', 2],
  ['Coventry', 'West Midlands', 2],
  ['Plymouth', 'South West', 2],
  ['York', 'Yorkshire and the Humber', 1.5],
  ['Aberdeen', 'Scotland', 1.5],
  ['Swansea', 'Wales', 1.5],
  ['Exeter', 'South West', 1.2],
  ['Derby', 'East Midlands', 1.2],
  ['Hull', 'Yorkshire and the Humber', 1.2],
  ['Sunderland', 'North East', 1],
  ['Milton Keynes', 'South East', 1],
];

/** The places customers live in. */
export const PLACE_LIST: readonly Place[] = PLACES.map(([city, region]) => ({ city, region }));

/** Cumulative weights of `PLACE_LIST`. */
export const PLACE_CUMULATIVE: Float64Array = cumulative(PLACES.map((p) => p[2]));
