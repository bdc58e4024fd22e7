/** The IPC sender rule (electron/main/sender-trust.ts): only our window's top frame showing our index.html. */
import { describe, expect, it } from 'vitest'
import { isTrustedSender, sameDocument, type FrameLike, type IpcEventLike } from '../../electron/main/sender-trust'

const INDEX = 'file:///opt/Berth/resources/app.asar/out/renderer/index.html'
const TOP_ID = 7

function eventFrom(frame: Partial<FrameLike> | null, contentsId = 3): IpcEventLike {
  return {
    sender: { id: contentsId, mainFrame: { frameTreeNodeId: TOP_ID } },
    senderFrame: frame === null ? null : { url: INDEX, detached: false, parent: null, frameTreeNodeId: TOP_ID, ...frame }
  }
}

describe('isTrustedSender', () => {
  it('accepts the registered window top frame on our index.html, with or without a hash', () => {
    expect(isTrustedSender(eventFrom({}), 3, INDEX)).toBe(true)
    expect(isTrustedSender(eventFrom({ url: `${INDEX}#/containers` }), 3, INDEX)).toBe(true)
  })

  it('refuses other windows, unregistered senders and missing frames', () => {
    expect(isTrustedSender(eventFrom({}, 4), 3, INDEX)).toBe(false)
    expect(isTrustedSender(eventFrom({}), undefined, INDEX)).toBe(false)
    expect(isTrustedSender(eventFrom(null), 3, INDEX)).toBe(false)
  })

  it('refuses subframes and detached frames', () => {
    expect(isTrustedSender(eventFrom({ parent: {}, frameTreeNodeId: 9 }), 3, INDEX)).toBe(false)
    expect(isTrustedSender(eventFrom({ frameTreeNodeId: 9 }), 3, INDEX)).toBe(false)
    expect(isTrustedSender(eventFrom({ detached: true }), 3, INDEX)).toBe(false)
  })

  it('refuses any other document: remote pages, other local files, data and about URLs', () => {
    for (const url of [
      'https://evil.example/',
      'file:///tmp/evil.html',
      'file:///opt/Berth/resources/app.asar/out/renderer/other.html',
      'data:text/html,<p>hi</p>',
      'about:blank',
      'not a url'
    ]) {
      expect(isTrustedSender(eventFrom({ url }), 3, INDEX), url).toBe(false)
    }
  })
})

describe('sameDocument', () => {
  it('ignores query and hash but not path or scheme', () => {
    expect(sameDocument(`${INDEX}?x=1#y`, INDEX)).toBe(true)
    expect(sameDocument(INDEX.replace('file:', 'http:'), INDEX.replace('file:', 'http:'))).toBe(false)
    expect(sameDocument(`${INDEX}/..`, INDEX)).toBe(false)
  })
})
