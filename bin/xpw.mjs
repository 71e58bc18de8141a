#!/usr/bin/env node
// xpw: runs the CLI built ahead of time into out/cli/ (see scripts/cli-build.mjs), building it
// first when it is missing or older than its sources — no TypeScript is compiled at start-up.
import { pathToFileURL } from 'node:url';
import { cliEntry } from '../scripts/cli-build.mjs';

let entry;
try {
  entry = await cliEntry();
} catch (e) {
  console.error(`エラー: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
await import(pathToFileURL(entry).href);
