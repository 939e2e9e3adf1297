import { describe, expect, it } from 'vitest';
import { smsKeywordAction } from './sms-keywords.util.js';

describe('smsKeywordAction', () => {
  it('reads the standard opt-out and opt-in words, whatever their case', () => {
    for (const text of [
      'STOP',
      'stop',
      ' Stop. ',
      'StopAll',
      'unsubscribe',
      'Cancel',
      'END',
      'quit!',
    ])
      expect(smsKeywordAction(text)).toBe('unsubscribe');
    for (const text of ['START', 'unstop', 'Yes']) expect(smsKeywordAction(text)).toBe('subscribe');
  });

  it('ignores texts that only contain a keyword', () => {
    for (const text of ["please don't stop", 'STOP IT', 'stopping', '', 'yes please', 'S T O P'])
      expect(smsKeywordAction(text)).toBeNull();
  });
});
