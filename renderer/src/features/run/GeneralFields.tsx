/** Image, name, command and entrypoint overrides, -i / -t, working directory and user. */
import type { ReactElement, ReactNode } from 'react'
import type { RunForm } from '../../../../shared/run-form'
import { Field } from './Field'

export interface GeneralFieldsProps {
  form: RunForm
  update: (patch: Partial<RunForm>) => void
  errorFor: (field: string) => string | null
  onTouch: (field: string) => void
  imageSuggestions: readonly string[]
  /** Said under the image field, e.g. the offer to pull an image the engine doesn't have. */
  imageHint?: ReactNode
}

export function GeneralFields({ form, update, errorFor, onTouch, imageSuggestions, imageHint }: GeneralFieldsProps): ReactElement {
  const text = (key: 'image' | 'name' | 'command' | 'entrypoint' | 'workingDir' | 'user', placeholder: string, extra = {}) =>
    // Called as a render function by Field (not mounted as a component), so inputs keep focus.
    function textControl(p: object): ReactElement {
      return (
        <input
          className="input"
          {...p}
          {...extra}
          placeholder={placeholder}
          value={form[key]}
          onChange={(e) => update({ [key]: e.currentTarget.value })}
          onInput={() => onTouch(key)}
        />
      )
    }
  return (
    <fieldset className="run-section run-grid">
      <legend>Container</legend>
      <datalist id="run-image-suggestions">
        {imageSuggestions.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      <Field id="run-image" label="Image" error={errorFor('image')} hint={imageHint} className="span-2">
        {text('image', 'e.g. busybox:latest', { list: 'run-image-suggestions', 'data-autofocus': true, autoComplete: 'off', spellCheck: false })}
      </Field>
      <Field id="run-name" label="Name" error={errorFor('name')} hint="Optional: the engine picks one when empty.">
        {text('name', 'my-container', { autoComplete: 'off', spellCheck: false })}
      </Field>
      <Field id="run-user" label="User" error={errorFor('user')}>
        {text('user', "image's default (e.g. 1000:1000)", { spellCheck: false })}
      </Field>
      <Field id="run-command" label="Command" error={errorFor('command')} hint="Replaces the image's CMD; quotes group words.">
        {text('command', 'e.g. sh -c "echo hello"', { className: 'input mono', spellCheck: false })}
      </Field>
      <Field id="run-entrypoint" label="Entrypoint" error={errorFor('entrypoint')}>
        {text('entrypoint', "image's default", { spellCheck: false })}
      </Field>
      <Field id="run-workdir" label="Working directory" error={errorFor('workingDir')}>
        {text('workingDir', "image's default (absolute path)", { spellCheck: false })}
      </Field>
      <div className="field run-checks">
        <label className="check">
          <input type="checkbox" checked={form.interactive} onChange={(e) => update({ interactive: e.currentTarget.checked })} />
          Interactive (keep stdin open, -i)
        </label>
        <label className="check">
          <input type="checkbox" checked={form.tty} onChange={(e) => update({ tty: e.currentTarget.checked })} />
          Allocate a TTY (-t)
        </label>
      </div>
    </fieldset>
  )
}
