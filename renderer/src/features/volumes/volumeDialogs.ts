/** Which volume dialog is open on the Volumes page (one at a time). */
export type VolumeDialog =
  | { kind: 'create' }
  | { kind: 'details'; name: string }
  | { kind: 'remove'; name: string }
  | { kind: 'browse'; name: string }
  | { kind: 'restore'; target?: string }
  | { kind: 'prune' }
