/** The desktop app's native file dialogs for the core (electron/core/host-dialogs.ts), attached to Berth's window. */
import { BrowserWindow, dialog } from 'electron'
import type { HostDialogs } from '../core/host-dialogs'

const owner = (): BrowserWindow | undefined => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]

export const electronHostDialogs: HostDialogs = {
  async pickFolder({ title, defaultPath }) {
    const window = owner()
    const options = { title, defaultPath, properties: ['openDirectory' as const] }
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
  async pickSaveFile({ title, defaultName, filters }) {
    const window = owner()
    const options = { title, defaultPath: defaultName, filters }
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
    return result.canceled ? null : (result.filePath ?? null)
  },
  async pickOpenFile({ title, filters }) {
    const window = owner()
    const options = { title, filters, properties: ['openFile' as const] }
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  }
}
