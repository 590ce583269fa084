/**
 * Preload (sandboxed, context-isolated): exposes window.dnsfleet = { invoke, on } and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';
import { BRIDGE_KEY } from './bridgeTypes';
import { ALLOWED_INVOKE, ALLOWED_PUSH } from './channels';

contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge(ipcRenderer, { invoke: ALLOWED_INVOKE, push: ALLOWED_PUSH }));
