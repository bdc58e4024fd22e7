/**
 * What the page parses before its first paint: every script that finished loading before the
 * first contentful paint, by the browser's own resource timing. The budget is 400 KB (the
 * renderer is minified and everything the Containers page doesn't show loads on first use;
 * zod, ~90 KB, is not among them: the client checks frames by hand, shared/wire-check.ts).
 * Also: every other page still opens (its chunk loads on demand) and says so by its heading.
 */
import { expect, openBerth, test } from './support/fixtures'
import { scriptLoads } from './support/page-probes'
import { ui } from './support/ui'

const FIRST_PAINT_SCRIPT_BUDGET_BYTES = 400 * 1024

test('the first paint needs ≤ 400 KB of JavaScript, and the other pages load their code when opened', async ({ page, state }) => {
  await openBerth(page, state.server.url)
  const { firstPaint, scripts } = await page.evaluate(scriptLoads)
  expect(Number.isFinite(firstPaint), 'the page reported its first contentful paint').toBe(true)
  const beforePaint = scripts.filter((script) => script.doneAt <= firstPaint)
  const total = beforePaint.reduce((sum, script) => sum + script.bytes, 0)
  console.log(`cold start: ${total} bytes of JavaScript before the first paint (${beforePaint.map((s) => `${s.name} ${s.bytes}`).join(', ')})`)
  expect(beforePaint.length).toBeGreaterThan(0)
  expect(beforePaint.every((script) => script.bytes > 0), 'sizes are readable (same origin)').toBe(true)
  expect(beforePaint.map((script) => script.name).join(' ')).not.toMatch(/zod/)
  expect(total).toBeLessThanOrEqual(FIRST_PAINT_SCRIPT_BUDGET_BYTES)

  for (const name of ['Images', 'Builds', 'Registries', 'Volumes', 'Networks', 'Disk usage', 'Engines']) {
    await ui.nav(page).getByRole('link', { name: new RegExp(`^${name}\\b`) }).click()
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible()
  }
  const afterPages = await page.evaluate(scriptLoads)
  expect(afterPages.scripts.length).toBeGreaterThan(scripts.length)
})
