/** A search or filter the event log cannot answer, told to the operator in words. */
export class EventQueryError extends Error {
  /** Maps to the IPC `invalid-request` error code in dispatch. */
  readonly code = 'invalid-request';
}
