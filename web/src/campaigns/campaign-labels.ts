import type { CampaignKind, CampaignTone } from '@switchyard/contracts';

export const KIND_TITLES: Record<CampaignKind, string> = {
  win_back: 'Win-back',
  welcome_vip: 'Welcome to VIP',
  reactivation: 'Reactivation',
  nurture: 'Nurture',
  cross_sell: 'Cross-sell',
};

export const TONE_TITLES: Record<CampaignTone, string> = {
  friendly: 'Friendly',
  premium: 'Premium',
  urgent: 'Urgent',
};
