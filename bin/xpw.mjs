#!/usr/bin/env node
// Runs the TypeScript CLI (electron/cli/xpw.ts) through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/xpw.ts');
