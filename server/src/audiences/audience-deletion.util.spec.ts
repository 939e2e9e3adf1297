import { describe, expect, it } from 'vitest';
import { audienceDeleteRefusal } from './audience-deletion.util.js';

describe('audienceDeleteRefusal', () => {
  it('deletes an audience nothing uses', () => {
    expect(audienceDeleteRefusal('Pros', [], [])).toBeNull();
  });

  it('names the campaigns that send to it, with their status', () => {
    expect(audienceDeleteRefusal('Pros', [{ name: 'Spring', status: 'launched' }], [])).toBe(
      'audience "Pros" cannot be deleted: it is the audience of the campaign "Spring" (launched): delete that campaign first',
    );
    expect(
      audienceDeleteRefusal(
        'Pros',
        [
          { name: 'Spring', status: 'launched' },
          { name: 'Summer', status: 'draft' },
        ],
        [],
      ),
    ).toBe(
      'audience "Pros" cannot be deleted: it is the audience of the campaigns "Spring" (launched), "Summer" (draft): delete those campaigns first',
    );
  });

  it('names the journeys that still read it', () => {
    expect(audienceDeleteRefusal('Pros', [], [{ name: 'Welcome', status: 'live' }])).toBe(
      'audience "Pros" cannot be deleted: the journey "Welcome" (live) uses it: stop it, or publish a version without it and let the customers already in it finish',
    );
  });

  it('gives every reason at once', () => {
    const message = audienceDeleteRefusal(
      'Pros',
      [{ name: 'Spring', status: 'draft' }],
      [
        { name: 'A', status: 'live' },
        { name: 'B', status: 'paused' },
      ],
    );
    expect(message).toBe(
      'audience "Pros" cannot be deleted: it is the audience of the campaign "Spring" (draft): delete that campaign first; the journeys "A" (live), "B" (paused) use it: stop them, or publish a version without it and let the customers already in it finish',
    );
  });
});
