// Public entry of the Hybrid DNS Server emulator (see types.ts and the protocol doc).
export { startEmulator } from './EmulatedServer';
export { totp } from './auth';
export { startDemoFleet, demoServerOptions, type DemoFleetOptions } from './demoFleet';
export { generateSelfSignedCert, fingerprint256 } from './tls';
export { pyDumps, pyFloat, isoUtc } from './frames';
export type {
  BanInfo,
  EmulatedForwarder,
  EmulatedServer,
  EmulatedZone,
  EmulatorControl,
  EmulatorLogger,
  EmulatorOptions,
  EmulatorStats,
  EmulatorUser,
  EventPriority,
  MigrationMode,
  StormOptions,
} from './types';
