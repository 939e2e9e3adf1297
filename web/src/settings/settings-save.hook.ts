import type { WorkspaceSettingsBody, WorkspaceSettingsView } from '@switchyard/contracts';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { api } from '../app/api';
import { type FormCheck, type FormSubmit, useFormSubmit } from '../shared/use-form-submit.hook';

export interface SettingsSave {
  form: FormSubmit;
  /** True from a successful save until the next submit. */
  saved: boolean;
  /**
   * Checks, then saves `body` (only the fields it names change) and hands the new settings
   * to `onSaved`; `after` gets them too (e.g. to close the form or show what was stored).
   */
  save: (
    event: FormEvent,
    check: FormCheck,
    body: WorkspaceSettingsBody,
    after?: (settings: WorkspaceSettingsView) => void,
  ) => void;
}

/** The save of one settings card. */
export function useSettingsSave(onSaved: (settings: WorkspaceSettingsView) => void): SettingsSave {
  const form = useFormSubmit();
  const [saved, setSaved] = useState(false);
  const save: SettingsSave['save'] = (event, check, body, after) => {
    setSaved(false);
    form.submit(event, check, async () => {
      const settings = await api.workspace.updateSettings(body);
      onSaved(settings);
      setSaved(true);
      after?.(settings);
    });
  };
  return { form, saved, save };
}
