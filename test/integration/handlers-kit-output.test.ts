/**
 * The kit's `call` must fail a test whose handler answers with a shape the contract refuses;
 * otherwise a broken handler passes every integration test that goes through it. No engine needed:
 * the core here is a stand-in holding one handler.
 */
import { describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/app'
import type { VolumeRow } from '../../shared/volumes-models'
import { call } from './handlers-kit'

function coreAnswering(method: string, output: unknown): Core {
  return { handlers: { [method]: () => Promise.resolve(output) } } as unknown as Core
}

describe('handlers-kit call', () => {
  it('returns an output the contract accepts', async () => {
    const rows: VolumeRow[] = [
      { name: 'data', driver: 'local', scope: 'local', mountpoint: '/var/lib/docker/volumes/data/_data', labels: {}, anonymous: false, usedBy: [] }
    ]
    const core = coreAnswering('volumes.list', rows)
    await expect(call(core, 'volumes.list', {})).resolves.toBe(rows)
  })

  it('fails when the handler returns a shape the contract refuses', async () => {
    await expect(call(coreAnswering('volumes.list', [{ name: 42 }]), 'volumes.list', {})).rejects.toThrow(
      /volumes\.list returned an output its contract refuses: 0\.name/
    )
    await expect(call(coreAnswering('volumes.remove', { ok: false }), 'volumes.remove', { name: 'data' })).rejects.toThrow(/ok/)
  })
})
