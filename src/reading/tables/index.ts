/** The three tables, read from the token sequence (see TABLES.md for the forms they arrive in). */
export { readT2 } from './t2.ts';
export { readT3 } from './t3.ts';
export { readT4 } from './t4.ts';

/** Token index ranges [start, end) of each table, or null when not found. */
export interface Regions {
  t2: [number, number] | null;
  t3: [number, number] | null;
  t4: [number, number] | null;
}
