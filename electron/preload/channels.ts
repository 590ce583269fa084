/**
 * The preload's allow-list of contract channels. It is spelled out instead of imported from
 * shared/ipc/contract.ts at run time because the contract pulls in zod, and a sandboxed preload
 * can require nothing but 'electron'. Drift is impossible: the type checks below fail the build
 * when a channel is added to or removed from the contract, and a unit test compares the lists.
 */
import type { InvokeChannel, PushChannel } from '../../shared/ipc/contract';

type Exactly<All extends string, Listed extends readonly string[]> = [Exclude<All, Listed[number]>] extends [never]
  ? [Exclude<Listed[number], All>] extends [never]
    ? Listed
    : never
  : never;

const invoke = [
  'fleet:getSnapshot',
  'fleet:startDemo',
  'fleet:exportConfig',
  'fleet:previewImport',
  'fleet:importConfig',
  'servers:list',
  'servers:save',
  'servers:remove',
  'servers:setEnabled',
  'servers:test',
  'servers:submitTotp',
  'servers:setPassword',
  'servers:trustCertificate',
  'servers:reconnect',
  'events:query',
  'events:facets',
  'events:histogram',
  'events:export',
  'events:revealExport',
  'alerts:list',
  'alerts:acknowledge',
  'alerts:snooze',
  'alerts:unsnooze',
  'alerts:setMaintenance',
  'alerts:previewPolicy',
  'maintenance:list',
  'maintenance:schedule',
  'maintenance:remove',
  'settings:getPolicy',
  'settings:setPolicy',
  'metrics:get',
  'probes:get',
  'app:getHealth',
  'fleet:getTotals',
  'app:writeDiagnostics',
  'analytics:get',
  'analytics:baselines',
  'inspector:watch',
  'inspector:unwatch',
  'inspector:getSnapshot',
  'inspector:resubscribe',
  'metrics:history',
  'metrics:annotations',
  'metrics:forwarderHistory',
  'metrics:fleetHistory',
  'fleet:forwarderMatrix',
  'forwarding:get',
  'forwarding:set',
  'forwarding:setSecret',
  'forwarding:sendTest',
  'forwarding:deliveries',
  'settings:getMonitoring',
  'settings:setMonitoring',
] as const;

const push = [
  'fleet:onDidChangeServer',
  'fleet:onDidRemoveServer',
  'fleet:onDidChangeVerdict',
  'events:onDidAppend',
  'events:onDidExportProgress',
  'alerts:onDidChange',
  'alerts:onDidRaise',
  'alerts:onDidNotify',
  'settings:onDidChangePolicy',
  'alerts:onDidChangeMaintenance',
  'metrics:onDidAppend',
  'probes:onDidComplete',
  'app:onDidChangeHealth',
  'inspector:onDidChange',
  'inspector:onDidReceiveFrames',
  'forwarding:onDidChangeDelivery',
  'settings:onDidChangeMonitoring',
] as const;

export const ALLOWED_INVOKE: Exactly<InvokeChannel, typeof invoke> = invoke;
export const ALLOWED_PUSH: Exactly<PushChannel, typeof push> = push;
