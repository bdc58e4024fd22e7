/**
 * containers.logs through the handler table against the real test engine: TTY and non-TTY
 * containers, tail, since, timestamps, follow, stderr told apart, batching, abort.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, type InputOf } from '../../shared/contract'
import { batchLines, LOG_WINDOW_HIGH_BATCHES, type LogBatch, type LogLine } from '../../shared/logs-models'
import { toRpcError } from '../../electron/core/rpc/errors'
import { createTestCore, removeLabelledContainers, uniqueName, type TestCore } from './handlers-kit'

let t: TestCore

beforeAll(async () => {
  t = await createTestCore()
})

afterAll(async () => {
  await removeLabelledContainers(t)
  await t.dispose()
})

interface Reading {
  batches: LogBatch[]
  lines: LogLine[]
  done: Promise<void>
  controller: AbortController
}

/** Starts containers.logs the way the peer would (input parsed by the contract). */
function readLogs(input: InputOf<'containers.logs'>, onBatch?: (batch: LogBatch) => void): Reading {
  const parsed = contract['containers.logs'].input.parse(input)
  const controller = new AbortController()
  const reading: Reading = { batches: [], lines: [], controller, done: Promise.resolve() }
  reading.done = t.core.handlers['containers.logs'](
    parsed,
    (batch) => {
      reading.batches.push(batch)
      reading.lines.push(...batchLines(batch))
      onBatch?.(batch)
    },
    controller.signal
  ).catch((err: unknown) => {
    throw toRpcError(err)
  })
  return reading
}

async function readAll(input: InputOf<'containers.logs'>): Promise<Reading> {
  const reading = readLogs(input)
  await reading.done
  return reading
}

/**
 * Reads paced, the way the page does, with the receiver behind: no ack until the window is full
 * and `holdMs` more have passed (`whileHeld` looks at that moment), then every batch acked.
 */
async function readBehind(
  input: Omit<InputOf<'containers.logs'>, 'paceId'>,
  holdMs: number,
  whileHeld?: (reading: Reading, done: boolean) => void
): Promise<Reading> {
  const paceId = `logs-pace-${process.pid}-${Date.now()}`
  const reading = readLogs({ ...input, paceId })
  let done = false
  // Settled either way; a failed read is reported by the await below, not as an unhandled rejection.
  void reading.done.then(
    () => (done = true),
    () => (done = true)
  )
  await expect.poll(() => reading.batches.length).toBeGreaterThanOrEqual(LOG_WINDOW_HIGH_BATCHES)
  await new Promise((resolve) => setTimeout(resolve, holdMs))
  whileHeld?.(reading, done)
  const ack = t.core.handlers['containers.logsAck'] as (input: { paceId: string; batches: number }, signal: AbortSignal) => Promise<unknown>
  const acking = setInterval(() => void ack({ paceId, batches: reading.batches.length }, new AbortController().signal), 10)
  try {
    await reading.done
  } finally {
    clearInterval(acking)
  }
  return reading
}

/** Runs `script` in a labelled container and waits for it to exit. */
async function runToExit(script: string, options: { tty?: boolean } = {}): Promise<string> {
  const container = await t.docker.createContainer({
    Image: t.host.testImage,
    Cmd: ['sh', '-c', script],
    Tty: options.tty ?? false,
    name: uniqueName('berth-logs'),
    Labels: t.labels
  })
  await container.start()
  await container.wait()
  return container.id
}

const base = { tail: 'all' as const, timestamps: false, follow: false }

/** The log as the engine itself multiplexes it (frame type 1 stdout, 2 stderr), split into lines. */
async function rawLines(id: string): Promise<LogLine[]> {
  const body = (await t.docker.getContainer(id).logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer
  const lines: LogLine[] = []
  for (let at = 0; at + 8 <= body.length; ) {
    const size = body.readUInt32BE(at + 4)
    const stream = body[at] === 2 ? 'stderr' : 'stdout'
    for (const text of body.toString('utf8', at + 8, at + 8 + size).split('\n')) if (text !== '') lines.push({ stream, text })
    at += 8 + size
  }
  return lines
}

describe('containers.logs on the real engine', () => {
  it('reads a non-TTY log with stdout and stderr told apart, in the engine’s order, batched', async () => {
    // The engine stamps each line when its copier reads it from the container's pipe (stdout and
    // stderr in separate goroutines), so under load the order across the two streams is the
    // engine's, not the script's: the oracle is the engine's own multiplexed answer.
    const id = await runToExit('echo out-1; sleep 0.1; echo err-1 >&2; sleep 0.1; echo out-2; printf "no newline at end"')
    const reading = await readAll({ id, ...base })
    expect(reading.batches[0].tty).toBe(false)
    expect(reading.lines).toEqual(await rawLines(id))
    expect(reading.lines.filter((line) => line.stream === 'stdout').map((line) => line.text)).toEqual(['out-1', 'out-2', 'no newline at end'])
    expect(reading.lines.filter((line) => line.stream === 'stderr').map((line) => line.text)).toEqual(['err-1'])
  })

  it('sends thousands of lines in a few batches, not one event per line', async () => {
    const id = await runToExit('seq 1 20000')
    const reading = await readAll({ id, ...base })
    expect(reading.lines).toHaveLength(20000)
    expect(reading.lines[0].text).toBe('1')
    expect(reading.lines[19999].text).toBe('20000')
    // How many batches depends on how fast the engine hands the log over (a batch is also sent
    // every 25 ms): a few from a quiet dockerd, 19–20 from Podman, 29 from dockerd on a machine
    // under heavy load. The bound is two orders of magnitude below one event per line.
    expect(reading.batches.length).toBeLessThan(20000 / 100)
  })

  it('stops reading the engine while the receiver is behind, reads on with its acks, loses nothing', async () => {
    const id = await runToExit('seq 1 300000')
    const reading = await readBehind({ id, ...base }, 500, (held, done) => {
      // Held at the window: what the batcher already had may still leave, nothing more is read.
      expect(held.batches.length).toBeLessThanOrEqual(LOG_WINDOW_HIGH_BATCHES + 2)
      expect(done).toBe(false)
    })
    expect(reading.lines).toHaveLength(300000)
    expect(reading.lines[299999].text).toBe('300000')
    expect(reading.batches.length).toBeGreaterThan(LOG_WINDOW_HIGH_BATCHES + 2)
  })

  it('reads the whole log of a stopped container asked to follow it, every line as printed, with the receiver behind (as the Logs tab asks)', async () => {
    // Podman 4 follows a stopped container's log and drops lines not taken within a moment of
    // reaching the file's end, so the engine is not asked to follow a container that isn't
    // running. And it cuts ~1 line in 1,000 of this log into two messages, each with its own
    // timestamp (demux.ts drops the second): the texts are compared whole.
    const id = await runToExit('seq 1 50000')
    const reading = await readBehind({ id, tail: 'all', timestamps: true, follow: true }, 1000)
    expect(reading.lines).toHaveLength(50000)
    expect(reading.lines.map((line) => line.text).join(',')).toBe(Array.from({ length: 50000 }, (_, index) => index + 1).join(','))
  })

  it('tails the last N lines, and 0 lines', async () => {
    const id = await runToExit('seq 1 50')
    const five = await readAll({ id, ...base, tail: 5 })
    expect(five.lines.map((l) => l.text)).toEqual(['46', '47', '48', '49', '50'])
    const none = await readAll({ id, ...base, tail: 0 })
    expect(none.lines).toEqual([])
  })

  it('splits timestamps off into ts, and "since" keeps only later lines', async () => {
    const id = await runToExit('echo early; sleep 1.5; echo late')
    const stamped = await readAll({ id, ...base, timestamps: true })
    expect(stamped.lines.map((l) => l.text)).toEqual(['early', 'late'])
    for (const line of stamped.lines) expect(line.ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)
    const lateAt = Date.parse(stamped.lines[1].ts ?? '') / 1000
    const earlyAt = Date.parse(stamped.lines[0].ts ?? '') / 1000
    // Podman's compatible API stamps log lines to the second; dockerd to the nanosecond.
    expect(lateAt - earlyAt).toBeGreaterThanOrEqual(t.engine === 'podman' ? 1 : 1.000001)
    const since = await readAll({ id, ...base, since: (earlyAt + lateAt) / 2 })
    expect(since.lines).toEqual([{ stream: 'stdout', text: 'late' }])
    const until = await readAll({ id, ...base, until: (earlyAt + lateAt) / 2 })
    expect(until.lines).toEqual([{ stream: 'stdout', text: 'early' }])
  })

  it('reads a TTY container as raw text: one stream, \\r\\n stripped, tty announced', async () => {
    const id = await runToExit('echo tty-one; echo tty-two >&2; printf "caf\\303\\251\\n"', { tty: true })
    const reading = await readAll({ id, ...base })
    expect(reading.batches[0].tty).toBe(true)
    expect(reading.lines).toEqual([
      { stream: 'stdout', text: 'tty-one' },
      { stream: 'stdout', text: 'tty-two' },
      { stream: 'stdout', text: 'café' }
    ])
  })

  it('follows a running container (TTY and not) and stops promptly when aborted', async () => {
    for (const tty of [false, true]) {
      const container = await t.docker.createContainer({
        Image: t.host.testImage,
        Cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; echo "warn $i" >&2; sleep 0.1; done'],
        Tty: tty,
        name: uniqueName('berth-logs-follow'),
        Labels: t.labels
      })
      await container.start()
      let gotEnough: () => void = () => {}
      const enough = new Promise<void>((resolve) => (gotEnough = resolve))
      const reading = readLogs({ id: container.id, tail: 0, timestamps: false, follow: true }, () => {
        if (reading.lines.filter((l) => l.text.startsWith('tick')).length >= 5) gotEnough()
      })
      await enough
      const ticks = reading.lines.filter((l) => l.text.startsWith('tick')).map((l) => Number(l.text.split(' ')[1]))
      expect(ticks.slice(0, 5)).toEqual([...ticks.slice(0, 5)].sort((a, b) => a - b))
      const warnings = reading.lines.filter((l) => l.text.startsWith('warn'))
      expect(warnings.length).toBeGreaterThan(0)
      for (const warning of warnings) expect(warning.stream).toBe(tty ? 'stdout' : 'stderr')

      const abortedAt = performance.now()
      reading.controller.abort()
      await reading.done
      expect(performance.now() - abortedAt).toBeLessThan(1000)
      const countAtAbort = reading.lines.length
      await new Promise((resolve) => setTimeout(resolve, 400))
      expect(reading.lines.length).toBe(countAtAbort)
      await container.remove({ force: true })
    }
  })

  it('ends a follow when the container stops', async () => {
    const container = await t.docker.createContainer({
      Image: t.host.testImage,
      Cmd: ['sh', '-c', 'echo started; sleep 1; echo finishing'],
      name: uniqueName('berth-logs-end'),
      Labels: t.labels
    })
    await container.start()
    const reading = await readAll({ id: container.id, tail: 'all', timestamps: false, follow: true })
    expect(reading.lines.map((l) => l.text)).toEqual(['started', 'finishing'])
  })

  it('says the container does not exist', async () => {
    await expect(readAll({ id: 'berth-no-such-container-logs', ...base })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
