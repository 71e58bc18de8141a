// Builds the prebuilt CLI (out/cli) once before the test files that spawn `xpw` run in parallel,
// instead of letting the first few of them build it at the same time.
// @ts-expect-error — a plain .mjs script without types
import { cliEntry } from '../scripts/cli-build.mjs';

export default async function setup(): Promise<void> {
  await cliEntry();
}
