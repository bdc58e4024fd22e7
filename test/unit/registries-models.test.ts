/** Registry addresses as people type them, and what a manifest says a tag is. */
import { describe, expect, it } from 'vitest'
import { parseRegistryAddress, registryAddressProblem } from '../../shared/registries-models'
import { MEDIA, readImageConfig, readManifest } from '../../electron/core/registries/manifests'
import { configKeyFor, registryIdOfKey } from '../../electron/core/credentials/keys'

describe('registry addresses', () => {
  it('reads host[:port] with an optional scheme and trailing slash', () => {
    expect(parseRegistryAddress('127.0.0.1:5000')).toEqual({ id: '127.0.0.1:5000' })
    expect(parseRegistryAddress(' HTTPS://Registry.Example.com/ ')).toEqual({ id: 'registry.example.com', scheme: 'https' })
    expect(parseRegistryAddress('http://localhost:5000/v2/')).toEqual({ id: 'localhost:5000', scheme: 'http' })
    expect(parseRegistryAddress('[::1]:5000')).toEqual({ id: '[::1]:5000' })
  })

  it('says what is wrong, per mistake', () => {
    expect(registryAddressProblem('')).toMatch(/type the registry address/)
    expect(registryAddressProblem('my registry')).toBe('a registry address has no spaces')
    expect(registryAddressProblem('ftp://host')).toBe('only http:// or https:// (or no scheme at all)')
    expect(registryAddressProblem('host:5000/team/app')).toMatch(/without a path/)
    expect(registryAddressProblem('host:99999')).toBe('the port is a number from 1 to 65535')
    expect(registryAddressProblem('host:0')).toBe('the port is a number from 1 to 65535')
    expect(registryAddressProblem('-bad-.example')).toMatch(/use host or host:port/)
    expect(registryAddressProblem('index.docker.io')).toBe('Docker Hub is always in the list')
    expect(registryAddressProblem('registry.example.com:5000')).toBeNull()
  })

  it('maps config.json keys the way the CLI does', () => {
    expect(configKeyFor('docker.io')).toBe('https://index.docker.io/v1/')
    expect(configKeyFor('127.0.0.1:5000')).toBe('127.0.0.1:5000')
    expect(registryIdOfKey('https://index.docker.io/v1/')).toBe('docker.io')
    expect(registryIdOfKey('http://127.0.0.1:5000/v2/')).toBe('127.0.0.1:5000')
  })
})

describe('manifests', () => {
  it('adds config and layer sizes for one image', () => {
    const manifest = { schemaVersion: 2, mediaType: MEDIA.ociManifest, config: { digest: 'sha256:c', size: 100 }, layers: [{ size: 1000 }, { size: 20 }] }
    expect(readManifest(manifest, null)).toEqual({ kind: 'image', mediaType: MEDIA.ociManifest, configDigest: 'sha256:c', size: 1120 })
  })

  it('lists an index’s platforms without attestation manifests', () => {
    const index = {
      schemaVersion: 2,
      manifests: [
        { platform: { os: 'linux', architecture: 'amd64' } },
        { platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
        { platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }
      ]
    }
    expect(readManifest(index, MEDIA.ociIndex)).toEqual({ kind: 'index', mediaType: MEDIA.ociIndex, platforms: ['linux/amd64', 'linux/arm64/v8'] })
  })

  it('names schema 1 manifests and reads created and platform from a config', () => {
    expect(readManifest({ schemaVersion: 1 }, MEDIA.dockerSchema1).kind).toBe('unknown')
    expect(readImageConfig({ created: '2026-12-02T05:04:38.123456789Z', os: 'linux', architecture: 'arm', variant: 'v7' })).toEqual({
      created: '2026-12-02T05:04:38.123456789Z',
      platform: 'linux/arm/v7'
    })
  })
})
