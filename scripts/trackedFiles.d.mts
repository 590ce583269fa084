// Types for trackedFiles.mjs.
export function trackedChanges(cwd?: string): Map<string, string> | null;
export function writtenBetween(before: Map<string, string>, after: Map<string, string>): string[];
