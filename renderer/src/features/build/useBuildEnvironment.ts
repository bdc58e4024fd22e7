/**
 * What the build form asks Berth while it is being filled: whether native folder dialogs exist
 * (desktop) or a typed path is the way (browser mode), whether the engine takes BuildKit, and —
 * a moment after the folder and Dockerfile stop changing — whether they are there and which
 * stages and ARGs the Dockerfile declares. None of this reaches the engine's build endpoint.
 */
import { useEffect, useState } from 'react'
import type { BuildersInfo, ContextCheck } from '../../../../shared/build-models'
import { contextPathProblem, dockerfilePathProblem } from '../../../../shared/build-models'
import { useStores } from '../../stores/context'
import { describeError } from '../../stores/describeError'

const CHECK_DELAY_MS = 400

export interface BuildEnvironment {
  nativeDialogs: boolean
  builders: BuildersInfo | null
  check: ContextCheck | null
}

export function useBuildEnvironment(contextPath: string, dockerfile: string): BuildEnvironment {
  const { client } = useStores()
  const [nativeDialogs, setNativeDialogs] = useState(false)
  const [builders, setBuilders] = useState<BuildersInfo | null>(null)
  // Kept with the folder + Dockerfile it answers, so an answer for an older path is never shown.
  const [check, setCheck] = useState<{ key: string; result: ContextCheck } | null>(null)

  useEffect(() => {
    let live = true
    client.call('host.capabilities', {}).then((caps) => live && setNativeDialogs(caps.nativeDialogs), () => {})
    client.call('build.builders', {}).then(
      (info) => live && setBuilders(info),
      (err: unknown) => live && setBuilders({ buildkit: false, reason: `Couldn't ask the engine: ${describeError(err)}` })
    )
    return () => {
      live = false
    }
  }, [client])

  const path = contextPath.trim()
  const file = dockerfile.trim()
  const checkable = contextPathProblem(path) === null && dockerfilePathProblem(file) === null
  const key = `${path}\0${file}`
  useEffect(() => {
    if (!checkable) return
    let live = true
    const timer = setTimeout(() => {
      client.call('build.inspectContext', { contextPath: path, dockerfile: file }).then(
        (result) => live && setCheck({ key, result }),
        () => live && setCheck(null)
      )
    }, CHECK_DELAY_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [client, path, file, key, checkable])

  return { nativeDialogs, builders, check: checkable && check?.key === key ? check.result : null }
}
