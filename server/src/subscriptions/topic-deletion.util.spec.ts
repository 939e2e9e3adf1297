import { describe, expect, it } from 'vitest';
import { topicDeleteRefusal } from './topic-deletion.util.js';

describe('topicDeleteRefusal', () => {
  it('deletes a topic nothing sends under', () => {
    expect(topicDeleteRefusal('Weekly deals', [], [])).toBeNull();
  });

  it('names the draft campaigns under it', () => {
    expect(topicDeleteRefusal('Weekly deals', [{ name: 'Spring', status: 'draft' }], [])).toBe(
      'subscription topic "Weekly deals" cannot be deleted: the campaign "Spring" (draft) sends under it: choose another topic for it, or delete it, first',
    );
  });

  it('names every journey and campaign at once', () => {
    expect(
      topicDeleteRefusal(
        'Weekly deals',
        [
          { name: 'Spring', status: 'draft' },
          { name: 'Summer', status: 'draft' },
        ],
        [
          { name: 'A', status: 'live' },
          { name: 'B', status: 'stopped' },
        ],
      ),
    ).toBe(
      'subscription topic "Weekly deals" cannot be deleted: the campaigns "Spring" (draft), "Summer" (draft) send under it: choose another topic for them, or delete them, first; the journeys "A" (live), "B" (stopped) use it: stop them, or publish a version without it and let the customers already in it finish',
    );
  });
});
