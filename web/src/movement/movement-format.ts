import { formatCount } from '../shared/format';

export { formatCount };

const percents = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

export const formatShare = (share: number): string => percents.format(share);

/** +1,234 / −56 / 0 */
export function formatChange(n: number): string {
  if (n === 0) return '0';
  return `${n > 0 ? '+' : '−'}${formatCount(Math.abs(n))}`;
}
