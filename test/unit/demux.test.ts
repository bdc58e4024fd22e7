import { describe, expect, it } from 'vitest'
import { DemuxError, LogDemuxer, truncationMarker, type DemuxMode, type DemuxStream } from '../../electron/core/engine/demux'

type Line = [DemuxStream, string]

/** One multiplexed frame: [type, 0, 0, 0, size BE] + payload. */
function frame(type: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload
  const header = Buffer.alloc(8)
  header[0] = type
  header.writeUInt32BE(body.length, 4)
  return Buffer.concat([header, body])
}

function demux(mode: DemuxMode, chunks: Buffer[], maxLineBytes?: number): Line[] {
  const lines: Line[] = []
  const demuxer = new LogDemuxer(mode, (stream, text) => lines.push([stream, text]), maxLineBytes)
  for (const chunk of chunks) demuxer.push(chunk)
  demuxer.end()
  return lines
}

/** A small seeded PRNG so a failing chunking can be reproduced from its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** Cuts `bytes` at random points (including single-byte pieces and empty chunks). */
function randomChunks(bytes: Buffer, random: () => number): Buffer[] {
  const chunks: Buffer[] = []
  let at = 0
  while (at < bytes.length) {
    const roll = random()
    const size = roll < 0.3 ? 1 : roll < 0.35 ? 0 : Math.ceil(random() * (roll < 0.8 ? 16 : 4096))
    chunks.push(bytes.subarray(at, at + size))
    at += size
  }
  return chunks
}

/** A log body with everything awkward: multi-byte text, \r\n, empty lines, invalid UTF-8, lines over frames. */
function awkwardLog(random: () => number): Buffer {
  const pieces: Buffer[] = []
  const words = ['plain', 'naïve café', '日本語のログ', '🙂 emoji', 'tab\there', '', 'crlf\r', 'x'.repeat(300)]
  for (let i = 0; i < 400; i++) {
    const type = random() < 0.3 ? 2 : 1
    let text = `${i} ${words[Math.floor(random() * words.length)]}`
    if (random() < 0.2) text += '\n' + words[Math.floor(random() * words.length)]
    let payload = Buffer.from(random() < 0.85 ? `${text}\n` : text, 'utf8')
    if (random() < 0.05) payload = Buffer.concat([payload, Buffer.from([0xff, 0xc3, 0x0a])]) // invalid, then a lone lead byte
    pieces.push(frame(type, payload))
    if (random() < 0.02) pieces.push(frame(1, Buffer.alloc(0)))
  }
  return Buffer.concat(pieces)
}

describe('LogDemuxer (multiplexed)', () => {
  it('splits frames into lines per stream, strips \\r\\n, keeps empty lines', () => {
    const body = Buffer.concat([frame(1, 'one\r\ntwo\n'), frame(2, 'oops\n'), frame(1, '\nthree\n')])
    expect(demux('multiplexed', [body])).toEqual([
      ['stdout', 'one'],
      ['stdout', 'two'],
      ['stderr', 'oops'],
      ['stdout', ''],
      ['stdout', 'three']
    ])
  })

  it('joins a line split across frames of the same stream, even with the other stream in between', () => {
    const body = Buffer.concat([frame(1, 'hel'), frame(2, 'err-start '), frame(1, 'lo\n'), frame(2, 'err-end\n')])
    expect(demux('multiplexed', [body])).toEqual([
      ['stdout', 'hello'],
      ['stderr', 'err-start err-end']
    ])
  })

  it('emits a last line without a newline at the end, stdout before stderr', () => {
    expect(demux('multiplexed', [Buffer.concat([frame(2, 'e'), frame(1, 'o')])])).toEqual([
      ['stdout', 'o'],
      ['stderr', 'e']
    ])
  })

  it('decodes characters split across frames and chunks, and replaces invalid bytes', () => {
    const smile = Buffer.from('🙂', 'utf8')
    const body = Buffer.concat([frame(1, smile.subarray(0, 2)), frame(1, Buffer.concat([smile.subarray(2), Buffer.from('\n')])), frame(1, Buffer.from([0x61, 0xff, 0x62, 0x0a]))])
    const expected: Line[] = [['stdout', '🙂'], ['stdout', 'a\ufffdb']]
    expect(demux('multiplexed', [body])).toEqual(expected)
    expect(demux('multiplexed', [...body].map((byte) => Buffer.from([byte])))).toEqual(expected)
    // The same as a streaming TextDecoder gives for the same bytes.
    expect(new TextDecoder().decode(Buffer.from([0x61, 0xff, 0x62]))).toBe('a\ufffdb')
  })

  it('gives the same lines however the body is chunked (seeded random chunkings)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = prng(seed)
      const body = awkwardLog(random)
      const whole = demux('multiplexed', [body], 256)
      expect(whole.length).toBeGreaterThan(400)
      const chunked = demux('multiplexed', randomChunks(body, random), 256)
      expect(chunked, `seed ${seed}`).toEqual(whole)
    }
  })

  it('cuts a very long line on a character boundary and says how much was cut', () => {
    const long = 'é'.repeat(10) // 20 bytes
    const whole = demux('multiplexed', [frame(1, `${long}\n`)], 7)
    // 7 bytes would split the 4th "é": the cut moves back to 6 bytes, so 14 bytes are not shown.
    expect(whole).toEqual([['stdout', `ééé${truncationMarker(14)}`]])
    const split = demux('multiplexed', [frame(1, 'éé'), frame(1, 'éé'), frame(1, `${'é'.repeat(6)}\r\n`)], 7)
    expect(split).toEqual(whole)
    // A line exactly at the cap, followed by \r\n, is not cut.
    expect(demux('multiplexed', [frame(1, 'abcdefg'), frame(1, '\r\n')], 7)).toEqual([['stdout', 'abcdefg']])
  })

  it('bounds memory: a 10 MB line with no newline keeps only the cap', () => {
    const lines = demux('multiplexed', [frame(1, Buffer.alloc(10_000_000, 0x61))])
    expect(lines).toHaveLength(1)
    expect(lines[0][1].startsWith('a'.repeat(64 * 1024))).toBe(true)
    expect(lines[0][1].endsWith(truncationMarker(10_000_000 - 64 * 1024))).toBe(true)
  })

  it('treats a stream whose first header is not a header as raw text (a TTY after all)', () => {
    expect(demux('multiplexed', [Buffer.from('hello world\nsecond')])).toEqual([
      ['stdout', 'hello world'],
      ['stdout', 'second']
    ])
    expect(demux('multiplexed', [Buffer.from('hel'), Buffer.from('lo world\n')])).toEqual([['stdout', 'hello world']])
    expect(demux('multiplexed', [Buffer.from('hi\n')])).toEqual([['stdout', 'hi']])
  })

  it('refuses a corrupt header after valid frames with a clear error', () => {
    const demuxer = new LogDemuxer('multiplexed', () => {})
    demuxer.push(frame(1, 'ok\n'))
    expect(() => demuxer.push(Buffer.from([9, 9, 9, 9, 0, 0, 0, 1, 0x61]))).toThrow(DemuxError)
  })

  it('is linear: 1 M one-line frames in 64 KiB chunks demux in well under a second', () => {
    const frames: Buffer[] = []
    for (let i = 1; i <= 1_000_000; i++) frames.push(frame(i % 10 === 0 ? 2 : 1, `${i}\n`))
    const body = Buffer.concat(frames)
    const chunks: Buffer[] = []
    for (let at = 0; at < body.length; at += 65536) chunks.push(body.subarray(at, at + 65536))
    let count = 0
    let last = ''
    const started = performance.now()
    const demuxer = new LogDemuxer('multiplexed', (_stream, text) => {
      count++
      last = text
    })
    for (const chunk of chunks) demuxer.push(chunk)
    demuxer.end()
    const elapsed = performance.now() - started
    expect(count).toBe(1_000_000)
    expect(last).toBe('1000000')
    expect(elapsed).toBeLessThan(3000)
  })
})

describe('LogDemuxer (timestamped)', () => {
  const ts = '2026-12-03T13:05:21Z'
  const timestamped = (chunks: Buffer[]): Line[] => {
    const lines: Line[] = []
    const demuxer = new LogDemuxer('multiplexed', (stream, text) => lines.push([stream, text]), undefined, { timestamped: true })
    for (const chunk of chunks) demuxer.push(chunk)
    demuxer.end()
    return lines
  }

  it('drops the timestamp repeated by a frame that continues a line (Podman cuts lines at its pipe reads, dockerd at 16 KiB)', () => {
    // As Podman 4.3 sent `seq 1 50000` with timestamps=1: "1041" in two frames, "1860" then its newline alone.
    const body = Buffer.concat([
      frame(1, `${ts} 1040\n`),
      frame(1, `${ts} 104`),
      frame(1, `${ts} 1\n`),
      frame(1, `${ts} 1860`),
      frame(2, `${ts} err\n`),
      frame(1, `${ts} \n`),
      frame(1, `2026-12-03T13:05:21.123456789+01:00 ${'x'.repeat(10)}`),
      frame(1, `2026-12-03T13:05:21.123456789+01:00 y\n`),
      // dockerd cuts a line after 16 KiB, and stamps each piece with the same time.
      frame(1, `2026-12-03T13:12:41.392539485Z ${'d'.repeat(16384)}`),
      frame(1, `2026-12-03T13:12:41.392539485Z end\n`)
    ])
    const expected: Line[] = [
      ['stdout', `${ts} 1040`],
      ['stdout', `${ts} 1041`],
      ['stderr', `${ts} err`],
      ['stdout', `${ts} 1860`],
      ['stdout', `2026-12-03T13:05:21.123456789+01:00 ${'x'.repeat(10)}y`],
      ['stdout', `2026-12-03T13:12:41.392539485Z ${'d'.repeat(16384)}end`]
    ]
    expect(timestamped([body])).toEqual(expected)
    // The prefix cut across chunks (down to single bytes) is dropped all the same.
    for (let seed = 1; seed <= 30; seed++) expect(timestamped(randomChunks(body, prng(seed)))).toEqual(expected)
    // Asked without timestamps, nothing is taken out.
    expect(demux('multiplexed', [frame(1, 'a '), frame(1, 'b\n')])).toEqual([['stdout', 'a b']])
  })

  it('keeps the text of a continuing frame that does not start with a timestamp', () => {
    const noSpace = 'z'.repeat(60)
    const body = Buffer.concat([
      frame(1, `${ts} start`),
      frame(1, ' not a timestamp\n'),
      frame(1, `${ts} a`),
      frame(1, `2026-13-99 still text\n`),
      frame(1, `${ts} b`),
      frame(1, `${noSpace}\n`),
      frame(1, `${ts} c`),
      frame(1, '2026'),
      frame(1, `${ts} d\n`)
    ])
    const expected: Line[] = [
      ['stdout', `${ts} start not a timestamp`],
      ['stdout', `${ts} a2026-13-99 still text`],
      ['stdout', `${ts} b${noSpace}`],
      ['stdout', `${ts} c2026d`]
    ]
    expect(timestamped([body])).toEqual(expected)
    for (let seed = 1; seed <= 30; seed++) expect(timestamped(randomChunks(body, prng(seed)))).toEqual(expected)
  })
})

describe('LogDemuxer (raw, TTY)', () => {
  it('splits raw bytes into stdout lines; random chunkings agree', () => {
    const text = Array.from({ length: 500 }, (_, i) => `${i} ñ ${'z'.repeat(i % 50)}${i % 7 === 0 ? '\r\n' : '\n'}`).join('')
    const body = Buffer.from(text + 'tail', 'utf8')
    const whole = demux('raw', [body])
    expect(whole).toHaveLength(501)
    expect(whole.every(([stream]) => stream === 'stdout')).toBe(true)
    expect(whole[0]).toEqual(['stdout', '0 ñ '])
    expect(whole[500]).toEqual(['stdout', 'tail'])
    for (let seed = 1; seed <= 20; seed++) expect(demux('raw', randomChunks(body, prng(seed)))).toEqual(whole)
  })

  it('never reads bytes as frame headers', () => {
    const looksLikeHeader = Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, 0, 2]), Buffer.from('x\n')])
    expect(demux('raw', [looksLikeHeader])).toEqual([['stdout', '\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0002x']])
  })
})
