/**
 * The application menu: standard roles only, so shortcuts and platform conventions come from Electron.
 * Developer tools appear only in unpackaged (development) builds.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron'

export function buildMenu(options: { appName: string; isMac: boolean; isDevelopment: boolean }): Menu {
  const { appName, isMac, isDevelopment } = options
  const template: MenuItemConstructorOptions[] = []
  if (isMac) {
    template.push({
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' }
      ]
    })
  }
  template.push({ label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] })
  template.push({ role: 'editMenu' })
  template.push({
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(isDevelopment ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' }
    ]
  })
  template.push({ role: 'windowMenu' })
  return Menu.buildFromTemplate(template)
}
