/**
 * Locators for Berth's UI, by role and accessible name only (the names agreed with the UI's
 * authors). One place to adapt if a name changes.
 */
import type { Locator, Page } from '@playwright/test'
import { hasMarker, setMarker } from './page-probes'

export const ui = {
  nav: (page: Page): Locator => page.getByRole('navigation', { name: 'Main' }),
  engineStatus: (page: Page): Locator => page.getByRole('status', { name: 'Engine connection' }),
  containersGrid: (page: Page): Locator => page.getByRole('grid', { name: 'Containers' }),
  containersSearch: (page: Page): Locator => page.getByRole('searchbox', { name: 'Search containers' }),
  stateFilter: (page: Page): Locator => page.getByRole('combobox', { name: 'State filter' }),
  groupByCompose: (page: Page): Locator => page.getByRole('checkbox', { name: 'Group by Compose project' }),
  refresh: (page: Page): Locator => page.getByRole('button', { name: 'Refresh', exact: true }),
  containerRow: (page: Page, name: string): Locator =>
    page.getByRole('grid', { name: 'Containers' }).getByRole('row', { name, exact: true }),
  /** Container rows only: not the header row (column headers) nor Compose group rows ("project (N)"). */
  containerRows: (page: Page): Locator =>
    page
      .getByRole('grid', { name: 'Containers' })
      .getByRole('row')
      .filter({ has: page.getByRole('checkbox', { name: /^Select (?!all$)/ }) }),
  /**
   * A row's State cell when it shows the given state (running, exited, paused…): the cell's name
   * starts with the state badge's word, followed by the engine's own status text.
   */
  stateCell: (row: Locator, state: string): Locator => row.getByRole('gridcell', { name: new RegExp(`^\\s*${state}`, 'i') }),
  rowAction: (page: Page, action: string, name: string): Locator =>
    page.getByRole('button', { name: `${action} ${name}`, exact: true }),
  selectRow: (page: Page, name: string): Locator => page.getByRole('checkbox', { name: `Select ${name}`, exact: true }),
  imagesGrid: (page: Page): Locator => page.getByRole('grid', { name: 'Images' }),
  imagesSearch: (page: Page): Locator => page.getByRole('searchbox', { name: 'Search images' }),
  danglingOnly: (page: Page): Locator => page.getByRole('checkbox', { name: 'Dangling only' })
}

/** Puts a marker on window; if it is still there later, the page was not reloaded in between. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(setMarker)
}

export async function pageWasNotReloaded(page: Page): Promise<boolean> {
  return page.evaluate(hasMarker)
}
