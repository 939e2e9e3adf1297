import { defineActionPackage } from '@switchyard/sdk';
import { addToAudienceAction } from './add-to-audience.action.js';
import { conditionBranchAction } from './condition-branch.action.js';
import { crossSellAction } from './cross-sell.action.js';
import { orderSummaryAction } from './order-summary.action.js';
import { exitAction } from './exit.action.js';
import { randomSplitAction } from './random-split.action.js';
import { sendEmailAction } from './send-email.action.js';
import { sendSmsAction } from './send-sms.action.js';
import { updateAttributeAction } from './update-attribute.action.js';
import { waitForEventAction } from './wait-for-event.action.js';
import { waitUntilAction } from './wait-until.action.js';
import { waitAction } from './wait.action.js';
import { webhookAction } from './webhook.action.js';

/** Switchyard's own nodes, registered exactly like a plugin package (palette order). */
export const builtInActions = defineActionPackage({
  name: '@switchyard/built-in',
  actions: [
    // flow
    waitAction,
    waitUntilAction,
    waitForEventAction,
    conditionBranchAction,
    randomSplitAction,
    // messaging
    sendEmailAction,
    sendSmsAction,
    // integration
    webhookAction,
    // data
    updateAttributeAction,
    addToAudienceAction,
    orderSummaryAction,
    crossSellAction,
    // flow: ends a path
    exitAction,
  ],
});
