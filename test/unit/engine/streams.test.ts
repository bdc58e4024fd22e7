/** The JSON-lines framer: chunk boundaries anywhere, split UTF-8, blank lines, volume. */
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { JsonLinesFramer, LineFramer, LineTooLongError, followJsonLines } from '../../../electron/core/engine/streams'

function collect(chunks: Array<Buffer | string>, end = true): unknown[] {
  const values: unknown[] = []
  const framer = new JsonLinesFramer((v) => values.push(v))
  for (const chunk of chunks) framer.push(chunk)
  if (end) framer.end()
  return values
}

describe('JsonLinesFramer', () => {
  it('frames whole lines in one chunk', () => {
    expect(collect(['{"a":1}\n{"b":2}\n'])).toEqual([{ a: 1 }, { b: 2 }])
  })

  it('joins a line split mid-way across chunks, at every possible split point', () => {
    const text = '{"status":"start","id":"abc"}\n{"n":42}\n'
    for (let cut = 0; cut <= text.length; cut += 1) {
      expect(collect([text.slice(0, cut), text.slice(cut)])).toEqual([{ status: 'start', id: 'abc' }, { n: 42 }])
    }
  })

  it('decodes a UTF-8 character split across chunks (byte-level cuts)', () => {
    const bytes = Buffer.from('{"name":"café ☕ 𝄞"}\n', 'utf8')
    for (let cut = 1; cut < bytes.length; cut += 1) {
      expect(collect([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([{ name: 'café ☕ 𝄞' }])
    }
    // One byte at a time, too.
    expect(collect([...bytes].map((b) => Buffer.from([b])))).toEqual([{ name: 'café ☕ 𝄞' }])
  })

  it('skips empty and whitespace-only lines and handles CRLF', () => {
    expect(collect(['\n\n{"a":1}\r\n', '   \n', '\r\n{"b":2}\n\n'])).toEqual([{ a: 1 }, { b: 2 }])
  })

  it('keeps an unterminated last line until end()', () => {
    const values: unknown[] = []
    const framer = new JsonLinesFramer((v) => values.push(v))
    framer.push('{"a":1}\n{"b"')
    framer.push(':2}')
    expect(values).toEqual([{ a: 1 }])
    framer.end()
    expect(values).toEqual([{ a: 1 }, { b: 2 }])
  })

  it('reports a line that is not JSON and keeps going', () => {
    const values: unknown[] = []
    const invalid: string[] = []
    const framer = new JsonLinesFramer((v) => values.push(v), (line) => invalid.push(line))
    framer.push('{"a":1}\nnot json\n{"b":2}\n')
    expect(values).toEqual([{ a: 1 }, { b: 2 }])
    expect(invalid).toEqual(['not json'])
  })

  it('refuses a line longer than the limit instead of growing without bound', () => {
    const framer = new LineFramer(() => {}, 1024)
    expect(() => framer.push(Buffer.alloc(2048, 0x61))).toThrow(LineTooLongError)
  })

  it('frames a large volume (200k lines in uneven chunks) quickly and exactly', () => {
    const lineCount = 200_000
    const parts: string[] = []
    for (let i = 0; i < lineCount; i += 1) parts.push(`{"i":${i},"s":"é${i % 10}"}\n`)
    const all = Buffer.from(parts.join(''), 'utf8')
    const chunks: Buffer[] = []
    for (let offset = 0, size = 1; offset < all.length; offset += size, size = (size * 7 + 13) % 65_521 || 1) {
      chunks.push(all.subarray(offset, Math.min(all.length, offset + size)))
    }
    let count = 0
    let sum = 0
    const started = performance.now()
    const framer = new JsonLinesFramer((v) => {
      count += 1
      sum += (v as { i: number }).i
    })
    for (const chunk of chunks) framer.push(chunk)
    framer.end()
    const elapsed = performance.now() - started
    expect(count).toBe(lineCount)
    expect(sum).toBe((lineCount * (lineCount - 1)) / 2)
    // Linear: a quadratic splitter takes many seconds here.
    expect(elapsed).toBeLessThan(3_000)
  })
})

describe('followJsonLines', () => {
  it('resolves when the signal aborts and destroys the body', async () => {
    const body = new PassThrough()
    const controller = new AbortController()
    const values: unknown[] = []
    const done = followJsonLines(body, (v) => values.push(v), controller.signal)
    body.write('{"a":1}\n')
    await new Promise((r) => setImmediate(r))
    controller.abort()
    await expect(done).resolves.toBeUndefined()
    expect(values).toEqual([{ a: 1 }])
    expect(body.destroyed).toBe(true)
  })

  it('rejects when the body ends on its own (the engine went away)', async () => {
    const body = new PassThrough()
    const done = followJsonLines(body, () => {}, new AbortController().signal)
    body.end('{"a":1}\n')
    await expect(done).rejects.toMatchObject({ code: 'ECONNRESET' })
  })
})
