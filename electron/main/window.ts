/**
 * The main window with Electron's security checklist applied in its webPreferences.
 */
import { BrowserWindow } from 'electron'
import { PRELOAD_PATH, RENDERER_INDEX_PATH } from './paths'

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'Berth',
    autoHideMenuBar: false,
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false
    }
  })
  // Showing after the first paint avoids a white flash before the theme applies.
  window.once('ready-to-show', () => window.show())
  void window.loadFile(RENDERER_INDEX_PATH)
  return window
}
