/**
 * Electron main process: lifecycle only. The core (engines + handler table) is the same one browser
 * mode uses; this file wires it to windows through the IPC transport.
 */
import { BrowserWindow, Menu, app, session } from 'electron'
import { createCore, type Core } from '../core/app'
import { electronHostDialogs } from './host-dialogs'
import { IpcTransport } from './ipc'
import { buildMenu } from './menu'
import { RENDERER_INDEX_URL } from './paths'
import { hardenSession, hardenWebContents } from './security'
import { createMainWindow } from './window'

const log = (message: string): void => {
  process.stderr.write(`berth: ${message}\n`)
}

// Sandbox every renderer, including any a bug might create outside createMainWindow.
app.enableSandbox()
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))

let core: Core | undefined
let transport: IpcTransport | undefined
let shutDown = false

function openWindow(): BrowserWindow {
  const window = createMainWindow()
  transport?.attach(window.webContents)
  return window
}

if (!app.requestSingleInstanceLock()) {
  // Another Berth is running; it focuses its window (see 'second-instance').
  app.quit()
} else {
  app.on('second-instance', () => {
    // Before the core is ready the startup code opens the window itself.
    if (!transport) return
    const [existing] = BrowserWindow.getAllWindows()
    if (!existing) return void openWindow()
    if (existing.isMinimized()) existing.restore()
    existing.focus()
  })

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession)
      core = await createCore({ log, hostDialogs: electronHostDialogs })
      transport = new IpcTransport(core.handlers, RENDERER_INDEX_URL, log)
      Menu.setApplicationMenu(
        buildMenu({ appName: app.name, isMac: process.platform === 'darwin', isDevelopment: !app.isPackaged })
      )
      openWindow()
      // macOS keeps apps alive without windows; clicking the dock icon opens one again.
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow()
      })
    })
    .catch((err: unknown) => {
      log(`could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
      app.exit(1)
    })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

// Close engine connections (SSH sessions, the VM's forwards) before the process goes away.
app.on('will-quit', (event) => {
  if (shutDown || !core) return
  event.preventDefault()
  shutDown = true
  transport?.dispose()
  const closing = core.close().catch((err: unknown) => log(`shutdown: ${String(err)}`))
  const deadline = new Promise((resolveDeadline) => setTimeout(resolveDeadline, 5_000))
  void Promise.race([closing, deadline]).then(() => app.quit())
})
