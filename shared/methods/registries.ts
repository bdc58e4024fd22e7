/**
 * registries.*: the registries a person uses (Docker Hub, those added in Berth, those the docker
 * CLI is logged in to), logging in and out the Docker way (validated against the registry before
 * anything is saved; secrets never come back), browsing a v2 registry (catalog, tags with digest,
 * size and created; deleting a tag where the registry allows) and searching Docker Hub.
 */
import { z } from 'zod'
import {
  CatalogPage,
  Digest,
  HubSearchResult,
  LoginInput,
  LoginStatus,
  RegistryEntry,
  RegistryId,
  RepositoryName,
  TagName,
  TagsPage,
  registryAddressProblem
} from '../registries-models'
import { call, Done, None } from '../spec'

const Registry = z.object({ registry: RegistryId }).strict()
const PageSize = (max: number) => z.number().int().min(1, 'a page has at least 1 entry').max(max, `a page has at most ${max} entries`)
/** A catalog/tags cursor: the last name of the previous page, as the v2 API takes it. */
const Cursor = z.string().min(1).max(300, 'a cursor is at most 300 characters')

export const registryMethods = {
  'registries.list': call(None, z.array(RegistryEntry)),
  'registries.add': call(
    z
      .object({
        address: z.string().superRefine((text, ctx) => {
          const problem = registryAddressProblem(text)
          if (problem) ctx.addIssue({ code: 'custom', message: problem })
        })
      })
      .strict(),
    RegistryEntry
  ),
  'registries.remove': call(Registry, Done),
  'registries.status': call(Registry, LoginStatus),
  'registries.login': call(LoginInput, LoginStatus),
  'registries.logout': call(Registry, LoginStatus),
  'registries.catalog': call(
    z
      .object({
        registry: RegistryId,
        pageSize: PageSize(500),
        last: Cursor.optional(),
        /** Only repositories whose name contains this (the v2 API cannot filter: Berth walks the catalog). */
        filter: z.string().max(255, 'a filter is at most 255 characters').optional()
      })
      .strict(),
    CatalogPage
  ),
  'registries.tags': call(
    z.object({ registry: RegistryId, repository: RepositoryName, pageSize: PageSize(100), last: Cursor.optional() }).strict(),
    TagsPage
  ),
  'registries.deleteTag': call(
    z
      .object({
        registry: RegistryId,
        repository: RepositoryName,
        tag: TagName,
        /** The digest the person saw: if the tag moved since, nothing is deleted. */
        digest: Digest
      })
      .strict(),
    Done
  ),
  'registries.hubSearch': call(
    z.object({ query: z.string().trim().min(1, 'type what to search for').max(255, 'a search is at most 255 characters') }).strict(),
    HubSearchResult
  )
} as const
