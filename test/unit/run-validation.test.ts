/** The run rules (shared/run-validation), the form parser (shared/run-form) and the update planner, table-driven. */
import { describe, expect, it } from 'vitest'
import { RpcError } from '../../shared/errors'
import { checkRunForm, emptyRunForm, nextRowId, parseDotEnv, splitCommandLine, type RunForm } from '../../shared/run-form'
import { GIB, MIB, checkImage, checkName, validateRunSpec, type RunContext } from '../../shared/run-validation'
import { planUpdate } from '../../electron/core/handlers/run-update'
import { engineIsLocal } from '../../electron/core/handlers/run-free-port'

const CONTEXT: RunContext = {
  hostCpus: 2,
  hostMemoryBytes: 4 * GIB,
  containerNames: new Set(['web', 'db']),
  publishedPorts: [{ hostIp: '0.0.0.0', hostPort: 8080, protocol: 'tcp', containerName: 'web' }],
  networks: new Set(['bridge', 'host', 'none', 'backend'])
}

function form(patch: Partial<RunForm>): RunForm {
  return { ...emptyRunForm('busybox:latest'), ...patch }
}
const port = (hostPort: string, containerPort = '80', extra: Partial<RunForm['ports'][number]> = {}) => ({
  id: nextRowId(), hostIp: '', hostPort, containerPort, protocol: 'tcp' as const, ...extra
})
const mount = (type: 'volume' | 'bind', source: string, target: string) => ({ id: nextRowId(), type, source, target, readOnly: false })
const kv = (key: string, value = 'x') => ({ id: nextRowId(), key, value })

describe('names and images', () => {
  it.each([
    ['web-2', null],
    ['', null],
    ['a', /at least 2 characters/],
    ['-web', /starting with a letter or digit/],
    ['my app', /letters, digits/],
    ['web', /already exists/],
    ['x'.repeat(129), /at most 128/]
  ])('name %j', (name, expected) => {
    const problem = checkName(name, CONTEXT)
    if (expected === null) expect(problem).toBeNull()
    else expect(problem).toMatch(expected)
  })

  it.each([
    ['busybox', true],
    ['busybox:1.36', true],
    ['127.0.0.1:5000/team/app:v1', true],
    ['sha256:' + 'a'.repeat(64), true],
    ['library/nginx@sha256:' + 'b'.repeat(64), true],
    ['', false],
    ['BusyBox', false],
    ['busy box', false],
    ['app:', false]
  ])('image %j valid=%s', (image, valid) => {
    expect(checkImage(image) === null).toBe(valid)
  })
})

type Row = [title: string, patch: Partial<RunForm>, field: string | RegExp, message: RegExp]

describe('checkRunForm: every bad field gets its message, keyed by the form row', () => {
  const hostPortRow = port('99999')
  const dupA = port('9000', '80')
  const dupB = port('9000', '81')
  const takenRow = port('8080')
  const udpOk = port('8080', '53', { protocol: 'udp' })
  const bindRow = mount('bind', 'relative/dir', '/data')
  const targetRow = mount('volume', 'vol', 'data')
  const twice = [mount('volume', 'a1', '/data'), mount('volume', 'b1', '/data')]
  const envRow = kv('1BAD')
  const labelRow = kv('bad key')
  const CASES: Row[] = [
    ['empty image', { image: '' }, 'image', /Choose an image/],
    ['name in use', { name: 'db' }, 'name', /already exists/],
    ['unclosed quote in command', { command: 'sh -c "echo hi' }, 'command', /double quote is not closed/],
    ['relative working dir', { workingDir: 'srv' }, 'workingDir', /absolute path/],
    ['bad user', { user: 'root user' }, 'user', /user name or id/],
    ['host port out of range', { ports: [hostPortRow] }, `ports.${hostPortRow.id}.hostPort`, /1 to 65535/],
    ['host port not a number', { ports: [port('80a')] }, /^ports\.\d+\.hostPort$/, /whole numbers/],
    ['missing container port', { ports: [port('8081', '')] }, /^ports\.\d+\.containerPort$/, /Enter the container port/],
    ['duplicate host port', { ports: [dupA, dupB] }, `ports.${dupB.id}.hostPort`, /already used by row 1/],
    ['port published by another container', { ports: [takenRow] }, `ports.${takenRow.id}.hostPort`, /already published by web/],
    ['relative bind source', { mounts: [bindRow] }, `mounts.${bindRow.id}.source`, /absolute host path/],
    ['relative container path', { mounts: [targetRow] }, `mounts.${targetRow.id}.target`, /must be absolute/],
    ['same container path twice', { mounts: twice }, `mounts.${twice[1].id}.target`, /already mounted/],
    ['env key starting with a digit', { env: [envRow] }, `env.${envRow.id}.key`, /don’t start with a digit/],
    ['label key with a space', { labels: [labelRow] }, `labels.${labelRow.id}.key`, /Label keys use/],
    ['retries not a number', { restartPolicy: 'on-failure', maxRetries: 'many' }, 'restartPolicy.maximumRetryCount', /whole number/],
    ['more CPUs than the host', { cpuLimited: true, cpus: 3 }, 'resources.nanoCpus', /has 2 CPUs/],
    ['memory below the engine minimum', { memoryLimited: true, memoryBytes: 5 * MIB }, 'resources.memory', /at least 6 MiB/],
    ['memory above the host', { memoryLimited: true, memoryBytes: 5 * GIB }, 'resources.memory', /4 GiB of memory/],
    ['swap below memory', { memoryLimited: true, memoryBytes: 512 * MIB, swapMode: 'limited', swapBytes: 256 * MIB }, 'resources.memorySwap', /at least the memory limit \(512 MiB\)/],
    ['pids not a number', { pidsLimited: true, pids: 'lots' }, 'resources.pidsLimit', /whole number/],
    ['pids zero', { pidsLimited: true, pids: '-5' }, 'resources.pidsLimit', /from 1 to/]
  ]
  it.each(CASES)('%s', (_title, patch, field, message) => {
    const { issues } = checkRunForm(form(patch), CONTEXT)
    const keys = [...issues.keys()]
    const key = typeof field === 'string' ? field : keys.find((k) => field.test(k))
    expect(key, `an issue for ${String(field)} among ${keys.join(', ')}`).toBeDefined()
    expect(issues.get(key as string)).toMatch(message)
  })

  it('a valid form becomes the spec the engine gets, with empty rows ignored and no issues', () => {
    const { spec, issues } = checkRunForm(
      form({
        name: 'api',
        command: `sh -c 'echo "hi there"'`,
        ports: [udpOk, port('', '', {}), port('', '8000', { hostIp: '127.0.0.1' })],
        mounts: [mount('bind', '/srv/data', '/data'), mount('volume', '', '')],
        env: [kv('MODE', 'prod'), kv('', '')],
        restartPolicy: 'on-failure',
        maxRetries: '5',
        network: 'backend',
        cpuLimited: true,
        cpus: 1.5,
        memoryLimited: true,
        memoryBytes: 256 * MIB,
        swapMode: 'unlimited',
        pidsLimited: true,
        pids: '100'
      }),
      CONTEXT,
      { 'berth.test': '1' }
    )
    expect([...issues.entries()]).toEqual([])
    expect(spec).toMatchObject({
      image: 'busybox:latest',
      name: 'api',
      command: ['sh', '-c', 'echo "hi there"'],
      ports: [
        { hostPort: 8080, containerPort: 53, protocol: 'udp' },
        { hostIp: '127.0.0.1', containerPort: 8000, protocol: 'tcp' }
      ],
      mounts: [{ type: 'bind', source: '/srv/data', target: '/data', readOnly: false }],
      env: [{ key: 'MODE', value: 'prod' }],
      labels: [{ key: 'berth.test', value: '1' }],
      restartPolicy: { name: 'on-failure', maximumRetryCount: 5 },
      network: 'backend',
      resources: { nanoCpus: 1_500_000_000, memory: 256 * MIB, memorySwap: -1, pidsLimit: 100 },
      start: true
    })
    expect(validateRunSpec(spec, CONTEXT)).toEqual([])
  })
})

describe('text parsing', () => {
  it.each([
    ['sleep 100', ['sleep', '100']],
    [`sh -c "echo 'a b'"`, ['sh', '-c', "echo 'a b'"]],
    [`echo a\\ b "" ''`, ['echo', 'a b', '', '']],
    [`printf "%s\\n" x`, ['printf', '%s\\n', 'x']],
    ['  spaced   out  ', ['spaced', 'out']]
  ])('splits %j', (text, args) => {
    expect(splitCommandLine(text)).toEqual({ args })
  })

  it.each([[`echo "open`, /double quote/], [`echo 'open`, /single quote/], ['echo \\', /lone backslash/]])('refuses %j', (text, message) => {
    const result = splitCommandLine(text)
    expect('error' in result && result.error).toMatch(message)
  })

  it('parses a .env file: comments, export, quotes, trailing comments; reports bad lines by number', () => {
    const text = ['# database', 'export DB_URL="postgres://db/app"', "TOKEN='a b # not a comment'", 'DEBUG=1 # on', '', 'BROKEN LINE', 'MULTI="x\\ny"'].join('\n')
    const { rows, errors } = parseDotEnv(text)
    expect(rows).toEqual([
      { key: 'DB_URL', value: 'postgres://db/app' },
      { key: 'TOKEN', value: 'a b # not a comment' },
      { key: 'DEBUG', value: '1' },
      { key: 'MULTI', value: 'x\ny' }
    ])
    expect(errors).toEqual(['Line 6: expected KEY=value.'])
  })
})

describe('planUpdate: conflicts in words before the engine is asked', () => {
  const none = { nanoCpus: 0, cpuQuota: 0, cpuPeriod: 0, memory: 0, memorySwap: 0, pidsLimit: 0 }
  it('sends memory and swap together, CPUs and pids as given', () => {
    expect(planUpdate(none, { resources: { nanoCpus: 5e8, memory: 64 * MIB, memorySwap: 128 * MIB, pidsLimit: -1 } })).toEqual({
      NanoCpus: 5e8, Memory: 64 * MIB, MemorySwap: 128 * MIB, PidsLimit: -1
    })
  })
  it.each([
    ['--cpus on a --cpu-quota container', { ...none, cpuQuota: 25_000, cpuPeriod: 50_000 }, { nanoCpus: 1e9 }, /created with a CPU quota .*Set the equivalent quota instead: 50000 µs per 50000 µs/, { equivalent: { cpuQuota: 50_000, cpuPeriod: 50_000 } }],
    ['a quota on a --cpus container', { ...none, nanoCpus: 1e9 }, { cpuQuota: 50_000 }, /created with a CPUs limit \(--cpus 1\).*Set CPUs instead: 0\.5 CPUs/, { equivalent: { nanoCpus: 5e8 } }],
    ['memory above the current swap without swap', { ...none, memory: 32 * MIB, memorySwap: 64 * MIB }, { memory: 128 * MIB }, /above the current memory \+ swap limit \(64 MiB\)/, undefined],
    ['swap without any memory limit', none, { memorySwap: 64 * MIB }, /no memory limit/, undefined]
  ])('refuses %s', (_title, current, resources, message, detail) => {
    let thrown: unknown
    try {
      planUpdate(current, { resources })
    } catch (err) {
      thrown = err
    }
    expect(thrown).toBeInstanceOf(RpcError)
    expect((thrown as RpcError).code).toBe('CONFLICT')
    expect((thrown as RpcError).message).toMatch(message)
    expect((thrown as RpcError).detail).toEqual(detail)
  })
  it('maps the restart policy', () => {
    expect(planUpdate(none, { restartPolicy: { name: 'no' } })).toEqual({ RestartPolicy: { Name: '', MaximumRetryCount: 0 } })
    expect(planUpdate(none, { restartPolicy: { name: 'on-failure', maximumRetryCount: 4 } })).toEqual({ RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 4 } })
  })
})

describe('free ports: which engines are local', () => {
  it.each([
    [{ kind: 'unix' as const, endpoint: '/var/run/docker.sock' }, true],
    [{ kind: 'tcp' as const, endpoint: 'tcp://127.0.0.1:2375' }, true],
    [{ kind: 'tcp' as const, endpoint: 'tcp://build-box:2376' }, false],
    [{ kind: 'ssh' as const, endpoint: 'ssh://me@build-box' }, false]
  ])('%o → local=%s', (engine, local) => {
    expect(engineIsLocal(engine)).toBe(local)
  })
})
