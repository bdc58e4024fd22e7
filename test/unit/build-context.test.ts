/**
 * The context walk on temp folders, without an engine: which files .dockerignore lets through
 * (the build files always), folder problems named by field, and a clear error when a file can't
 * be read while the tar is being sent.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ContextProblem, listContext, resolveContext } from '../../electron/core/engine/build-context'
import { packContext } from '../../electron/core/engine/build-pack'

const roots: string[] = []
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'berth-ctx-unit-'))
  roots.push(root)
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true })
    writeFileSync(join(root, name), body)
  }
  return root
}

async function names(root: string, dockerfile = 'Dockerfile'): Promise<string[]> {
  const listing = await listContext(await resolveContext(root, dockerfile, '/home/nobody'))
  return listing.entries.map((entry) => `${entry.type === 'directory' ? 'd' : 'f'} ${entry.name}`)
}

describe('listContext', () => {
  it('always sends the Dockerfile and .dockerignore, even when the patterns exclude them', async () => {
    const root = folder({ 'docker/app.Dockerfile': 'FROM x', 'docker/other': 'no', '.dockerignore': '*\n**/*\n', 'a.txt': 'no' })
    expect(await names(root, 'docker/app.Dockerfile')).toEqual(['f .dockerignore', 'f docker/app.Dockerfile'])
  })

  it('is case-sensitive like the engine on Linux, and matches parents of excluded paths', async () => {
    const root = folder({ Dockerfile: 'FROM x', '.dockerignore': 'Secret.txt\ncache\n', 'secret.txt': '', 'Secret.txt': '', 'cache/deep/x': '' })
    expect(await names(root)).toEqual(['f .dockerignore', 'f Dockerfile', 'f secret.txt'])
  })

  it('names the field for a missing folder, a folder that is a file, and a missing Dockerfile', async () => {
    const root = folder({ 'file.txt': '' })
    await expect(resolveContext(join(root, 'nope'), 'Dockerfile', '/')).rejects.toMatchObject({ field: 'contextPath', message: expect.stringContaining('does not exist') })
    await expect(resolveContext(join(root, 'file.txt'), 'Dockerfile', '/')).rejects.toMatchObject({ field: 'contextPath', message: expect.stringContaining('is not a folder') })
    await expect(resolveContext(root, 'Dockerfile', '/')).rejects.toMatchObject({ field: 'dockerfile', message: "Berth can't read Dockerfile: it does not exist" })
  })

  it('expands ~ to the home folder', async () => {
    const root = folder({ 'app/Dockerfile': 'FROM x' })
    expect((await resolveContext('~/app', 'Dockerfile', root)).root).toBe(join(root, 'app'))
  })
})

describe('packContext', () => {
  it('fails with the file named when it cannot be read while sending', async () => {
    const root = folder({ Dockerfile: 'FROM x', 'data/going.txt': 'soon gone' })
    const listing = await listContext(await resolveContext(root, 'Dockerfile', '/'))
    unlinkSync(join(root, 'data/going.txt'))
    const tar = packContext(listing, () => {})
    const reading = (async () => {
      for await (const chunk of tar) void chunk
    })()
    await expect(reading).rejects.toThrow(ContextProblem)
    await expect(reading).rejects.toThrow("Berth couldn't read data/going.txt while sending the build context: it does not exist")
  })
})
