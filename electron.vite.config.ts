/**
 * One build, three targets:
 *  - main: out/main/index.js (Electron's main process) and out/main/serve.js (browser mode, plain Node 20).
 *    Both CommonJS; npm dependencies stay external (they are in node_modules next to package.json).
 *  - preload: out/preload/index.js, a single CommonJS file. Sandboxed preloads can only `require('electron')`,
 *    so everything else it uses is bundled in and there are no chunks.
 *  - renderer: renderer/ → out/renderer with a relative base so the page loads from file:// and from serve.js.
 * `electron-vite build --outDir DIR` puts all three under DIR (used by tests and helpers).
 * BERTH_BUILD_ONLY=main[,preload][,renderer] builds just those parts (tests of serve.js need only main).
 */
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type UserConfig } from 'electron-vite'

const root = __dirname
const only = process.env.BERTH_BUILD_ONLY?.split(',').map((part) => part.trim())
const wanted = (part: 'main' | 'preload' | 'renderer'): boolean => !only || only.includes(part)

const config: UserConfig = {
  main: {
    build: {
      // serve.js runs under the system Node (>= 20), not only Electron's newer Node.
      target: 'node20',
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          serve: resolve(root, 'electron/serve.ts')
        },
        output: { format: 'cjs', entryFileNames: '[name].js', chunkFileNames: 'chunks/core-[hash].js' }
      }
    }
  },
  preload: {
    build: {
      // Bundle everything: a sandboxed preload cannot load other files or node_modules.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' }
      }
    }
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      // electron-vite leaves the renderer unminified; minified, the JS parsed before the first
      // paint is a third of the size (issue: cold start). Property names survive minification, so
      // the one private xterm method Berth replaces (terminal/trueColour.ts) is still found.
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } }
    }
  }
}

export default defineConfig({
  main: wanted('main') ? config.main : undefined,
  preload: wanted('preload') ? config.preload : undefined,
  renderer: wanted('renderer') ? config.renderer : undefined
})
