/**
 * Engine identity and capabilities from /version answers recorded on the test host (Debian's
 * dockerd 20.10 and Podman 4.3), plus the shapes other engines answer with.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { engineLabel, releaseLine } from '../../../shared/engine-identity'
import { EngineIdentity } from '../../../shared/engines-models'
import { decideCapabilities } from '../../../electron/core/engine/capabilities'
import { identityFromVersion, type EngineVersionJson } from '../../../electron/core/engine/engine-identity'

const recorded = (name: string): EngineVersionJson =>
  JSON.parse(readFileSync(join(__dirname, '..', 'engine-version-fixtures', name), 'utf8')) as EngineVersionJson

describe('engine identity from /version', () => {
  it('reads Debian dockerd 20.10 as Docker with its version and API version', () => {
    const identity = identityFromVersion(recorded('docker-20.10-debian.json'))
    expect(identity).toEqual({ product: 'docker', productName: 'Docker', version: '20.10.24+dfsg1', apiVersion: '1.41', platform: '' })
    expect(EngineIdentity.parse(identity)).toEqual(identity)
    expect(engineLabel(identity)).toBe('Docker 20.10.24+dfsg1')
  })

  it('reads Podman 4.3 (which answers in Docker\'s shape) as Podman, with its own API version', () => {
    const identity = identityFromVersion(recorded('podman-4.3-debian.json'))
    expect(identity).toEqual({
      product: 'podman',
      productName: 'Podman',
      version: '4.3.1',
      apiVersion: '1.41',
      nativeApiVersion: '4.3.1',
      platform: 'linux/amd64/debian-12'
    })
    expect(engineLabel(identity)).toBe('Podman 4.3.1')
  })

  it('tells Docker Desktop by its platform, and names an unknown product as it names itself', () => {
    expect(identityFromVersion({ Platform: { Name: 'Docker Desktop 4.30.0 (149282)' }, Version: '26.1.1', ApiVersion: '1.45' })).toMatchObject({
      product: 'docker',
      productName: 'Docker',
      version: '26.1.1',
      platform: 'Docker Desktop 4.30.0 (149282)'
    })
    expect(identityFromVersion({ Components: [{ Name: 'Kitchen Engine', Version: '0.9' }], ApiVersion: '1.40' })).toEqual({
      product: 'unknown',
      productName: 'Kitchen Engine',
      version: '0.9',
      apiVersion: '1.40',
      platform: ''
    })
    expect(identityFromVersion({})).toMatchObject({ product: 'unknown', productName: 'Engine', version: 'unknown' })
  })

  it('speaks of a release line, not a patch level', () => {
    expect(releaseLine('4.3.1')).toBe('4.3')
    expect(releaseLine('20.10.24+dfsg1')).toBe('20.10')
    expect(releaseLine('dev')).toBe('dev')
  })
})

describe('capabilities', () => {
  const podman43 = identityFromVersion(recorded('podman-4.3-debian.json'))

  it('Docker can change limits and restart policies of running containers', () => {
    const capabilities = decideCapabilities(identityFromVersion(recorded('docker-20.10-debian.json')))
    expect(capabilities).toEqual({ liveLimits: { available: true }, restartPolicyUpdate: { available: true } })
  })

  it('Podman 4.3 cannot, and says so in words with what to do instead', () => {
    const capabilities = decideCapabilities(podman43)
    expect(capabilities.liveLimits).toEqual({
      available: false,
      reason: "Podman 4.3 can't change the limits of a running container; recreate it with new limits."
    })
    expect(capabilities.restartPolicyUpdate).toMatchObject({ available: false, reason: expect.stringMatching(/^Podman 4\.3 can't .*recreate it/) })
  })

  it('a probe outranks the version: a Podman whose compatible API has the update route can', () => {
    expect(decideCapabilities(podman43, { containerUpdateRoute: true }).liveLimits).toEqual({ available: true })
    expect(decideCapabilities({ ...podman43, version: '5.2.0' }, { containerUpdateRoute: false }).liveLimits.available).toBe(false)
    // Without a probe answer, Podman 5 and later are taken to have it.
    expect(decideCapabilities({ ...podman43, version: '5.2.0' }).liveLimits.available).toBe(true)
  })
})
