import type { JourneySettings } from '@switchyard/contracts';
import { EventWhere } from '../forms/event-where.component';
import { useSyncedDraft } from '../forms/use-synced-draft.hook';
import { useEditorStore } from '../store/editor.store';
import { formToSettings, settingsToForm, type SettingsForm } from './journey-settings.form';
import { FrequencyCaps } from './frequency-caps.component';
import { RadioChoice } from '../../shared/form.component';

const REENTRY: { mode: SettingsForm['reentry']; label: string; hint: string }[] = [
  { mode: 'never', label: 'Never', hint: 'A customer goes through this journey once, ever.' },
  {
    mode: 'after_exit',
    label: 'After they finish',
    hint: 'Again once their previous run has ended.',
  },
  {
    mode: 'always',
    label: 'Every time',
    hint: 'Each time the trigger fires, after a cooldown.',
  },
];

/** Journey-wide rules (journeySettingsSchema): re-entry, exits, goal, quiet hours. */
export function JourneySettingsPanel() {
  const settings = useEditorStore((s) => s.settings);
  const setSettings = useEditorStore((s) => s.setSettings);
  const readOnly = useEditorStore((s) => s.preview !== null);
  const [form, commit] = useSyncedDraft<JourneySettings, SettingsForm>(
    settings,
    settingsToForm,
    setSettings,
  );
  const result = formToSettings(form);
  const errors = result.ok ? {} : result.errors;
  const update = (patch: Partial<SettingsForm>) => {
    const next = { ...form, ...patch };
    const checked = formToSettings(next);
    commit(next, checked.ok ? { value: checked.settings } : undefined);
  };
  const error = (path: string) =>
    errors[path] && (
      <p className="field__error" data-testid={`settings-error-${path}`}>
        {errors[path]}
      </p>
    );

  return (
    <div className="journey-settings" data-testid="journey-settings">
      <fieldset className="settings-section" disabled={readOnly}>
        <legend>Re-entry</legend>
        <p className="field__description">Can a customer go through this journey again?</p>
        {REENTRY.map((option) => (
          <RadioChoice
            key={option.mode}
            name="reentry"
            label={option.label}
            hint={option.hint}
            checked={form.reentry === option.mode}
            onSelect={() => update({ reentry: option.mode })}
            testId={`settings-reentry-${option.mode}`}
          />
        ))}
        {form.reentry === 'always' && (
          <div className="field field--inline">
            <label className="field__label" htmlFor="settings-cooldown">
              Cooldown (hours)
            </label>
            <input
              id="settings-cooldown"
              data-testid="settings-cooldown"
              type="number"
              min={0}
              value={form.cooldownHours}
              onChange={(e) => update({ cooldownHours: e.target.value })}
            />
            {error('reentry.cooldownHours')}
          </div>
        )}
      </fieldset>

      <fieldset className="settings-section" disabled={readOnly}>
        <legend>Goal</legend>
        <label className="choice">
          <input
            type="checkbox"
            data-testid="settings-goal-enabled"
            checked={form.goalEnabled}
            onChange={(e) => update({ goalEnabled: e.target.checked })}
          />
          <span>
            <span className="choice__label">Measure conversions</span>
            <span className="choice__hint">A customer converts by doing an event in time.</span>
          </span>
        </label>
        {form.goalEnabled && (
          <>
            <EventWhere
              testId="settings-goal"
              value={{
                event: form.goalEvent,
                ...(form.goalWhere ? { where: form.goalWhere } : {}),
              }}
              eventError={errors['goal.event']}
              onChange={(v) => update({ goalEvent: v.event, goalWhere: v.where })}
            />
            <div className="field field--inline">
              <label className="field__label" htmlFor="settings-goal-days">
                Within (days of entering)
              </label>
              <input
                id="settings-goal-days"
                data-testid="settings-goal-days"
                type="number"
                min={1}
                max={365}
                value={form.goalWithinDays}
                onChange={(e) => update({ goalWithinDays: e.target.value })}
              />
              {error('goal.withinDays')}
            </div>
          </>
        )}
      </fieldset>

      <fieldset className="settings-section" disabled={readOnly}>
        <legend>Exit early</legend>
        <label className="choice">
          <input
            type="checkbox"
            data-testid="settings-exit-segment"
            checked={form.exitOnSegmentExit}
            onChange={(e) => update({ exitOnSegmentExit: e.target.checked })}
          />
          <span className="choice__label">When they leave the trigger’s segment (or group)</span>
        </label>
        <label className="choice">
          <input
            type="checkbox"
            data-testid="settings-exit-goal"
            checked={form.goalEnabled && form.exitOnGoal}
            disabled={!form.goalEnabled}
            onChange={(e) => update({ exitOnGoal: e.target.checked })}
          />
          <span className="choice__label">When they reach the goal</span>
        </label>
      </fieldset>

      <fieldset className="settings-section" disabled={readOnly}>
        <legend>Quiet hours</legend>
        <label className="choice">
          <input
            type="checkbox"
            data-testid="settings-quiet-enabled"
            checked={form.quietEnabled}
            onChange={(e) => update({ quietEnabled: e.target.checked })}
          />
          <span>
            <span className="choice__label">Hold messages overnight</span>
            <span className="choice__hint">In each customer’s time zone; sent when it ends.</span>
          </span>
        </label>
        {form.quietEnabled && (
          <div className="field-row">
            <div className="field">
              <label className="field__label" htmlFor="settings-quiet-start">
                From
              </label>
              <input
                id="settings-quiet-start"
                data-testid="settings-quiet-start"
                type="time"
                value={form.quietStart}
                onChange={(e) => update({ quietStart: e.target.value })}
              />
              {error('quietHours.start')}
            </div>
            <div className="field">
              <label className="field__label" htmlFor="settings-quiet-end">
                Until
              </label>
              <input
                id="settings-quiet-end"
                data-testid="settings-quiet-end"
                type="time"
                value={form.quietEnd}
                onChange={(e) => update({ quietEnd: e.target.value })}
              />
              {error('quietHours.end')}
            </div>
          </div>
        )}
      </fieldset>

      <FrequencyCaps />
    </div>
  );
}
