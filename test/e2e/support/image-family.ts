/**
 * A small family of images for the image-details tests, built with the classic builder on the
 * test engine: a base FROM the busybox test image with two RUN steps, and two children FROM that
 * base with a RUN of their own (random bytes, so no other suite's layer can equal theirs) plus
 * config for the details view. Everything carries berth.test=1, berth.test.area=image-details and
 * a run label; removeFamily() deletes exactly those images (children first, intermediates with them).
 */
import { randomBytes } from 'node:crypto'
import type { EngineApi } from './engine-api'
import { build } from './image-api'

export const AREA_LABELS: Record<string, string> = { 'berth.test': '1', 'berth.test.area': 'image-details' }
export const RUN_LABEL = 'berth.test.image-details-run'

export interface ImageFamily {
  run: string
  labels: Record<string, string>
  base: string
  childA: string
  childB: string
  /** Bytes the RUN step of each child writes. */
  childBytes: { a: number; b: number }
}

/** `extraLabels`: e.g. the E2E suite's own, so its crash clean-up finds these images too. */
export async function buildFamily(engine: EngineApi, testImage: string, extraLabels: Record<string, string> = {}): Promise<ImageFamily> {
  const run = randomBytes(4).toString('hex')
  const labels = { ...extraLabels, ...AREA_LABELS, [RUN_LABEL]: run }
  const base = `image-details-base-${run}:1`
  const childA = `image-details-child-a-${run}:1`
  const childB = `image-details-child-b-${run}:1`
  const childBytes = { a: 3000, b: 5000 }
  await build(engine, base, [
    `FROM ${testImage}`,
    `RUN echo ${run} > /base-marker`,
    'RUN head -c 20000 /dev/urandom > /base-blob',
    'ENV BASE_VERSION=1'
  ].join('\n'), labels)
  const child = (name: string, bytes: number, port: string): string => [
    `FROM ${base}`,
    `RUN head -c ${bytes} /dev/urandom > /${name}.bin`,
    `ENV CHILD=${name}`,
    'WORKDIR /srv',
    'USER nobody',
    `EXPOSE ${port} 53/udp`,
    'VOLUME /data',
    `LABEL image-details.child=${name}`,
    `ENTRYPOINT ["/bin/sh", "-c"]`,
    `CMD ["echo ${name}"]`
  ].join('\n')
  await build(engine, childA, child('a', childBytes.a, '8080/tcp'), labels)
  await build(engine, childB, child('b', childBytes.b, '9090/tcp'), labels)
  return { run, labels, base, childA, childB, childBytes }
}

/** Removes this family's tagged images (newest first); their untagged build steps go with them. */
export async function removeFamily(engine: EngineApi, family: ImageFamily): Promise<void> {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${RUN_LABEL}=${family.run}`] }))
  const images = (await engine.ok('GET', `/images/json?filters=${filters}`)) as Array<{ Id: string; Created: number }>
  images.sort((a, b) => b.Created - a.Created)
  for (const image of images) await engine.ok('DELETE', `/images/${image.Id}?force=1`, undefined, [404, 409])
}
