import { DEFAULT_JOURNEY_SETTINGS, type JourneySettings } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { formToSettings, settingsToForm } from './journey-settings.form';

const full: JourneySettings = {
  reentry: { mode: 'always', cooldownHours: 48 },
  exit: { onSegmentExit: true, onGoal: true },
  goal: {
    event: 'Order Completed',
    withinDays: 14,
    where: [{ property: 'total', op: 'gte', value: 50 }],
  },
  quietHours: { start: '22:00', end: '07:30' },
};

describe('journey settings form', () => {
  it('round-trips the defaults and a full set of settings', () => {
    expect(formToSettings(settingsToForm(DEFAULT_JOURNEY_SETTINGS))).toEqual({
      ok: true,
      settings: DEFAULT_JOURNEY_SETTINGS,
    });
    expect(formToSettings(settingsToForm(full))).toEqual({ ok: true, settings: full });
  });

  it('drops the goal, its exit and quiet hours when they are switched off', () => {
    const form = { ...settingsToForm(full), goalEnabled: false, quietEnabled: false };
    const result = formToSettings(form);
    expect(result.ok && result.settings).toMatchObject({
      goal: null,
      quietHours: null,
      exit: { onSegmentExit: true, onGoal: false },
    });
  });

  it('keeps the cooldown only for "always"', () => {
    const result = formToSettings({ ...settingsToForm(full), reentry: 'never' });
    expect(result.ok && result.settings.reentry).toEqual({ mode: 'never' });
  });

  it('reports bad input by path with the contracts’ messages', () => {
    const form = {
      ...settingsToForm(full),
      cooldownHours: '',
      goalEvent: '',
      goalWithinDays: '0',
      quietStart: '09:00',
      quietEnd: '09:00',
    };
    const result = formToSettings(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['reentry.cooldownHours']).toBe('enter a number');
    expect(result.errors['goal.event']).toBeTruthy();
    expect(result.errors['goal.withinDays']).toBeTruthy();
    expect(result.errors['quietHours.end']).toBe('start and end must differ');
  });
});
