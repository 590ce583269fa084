/**
 * The protocol reference's test vectors (hybrid-dns-server.md §9), as exact frames. A copy lives in
 * tests/fixtures/protocol so the suite runs from any checkout; refresh it when the reference changes.
 */
import { readFileSync } from 'node:fs';

export interface Vector {
  name: string;
  stack: string;
  about: string;
  frame: string;
}

export const VECTORS: Vector[] = (
  JSON.parse(readFileSync(new URL('../fixtures/protocol/vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }
).vectors;
