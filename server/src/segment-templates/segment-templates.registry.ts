import type { SegmentTemplateView, TemplateKey } from '@switchyard/contracts';
import { boughtNotBoughtTemplate } from './templates/bought-not-bought.template.js';
import { frequencyRecencyTemplate } from './templates/frequency-recency.template.js';
import { lifecycleTemplate } from './templates/lifecycle.template.js';
import { rfmTemplate } from './templates/rfm.template.js';
import { salonDefaultsTemplate } from './templates/salon-defaults.template.js';

/** Every built-in template by key (the record fails to compile when a key is missing). */
export const segmentTemplates: Record<TemplateKey, SegmentTemplateView> = {
  lifecycle: lifecycleTemplate,
  rfm: rfmTemplate,
  frequency_recency: frequencyRecencyTemplate,
  salon_defaults: salonDefaultsTemplate,
  bought_not_bought: boughtNotBoughtTemplate,
};
