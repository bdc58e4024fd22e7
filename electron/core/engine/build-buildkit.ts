/**
 * BuildKit's progress as dockerd relays it: `{"id":"moby.buildkit.trace","aux":"<base64>"}`, each a
 * protobuf-encoded moby.buildkit.v1.StatusResponse. We decode only what we show — vertices (name,
 * cached, started, completed, error), their logs and warnings — with a small reader of protobuf's
 * wire format instead of loading .proto files at run time. Unknown fields are skipped, as protobuf
 * requires, so newer engines that add fields still decode.
 */

export interface BuildkitVertex {
  digest: string
  name: string
  cached: boolean
  /** Milliseconds since the epoch, on the engine's clock. */
  started: number | null
  completed: number | null
  error: string
}

export interface BuildkitLog {
  vertex: string
  /** 1 stdout, 2 stderr. */
  stream: number
  msg: Buffer
}

export interface BuildkitStatus {
  vertexes: BuildkitVertex[]
  logs: BuildkitLog[]
  warnings: Array<{ vertex: string; short: string }>
}

const VARINT = 0
const FIXED64 = 1
const LENGTH_DELIMITED = 2
const FIXED32 = 5

class ProtoReader {
  private pos = 0

  constructor(private readonly buf: Buffer) {}

  get done(): boolean {
    return this.pos >= this.buf.length
  }

  /** Varints up to 2^53 (timestamps' seconds, lengths, bools); larger ones lose precision, which no field here reaches. */
  varint(): number {
    let value = 0
    let scale = 1
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('truncated varint')
      const byte = this.buf[this.pos++]
      value += (byte & 0x7f) * scale
      if ((byte & 0x80) === 0) return value
      scale *= 128
      if (scale > 2 ** 63) throw new Error('varint too long')
    }
  }

  bytes(): Buffer {
    const length = this.varint()
    const end = this.pos + length
    if (end > this.buf.length) throw new Error('truncated field')
    const slice = this.buf.subarray(this.pos, end)
    this.pos = end
    return slice
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wire: number } {
    const key = this.varint()
    return { field: Math.floor(key / 8), wire: key % 8 }
  }

  skip(wire: number): void {
    if (wire === VARINT) this.varint()
    else if (wire === FIXED64) this.pos += 8
    else if (wire === LENGTH_DELIMITED) this.bytes()
    else if (wire === FIXED32) this.pos += 4
    else throw new Error(`unsupported wire type ${wire}`)
  }
}

/** Reads each field of a message; `on` returns false for fields it did not take (they are skipped). */
function readMessage(buf: Buffer, on: (field: number, wire: number, reader: ProtoReader) => boolean): void {
  const reader = new ProtoReader(buf)
  while (!reader.done) {
    const { field, wire } = reader.tag()
    if (!on(field, wire, reader)) reader.skip(wire)
  }
}

function timestampMs(buf: Buffer): number {
  let seconds = 0
  let nanos = 0
  readMessage(buf, (field, wire, reader) => {
    if (wire !== VARINT) return false
    if (field === 1) seconds = reader.varint()
    else if (field === 2) nanos = reader.varint()
    else return false
    return true
  })
  return seconds * 1000 + Math.floor(nanos / 1e6)
}

function vertex(buf: Buffer): BuildkitVertex {
  const v: BuildkitVertex = { digest: '', name: '', cached: false, started: null, completed: null, error: '' }
  readMessage(buf, (field, wire, reader) => {
    if (wire === VARINT && field === 4) v.cached = reader.varint() !== 0
    else if (wire !== LENGTH_DELIMITED) return false
    else if (field === 1) v.digest = reader.bytes().toString('utf8')
    else if (field === 3) v.name = reader.bytes().toString('utf8')
    else if (field === 5) v.started = timestampMs(reader.bytes())
    else if (field === 6) v.completed = timestampMs(reader.bytes())
    else if (field === 7) v.error = reader.bytes().toString('utf8')
    else return false
    return true
  })
  return v
}

function vertexLog(buf: Buffer): BuildkitLog {
  const log: BuildkitLog = { vertex: '', stream: 1, msg: Buffer.alloc(0) }
  readMessage(buf, (field, wire, reader) => {
    if (wire === VARINT && field === 3) log.stream = reader.varint()
    else if (wire !== LENGTH_DELIMITED) return false
    else if (field === 1) log.vertex = reader.bytes().toString('utf8')
    else if (field === 4) log.msg = Buffer.from(reader.bytes())
    else return false
    return true
  })
  return log
}

function vertexWarning(buf: Buffer): { vertex: string; short: string } {
  const warning = { vertex: '', short: '' }
  readMessage(buf, (field, wire, reader) => {
    if (wire !== LENGTH_DELIMITED) return false
    if (field === 1) warning.vertex = reader.bytes().toString('utf8')
    else if (field === 3) warning.short = reader.bytes().toString('utf8')
    else return false
    return true
  })
  return warning
}

/** Decodes one trace's base64 payload; throws on bytes that are not a StatusResponse. */
export function decodeBuildkitStatus(base64: string): BuildkitStatus {
  const status: BuildkitStatus = { vertexes: [], logs: [], warnings: [] }
  readMessage(Buffer.from(base64, 'base64'), (field, wire, reader) => {
    if (wire !== LENGTH_DELIMITED) return false
    if (field === 1) status.vertexes.push(vertex(reader.bytes()))
    else if (field === 3) status.logs.push(vertexLog(reader.bytes()))
    else if (field === 4) status.warnings.push(vertexWarning(reader.bytes()))
    else return false
    return true
  })
  return status
}
