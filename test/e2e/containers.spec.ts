/**
 * The Containers view against the real engine: live updates from engine events, lifecycle
 * actions from the UI, removal through the dialog, search, state filter, Compose grouping,
 * bulk actions, and light/dark screenshots.
 */
import { expect, saveScreenshot, saveThemedScreenshots, test } from './support/fixtures'
import { markPage, pageWasNotReloaded, ui } from './support/ui'

/** `sleep` as PID 1 ignores SIGTERM, so a stop waits out the container's 2 s StopTimeout: long enough to see aria-busy. */
const SLOW_STOP_COMMAND = ['sleep', '3600']

test('a container created behind the UI appears in the grid without a reload', { tag: '@podman' }, async ({ app, containers }) => {
  await ui.containersSearch(app).fill(containers.prefix)
  await markPage(app)
  const { name } = await containers.create('fresh')
  const row = ui.containerRow(app, name)
  await expect(row).toBeVisible()
  await expect(ui.stateCell(row, 'created')).toBeVisible()
  expect(await pageWasNotReloaded(app), 'the row arrived without reloading the page').toBe(true)
})

test('"Stop NAME" stops a running container and its state turns exited live', { tag: '@podman' }, async ({ app, containers, engine }) => {
  const { id, name } = await containers.create('stopme', { running: true, cmd: SLOW_STOP_COMMAND })
  await ui.containersSearch(app).fill(name)
  const row = ui.containerRow(app, name)
  await expect(ui.stateCell(row, 'running')).toBeVisible()

  await ui.rowAction(app, 'Stop', name).click()
  // The stop takes ~2 s (the container ignores SIGTERM): the row says it is busy meanwhile.
  await expect(row).toHaveAttribute('aria-busy', 'true')
  await expect(ui.stateCell(row, 'exited')).toBeVisible({ timeout: 15_000 })
  await expect(row).not.toHaveAttribute('aria-busy', 'true')
  expect(await engine.inspectState(id)).toBe('exited')
})

test('"Remove NAME" asks in a dialog, then the row disappears', { tag: '@podman' }, async ({ app, containers, engine }) => {
  const { id, name } = await containers.create('removeme')
  await ui.containersSearch(app).fill(name)
  const row = ui.containerRow(app, name)
  await expect(row).toBeVisible()

  await ui.rowAction(app, 'Remove', name).click()
  const dialog = app.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('checkbox', { name: 'Force (stop running containers first)' })).toBeVisible()
  await expect(dialog.getByRole('checkbox', { name: 'Also remove anonymous volumes' })).toBeVisible()
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click()

  await expect(dialog).toBeHidden()
  await expect(row).toHaveCount(0)
  const answer = await engine.request('GET', `/containers/${id}/json`)
  expect(answer.status, 'the engine no longer knows the container').toBe(404)
})

test('"Cancel" in the remove dialog keeps the container', async ({ app, containers, engine }) => {
  const { id, name } = await containers.create('keepme')
  await ui.containersSearch(app).fill(name)
  await ui.rowAction(app, 'Remove', name).click()
  const dialog = app.getByRole('dialog')
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(ui.containerRow(app, name)).toBeVisible()
  expect(await engine.inspectState(id)).toBe('created')
})

test('search and the state filter narrow the rows', async ({ app, containers }) => {
  const alpha = await containers.create('alpha', { running: true })
  const beta = await containers.create('beta')
  const search = ui.containersSearch(app)

  await search.fill(containers.prefix)
  await expect(ui.containerRows(app)).toHaveCount(2)

  await search.fill(`${containers.prefix}-alp`)
  await expect(ui.containerRow(app, alpha.name)).toBeVisible()
  await expect(ui.containerRow(app, beta.name)).toHaveCount(0)
  await expect(ui.containerRows(app)).toHaveCount(1)

  await search.fill(containers.prefix)
  await ui.stateFilter(app).selectOption('running')
  await expect(ui.containerRow(app, alpha.name)).toBeVisible()
  await expect(ui.containerRow(app, beta.name)).toHaveCount(0)

  // "Stopped" covers exited, created and dead.
  await ui.stateFilter(app).selectOption('stopped')
  await expect(ui.containerRow(app, beta.name)).toBeVisible()
  await expect(ui.containerRow(app, alpha.name)).toHaveCount(0)
})

test('grouping by Compose project shows a group header for the project', async ({ app, containers }) => {
  const project = `${containers.prefix}-shop`
  const composeLabels = (service: string): Record<string, string> => ({
    'com.docker.compose.project': project,
    'com.docker.compose.service': service
  })
  const web = await containers.create('web', { labels: composeLabels('web') })
  const db = await containers.create('db', { labels: composeLabels('db') })
  const loose = await containers.create('loose')

  await ui.containersSearch(app).fill(containers.prefix)
  await expect(ui.containerRows(app)).toHaveCount(3)
  const groupHeader = ui.containersGrid(app).getByRole('row', { name: `${project} (2)` })
  await expect(groupHeader).toHaveCount(0)

  await ui.groupByCompose(app).check()
  await expect(groupHeader).toBeVisible()
  for (const { name } of [web, db, loose]) await expect(ui.containerRow(app, name)).toBeVisible()
  await saveScreenshot(app, 'containers-grouped-light.png')

  await ui.groupByCompose(app).uncheck()
  await expect(groupHeader).toHaveCount(0)
})

test('selecting several rows and "Stop selected" stops them all', async ({ app, containers, engine }) => {
  const first = await containers.create('bulk1', { running: true })
  const second = await containers.create('bulk2', { running: true })
  const bystander = await containers.create('bulk3', { running: true })
  await ui.containersSearch(app).fill(containers.prefix)
  for (const { name } of [first, second, bystander]) {
    await expect(ui.stateCell(ui.containerRow(app, name), 'running')).toBeVisible()
  }

  await ui.selectRow(app, first.name).check()
  await ui.selectRow(app, second.name).check()
  await app.getByRole('button', { name: 'Stop selected' }).click()

  await expect(ui.stateCell(ui.containerRow(app, first.name), 'exited')).toBeVisible({ timeout: 15_000 })
  await expect(ui.stateCell(ui.containerRow(app, second.name), 'exited')).toBeVisible({ timeout: 15_000 })
  expect(await engine.inspectState(bystander.id), 'an unselected container is left alone').toBe('running')
  await expect(ui.stateCell(ui.containerRow(app, bystander.name), 'running')).toBeVisible()
})

test('quick changes done behind the UI end with the row showing the engine\'s state', { tag: '@podman' }, async ({ app, containers, engine }) => {
  // Regression: resolving events by listing containers right after them can read dockerd's list
  // before it was updated (dockerd logs the event before it checkpoints the state), leaving the
  // row stale until the next event. Back-to-back changes, as scripts and Compose make, trigger it.
  const { id, name } = await containers.create('flip')
  await ui.containersSearch(app).fill(name)
  const row = ui.containerRow(app, name)
  await expect(ui.stateCell(row, 'created')).toBeVisible()
  await engine.start(id)
  await engine.pause(id)
  await expect(ui.stateCell(row, 'paused'), 'start then pause at once').toBeVisible({ timeout: 3_000 })
  for (let round = 1; round <= 5; round++) {
    await engine.unpause(id)
    await engine.pause(id)
    await engine.unpause(id)
    await expect(ui.stateCell(row, 'running'), `round ${round}: unpause, pause, unpause`).toBeVisible({ timeout: 3_000 })
    await engine.pause(id)
    await expect(ui.stateCell(row, 'paused'), `round ${round}: then pause`).toBeVisible({ timeout: 3_000 })
  }
})

test('screenshots of the Containers view, light and dark', async ({ app, containers, engine }) => {
  await containers.create('api', { running: true, labels: { 'com.docker.compose.project': `${containers.prefix}-demo` } })
  const paused = await containers.create('worker', { running: true })
  await engine.pause(paused.id)
  const stopped = await containers.create('batch', { running: true })
  await engine.stop(stopped.id)
  await containers.create('fresh')

  await ui.containersSearch(app).fill(containers.prefix)
  // Visiting Volumes loads its styles; their state-dot colours must not paint whole container rows.
  await ui.nav(app).getByRole('link', { name: 'Volumes' }).click()
  await ui.nav(app).getByRole('link', { name: 'Containers' }).click()
  const background = (name: string): Promise<string> => ui.containerRow(app, name).evaluate((row) => row.ownerDocument.defaultView?.getComputedStyle(row).backgroundColor ?? '')
  await saveThemedScreenshots(app, 'containers', async () => {
    await expect(ui.containerRows(app)).toHaveCount(4, { timeout: 2_000 })
    await expect(ui.stateCell(ui.containerRow(app, paused.name), 'paused')).toBeVisible({ timeout: 2_000 })
    const fresh = await background(`${containers.prefix}-fresh`)
    expect(await background(`${containers.prefix}-api`), 'a running row has the plain row background').toBe(fresh)
    expect(await background(paused.name), 'a paused row has the plain row background').toBe(fresh)
  })
})
