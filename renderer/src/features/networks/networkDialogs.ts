/** Which network dialog is open on the Networks page (one at a time). */
export type NetworkDialog =
  | { kind: 'create' }
  | { kind: 'details'; id: string }
  /** `back`: return to the network's details afterwards (opened from there). */
  | { kind: 'connect'; id: string; back?: boolean }
  | { kind: 'remove'; id: string }
  | { kind: 'prune' }
