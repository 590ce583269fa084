export * from './ids';
export * from './serverState';
export * from './fleetEvent';
export * from './alert';
export * from './serverConfig';
export * from './metrics';
export * from './eventTypes';
export * from './incident';
