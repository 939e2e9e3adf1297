import { defineActionPackage } from '@switchyard/sdk';
import { slackNotifyAction } from './slack-notify.action.js';

/** Load it with PLUGINS=@switchyard/example-slack-notify (or this folder's path). */
export default defineActionPackage({
  name: '@switchyard/example-slack-notify',
  actions: [slackNotifyAction],
});

export { slackNotifyAction };
