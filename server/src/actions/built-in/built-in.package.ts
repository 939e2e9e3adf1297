import { defineActionPackage } from '@switchyard/sdk';
import { exitAction } from './exit.action.js';
import { sendEmailAction } from './send-email.action.js';
import { waitAction } from './wait.action.js';

/** Switchyard's own nodes, registered exactly like a plugin package. */
export const builtInActions = defineActionPackage({
  name: '@switchyard/built-in',
  actions: [waitAction, sendEmailAction, exitAction],
});
