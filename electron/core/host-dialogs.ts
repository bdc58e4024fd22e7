/**
 * Native file dialogs, which only the desktop app has. Electron's main process supplies an
 * implementation (electron/main/host-dialogs.ts); browser mode has none, and the renderer then
 * asks for a path on the host in a text field instead (with a note saying so).
 */
export interface FileFilter {
  name: string
  extensions: string[]
}

export interface HostDialogs {
  /** A folder the user chose, or null when they cancelled. */
  pickFolder(options: { title: string; defaultPath?: string }): Promise<string | null>
  /** A file path to write, or null when they cancelled. */
  pickSaveFile(options: { title: string; defaultName: string; filters?: FileFilter[] }): Promise<string | null>
  /** An existing file to read, or null when they cancelled. */
  pickOpenFile(options: { title: string; filters?: FileFilter[] }): Promise<string | null>
}
