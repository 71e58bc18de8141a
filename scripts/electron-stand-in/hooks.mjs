// Module resolution hook: `electron` resolves to the stand-in (electron.mjs) instead of the npm
// package, whose index.js only names the path of a binary that cannot be downloaded here.
const standIn = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: standIn, shortCircuit: true };
  return next(specifier, context);
}
