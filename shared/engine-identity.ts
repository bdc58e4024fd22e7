/**
 * Which engine product Berth is talking to (Docker, Podman, …), and how it is named to people.
 * No zod here: the top bar names the engine before the first paint (see shared/errors.ts for why);
 * the wire schemas in engines-models.ts are held to these types at compile time.
 */

export const ENGINE_PRODUCTS = ['docker', 'podman', 'unknown'] as const
export type EngineProduct = (typeof ENGINE_PRODUCTS)[number]

/** What an engine's /version says it is. */
export interface EngineIdentityShape {
  product: EngineProduct
  /** The product as people call it: "Docker", "Podman", or the engine's own component name. */
  productName: string
  /** The product's own version, e.g. "20.10.24+dfsg1" or "4.3.1". */
  version: string
  /** The newest Docker-compatible API version the engine offers (its /version ApiVersion), e.g. "1.41". */
  apiVersion: string
  /** Podman's own (libpod) API version, when the engine has one. */
  nativeApiVersion?: string
  /** /version's Platform.Name: "Docker Engine - Community", "Docker Desktop 4.30.0 (149282)", "linux/amd64/debian-12"; often "". */
  platform: string
}

/** "Podman 4.3.1", "Docker 20.10.24+dfsg1": how the header and the Engines page name an engine. */
export function engineLabel(identity: Pick<EngineIdentityShape, 'productName' | 'version'>): string {
  return `${identity.productName} ${identity.version}`
}

/** "4.3" from "4.3.1": reasons speak of a release line, not a patch level. */
export function releaseLine(version: string): string {
  const match = /^(\d+)\.(\d+)/.exec(version)
  return match ? `${match[1]}.${match[2]}` : version
}
