// Stand-in for the `electron` module under plain Node (vitest alias). Tests of the
// Electron adapters inject their own fakes; this only keeps imports from failing.
export const app = { getPath: (_name: string): string => process.cwd(), getVersion: (): string => '0.0.0-test' };
export default { app };
