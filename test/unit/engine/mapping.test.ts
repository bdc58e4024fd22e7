/** Engine JSON → DTOs, API version choice, and the settings file. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ContainerSummary, ImageSummary } from '../../../shared/models'
import { chooseApiVersion, toRawEngineEvent } from '../../../electron/core/engine/docker'
import { containerName, countContainersByImage, toContainerSummary, toImageSummary } from '../../../electron/core/engine/mapping'
import { SettingsStore, defaultConfigDir } from '../../../electron/core/settings'

describe('mapping', () => {
  it('maps a container: name without "/", ports, compose labels, valid DTO', () => {
    const dto = toContainerSummary({
      Id: 'a'.repeat(64),
      Names: ['/other/alias', '/web'],
      Image: 'nginx',
      ImageID: 'sha256:1',
      Command: 'nginx -g',
      Created: 1700000000,
      State: 'running',
      Status: 'Up 2 minutes',
      Ports: [{ PrivatePort: 80, PublicPort: 8080, IP: '0.0.0.0', Type: 'tcp' }, { PrivatePort: 53, Type: 'udp' }],
      Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' }
    })
    expect(ContainerSummary.parse(dto)).toEqual(dto)
    expect(dto.name).toBe('web')
    expect(dto.ports).toEqual([
      { privatePort: 80, publicPort: 8080, hostIp: '0.0.0.0', protocol: 'tcp' },
      { privatePort: 53, protocol: 'udp' }
    ])
    expect(dto.composeProject).toBe('shop')
    expect(dto.composeService).toBe('web')
    expect(containerName(null, 'b'.repeat(64))).toBe('bbbbbbbbbbbb')
  })

  it('maps images: containers counted when the engine says -1; dangling when only <none> tags', () => {
    const counts = countContainersByImage([{ ImageID: 'sha256:x' }, { ImageID: 'sha256:x' }, { ImageID: 'sha256:y' }])
    const tagged = toImageSummary({ Id: 'sha256:x', RepoTags: ['app:1'], Containers: -1, Size: 10, Created: 1 }, counts)
    const dangling = toImageSummary({ Id: 'sha256:z', RepoTags: ['<none>:<none>'], RepoDigests: ['<none>@<none>'], Containers: -1 }, counts)
    const noTags = toImageSummary({ Id: 'sha256:y', RepoTags: null, Containers: 3 }, counts)
    expect(ImageSummary.parse(tagged)).toEqual(tagged)
    expect(tagged).toMatchObject({ containers: 2, dangling: false, repoTags: ['app:1'] })
    expect(dangling).toMatchObject({ containers: 0, dangling: true, repoTags: [], repoDigests: [] })
    expect(noTags).toMatchObject({ containers: 3, dangling: true })
  })

  it('reads engine events in both the new (Action/Actor) and the old (status/id) shapes', () => {
    expect(toRawEngineEvent({ Type: 'container', Action: 'start', Actor: { ID: 'c1', Attributes: { name: 'web' } }, timeNano: 5 })).toEqual({
      type: 'container',
      action: 'start',
      id: 'c1',
      attributes: { name: 'web' },
      timeNano: 5
    })
    expect(toRawEngineEvent({ status: 'die', id: 'c2', time: 2 })).toMatchObject({ type: 'container', action: 'die', id: 'c2', timeNano: 2e9 })
    expect(toRawEngineEvent({ Type: 'weird', Action: 'x', Actor: { ID: 'y' } })).toBeUndefined()
    // Podman 4.3's volume events and image pulls: an empty Actor.ID, the name in the attributes.
    const podmanVolume = { Type: 'volume', Action: 'create', Actor: { ID: '', Attributes: { name: 'data', containerExitCode: '0' } }, timeNano: 7 }
    expect(toRawEngineEvent(podmanVolume)).toMatchObject({ type: 'volume', action: 'create', id: 'data' })
    const podmanPull = { status: 'pull', Type: 'image', Action: 'pull', Actor: { ID: '', Attributes: { name: '127.0.0.1:5000/app:v1' } } }
    expect(toRawEngineEvent(podmanPull)).toMatchObject({ type: 'image', action: 'pull', id: '127.0.0.1:5000/app:v1' })
    expect(toRawEngineEvent({ Type: 'container', Action: 'start', Actor: { ID: '', Attributes: { name: 'web' } } })).toBeUndefined()
    expect(toRawEngineEvent('nope')).toBeUndefined()
  })

  it('chooses the API version both sides speak', () => {
    expect(chooseApiVersion('1.41', '1.12')).toBe('1.41')
    expect(chooseApiVersion('1.51', '1.24')).toBe('1.45')
    expect(chooseApiVersion('1.52', '1.46')).toBe('1.46')
    expect(chooseApiVersion(undefined, undefined)).toBe('1.45')
  })
})

describe('settings', () => {
  it('puts the config dir where each OS expects it', () => {
    expect(defaultConfigDir({}, '/home/me', 'linux')).toBe('/home/me/.config/Berth')
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/xdg' }, '/home/me', 'linux')).toBe('/xdg/Berth')
    expect(defaultConfigDir({}, '/Users/me', 'darwin')).toBe('/Users/me/Library/Application Support/Berth')
    expect(defaultConfigDir({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'C:\\Users\\me', 'win32')).toMatch(/Roaming.Berth$/)
  })

  it('remembers the active engine atomically, and survives a missing or broken file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-settings-'))
    try {
      const first = await SettingsStore.load(join(dir, 'cfg'))
      expect(first.get()).toEqual({})
      await first.update({ activeEngineId: 'context:colima' })
      expect(JSON.parse(readFileSync(join(dir, 'cfg', 'settings.json'), 'utf8'))).toEqual({ activeEngineId: 'context:colima' })
      expect(readdirSync(join(dir, 'cfg'))).toEqual(['settings.json'])
      expect((await SettingsStore.load(join(dir, 'cfg'))).get().activeEngineId).toBe('context:colima')

      const logged: string[] = []
      const { writeFileSync } = await import('node:fs')
      writeFileSync(join(dir, 'cfg', 'settings.json'), '{broken')
      expect((await SettingsStore.load(join(dir, 'cfg'), (m) => logged.push(m))).get()).toEqual({})
      expect(logged[0]).toMatch(/ignoring unreadable/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
