/** The embedded terminal as specs drive it: open it the way people do, type, read the screen. */
import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'
import { ui } from './ui'

/** The busybox prompt, as a line of its own (rows are compared with trailing blanks dropped). */
export const PROMPT = /^\/ #$/m
export const LONG_RUNNING = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done']

/** The flow people use: the name in the list → details → the Terminal tab. */
export async function openTerminal(app: Page, name: string): Promise<Locator> {
  await ui.containersSearch(app).fill(name)
  await ui.containerRow(app, name).getByRole('button', { name, exact: true }).click()
  await app.getByRole('tablist', { name: 'Container details' }).getByRole('tab', { name: 'Terminal' }).click()
  const screen = app.getByRole('region', { name: `Terminal for ${name}` })
  await expect(screen).toBeVisible()
  await expectScreen(screen, PROMPT)
  return screen
}

/** What the terminal shows (xterm's DOM rows), trailing blanks dropped. */
export const screenText = (screen: Locator): Promise<string> =>
  screen.locator('.xterm-rows').evaluate((rows) => [...rows.children].map((row) => (row.textContent ?? '').trimEnd()).join('\n'))

export const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? ''

export async function expectScreen(screen: Locator, pattern: RegExp, timeout = 10_000): Promise<void> {
  await expect(async () => expect(await screenText(screen)).toMatch(pattern)).toPass({ timeout })
}

export async function typeLine(screen: Locator, line: string): Promise<void> {
  await screen.click()
  await screen.page().keyboard.type(line)
  await screen.page().keyboard.press('Enter')
}

