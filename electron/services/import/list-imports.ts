// The import history: what was imported, by whom, when, with what result, and whether undone.
export { listImports, type ImportRecord } from '../../../db/queries/imports.js';
