// The app window's web preferences that keep the page isolated and without Node, as both window
// tests expect them (the options as a function, and what the built main process really passes).
// Spelt out here, not imported from electron/main/window-options.ts: a change there must fail.
export const LOCKED_DOWN_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
} as const;
