// `node --import <this file> out/main/index.js`: runs the built main process with the stand-in.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
