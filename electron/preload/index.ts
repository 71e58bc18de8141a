// The preload exposes exactly one function to the page: invoke(channel, input) over IPC.
import { contextBridge, ipcRenderer } from 'electron';

const IPC_CHANNEL = 'xpw:invoke';

contextBridge.exposeInMainWorld('xpw', {
  invoke: (channel: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_CHANNEL, channel, input),
});
