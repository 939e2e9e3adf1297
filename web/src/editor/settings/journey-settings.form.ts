import {
  journeySettingsSchema,
  type JourneySettings,
  type PropertyFilter,
  type Reentry,
} from '@switchyard/contracts';

/** The journey settings as the form edits them: every number kept as typed text. */
export interface SettingsForm {
  reentry: Reentry['mode'];
  cooldownHours: string;
  exitOnSegmentExit: boolean;
  exitOnGoal: boolean;
  goalEnabled: boolean;
  goalEvent: string;
  goalWhere: PropertyFilter[] | undefined;
  goalWithinDays: string;
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
}

export type SettingsResult =
  { ok: true; settings: JourneySettings } | { ok: false; errors: Record<string, string> };

export const DEFAULT_GOAL_DAYS = 7;
export const DEFAULT_QUIET = { start: '21:00', end: '08:00' };

export function settingsToForm(settings: JourneySettings): SettingsForm {
  const { reentry, exit, goal, quietHours } = settings;
  return {
    reentry: reentry.mode,
    cooldownHours: reentry.mode === 'always' ? String(reentry.cooldownHours) : '24',
    exitOnSegmentExit: exit.onSegmentExit,
    exitOnGoal: exit.onGoal,
    goalEnabled: goal !== null,
    goalEvent: goal?.event ?? '',
    goalWhere: goal?.where,
    goalWithinDays: String(goal?.withinDays ?? DEFAULT_GOAL_DAYS),
    quietEnabled: quietHours !== null,
    quietStart: quietHours?.start ?? DEFAULT_QUIET.start,
    quietEnd: quietHours?.end ?? DEFAULT_QUIET.end,
  };
}

/** Typed text as a number; NaN for nothing (the schema then says what is wrong). */
function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

function reentryOf(form: SettingsForm): Reentry | Record<string, unknown> {
  switch (form.reentry) {
    case 'never':
    case 'after_exit':
      return { mode: form.reentry };
    case 'always':
      return { mode: 'always', cooldownHours: numberOf(form.cooldownHours) };
    default: {
      const never: never = form.reentry;
      throw new Error(`unknown re-entry mode ${String(never)}`);
    }
  }
}

/** The form back to settings, checked with the contracts' journeySettingsSchema. */
export function formToSettings(form: SettingsForm): SettingsResult {
  const goal = form.goalEnabled
    ? {
        event: form.goalEvent.trim(),
        withinDays: numberOf(form.goalWithinDays),
        ...(form.goalWhere && form.goalWhere.length > 0 ? { where: form.goalWhere } : {}),
      }
    : null;
  const candidate = {
    reentry: reentryOf(form),
    exit: { onSegmentExit: form.exitOnSegmentExit, onGoal: form.goalEnabled && form.exitOnGoal },
    goal,
    quietHours: form.quietEnabled ? { start: form.quietStart, end: form.quietEnd } : null,
  };
  const parsed = journeySettingsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    const numeric = path === 'reentry.cooldownHours' || path === 'goal.withinDays';
    errors[path] ??= numeric && issue.code === 'invalid_type' ? 'enter a number' : issue.message;
  }
  return { ok: false, errors };
}
