/**
 * The Engines page's "This machine" section: what Berth found here (distribution, service
 * manager, Docker and Podman, who you are) and what it can do about it, with the setup dialog a
 * click away — also when an engine already runs (to add Podman, say).
 */
import { useEffect, type ReactElement } from 'react'
import { Spinner } from '../../components/Spinner'
import { useSlice, useStores } from '../../stores/context'
import '../../styles/setup.css'
import { DetectionSummary } from './DetectionSummary'
import { isRunning } from './runProgress'

export function NativeEngineSetup(): ReactElement {
  const { setup } = useStores()
  const detection = useSlice(setup, (s) => s.detection)
  const detecting = useSlice(setup, (s) => s.detecting)
  const detectError = useSlice(setup, (s) => s.detectError)
  const running = useSlice(setup, (s) => isRunning(s.run))

  useEffect(() => {
    void setup.getState().detect()
  }, [setup])

  const offer = detection?.offer
  const openLabel = running ? 'Show setup progress' : offer && offer.action !== 'none' ? offer.label : 'Set up an engine…'
  return (
    <section className="setup-section" aria-labelledby="setup-section-heading">
      <div className="setup-section-head">
        <h2 id="setup-section-heading">This machine</h2>
        {detecting ? <Spinner /> : null}
        <span className="setup-section-actions">
          <button type="button" className="btn btn-small" disabled={detecting} onClick={() => void setup.getState().detect()}>
            Check again
          </button>
          <button type="button" className="btn btn-small btn-primary" disabled={!detection || detection.supported === false} onClick={() => setup.getState().openDialog()}>
            {openLabel}
          </button>
        </span>
      </div>
      {detectError ? <p className="field-error">Berth couldn't look at this machine: {detectError}</p> : null}
      {offer ? <p className="setup-summary">{offer.summary}</p> : null}
      {detection ? <DetectionSummary detection={detection} /> : null}
    </section>
  )
}
