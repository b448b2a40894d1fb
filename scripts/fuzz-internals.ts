// What the fuzz loop needs beyond the public library entry (which exports only what the README
// documents): bundled on the fly from the source by scripts/fuzz.mjs.
export { applyFixes } from '../src/engine/fix.ts';
export { decodeDocument, placeFindings } from '../src/engine/document.ts';
