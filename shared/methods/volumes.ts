/**
 * volumes.*: list (sizes apart: measuring them is the engine's slowest read), create, inspect,
 * remove, prune in two steps (preview, then exactly those), browse read-only through a
 * short-lived helper container (a session stream; listDir and download use it), back up to a
 * tar (a download stream) and restore one (a finished upload, see uploads.*).
 */
import { z } from 'zod'
import { TransferEvent, TransferId } from '../files-models'
import { LabelFilter } from '../snapshots-models'
import {
  BrowseEvent,
  BrowseSessionId,
  CreateVolumeInput,
  RestoreInput,
  RestoreResult,
  VolumeDetails,
  VolumeDrivers,
  VolumeListing,
  VolumePath,
  VolumePrunePreview,
  VolumePruneResult,
  VolumePruneScope,
  VolumeRef,
  VolumeRow,
  VolumeSizes
} from '../volumes-models'
import { call, Done, None, stream } from '../spec'

const ByName = z.object({ name: VolumeRef }).strict()

export const volumeMethods = {
  'volumes.list': call(None, z.array(VolumeRow)),
  'volumes.sizes': call(None, VolumeSizes),
  'volumes.drivers': call(None, VolumeDrivers),
  'volumes.create': call(CreateVolumeInput, VolumeRow),
  'volumes.inspect': call(ByName, VolumeDetails),
  'volumes.remove': call(ByName, Done),
  'volumes.prunePreview': call(z.object({ scope: VolumePruneScope, label: LabelFilter.optional() }).strict(), VolumePrunePreview),
  'volumes.prune': call(
    z.object({ names: z.array(VolumeRef).min(1, 'nothing to remove').max(5000, 'at most 5000 volumes at once') }).strict(),
    VolumePruneResult
  ),
  /** Runs a read-only helper for the volume until cancelled; the helper is removed however it ends. */
  'volumes.browse': stream(ByName, BrowseEvent),
  'volumes.listDir': call(z.object({ sessionId: BrowseSessionId, path: VolumePath }).strict(), VolumeListing),
  /** A file as its raw bytes, a folder as a tar of it. */
  'volumes.download': stream(z.object({ sessionId: BrowseSessionId, path: VolumePath, transferId: TransferId }).strict(), TransferEvent),
  /** The whole volume as a tar whose entries are relative to its root (./...), like `tar -C VOLUME -c .`. */
  'volumes.backup': stream(z.object({ name: VolumeRef, transferId: TransferId }).strict(), TransferEvent),
  'volumes.restore': call(RestoreInput, RestoreResult)
} as const
