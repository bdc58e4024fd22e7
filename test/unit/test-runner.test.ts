/**
 * `npm test` must not pass by running nothing: scripts/test.mjs gives vitest no --passWithNoTests
 * (which would turn a broken include glob into a green step), and every vitest project's globs
 * really find test files, so dropping that flag never fails a healthy run.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join, matchesGlob, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import config from '../../vitest.config.mjs'

const repoRoot = resolve(__dirname, '../..')

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(path) : [relative(repoRoot, path)]
  })
}

interface ProjectGlobs {
  name: string
  include: string[]
}

function projectGlobs(): ProjectGlobs[] {
  const projects = config.test?.projects ?? []
  return projects.map((project) => {
    if (typeof project !== 'object' || typeof project === 'function' || !('test' in project)) {
      throw new Error('vitest.config.mts: every project is expected to be an inline config with test.name and test.include')
    }
    return { name: String(project.test?.name), include: project.test?.include ?? [] }
  })
}

describe('the test runner', () => {
  it('never lets vitest pass a project that found no tests', () => {
    const script = readFileSync(join(repoRoot, 'scripts/test.mjs'), 'utf8')
    expect(script).not.toMatch(/passWithNoTests/)
  })

  it('finds test files for each vitest project (unit, integration and vm)', () => {
    const projects = projectGlobs()
    expect(projects.map((project) => project.name).sort()).toEqual(['integration', 'unit', 'vm'])
    const testFiles = filesUnder(join(repoRoot, 'test'))
    for (const project of projects) {
      const found = testFiles.filter((file) => project.include.some((glob) => matchesGlob(file, glob)))
      expect(found.length, `${project.name}: ${project.include.join(', ')}`).toBeGreaterThan(0)
    }
  })
})
