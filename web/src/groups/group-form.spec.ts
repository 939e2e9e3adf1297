import type { SegmentGroupView } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import {
  emptyGroupForm,
  formToBody,
  groupToForm,
  moveMember,
  validateGroupForm,
  type GroupForm,
} from './group-form.model';

const A = '6b0f5a9e-0000-4000-8000-00000000000a';
const B = '6b0f5a9e-0000-4000-8000-00000000000b';
const C = '6b0f5a9e-0000-4000-8000-00000000000c';

const view: SegmentGroupView = {
  id: 'g1',
  name: 'Lifecycle',
  description: null,
  members: [
    {
      index: 1,
      segmentId: A,
      segmentName: 'VIP',
      growthIsGood: true,
      label: 'Top',
      color: '#112233',
    },
    { index: 2, segmentId: B, segmentName: 'At risk', growthIsGood: false },
  ],
  fallback: { label: 'Others', color: '#8b8d98', growthIsGood: false },
  buckets: [],
  createdAt: '',
  updatedAt: '',
};

function keys() {
  let n = 0;
  return () => `t${++n}`;
}

describe('group form', () => {
  it('reads a group and writes back the same body', () => {
    const form = groupToForm(view, keys());
    expect(formToBody(form)).toEqual({
      name: 'Lifecycle',
      members: [
        { segmentId: A, growthIsGood: true, label: 'Top', color: '#112233' },
        { segmentId: B, growthIsGood: false },
      ],
      fallback: view.fallback,
    });
  });

  it('reorders members by drag keys: first match wins, so order is the rule', () => {
    const form: GroupForm = {
      ...groupToForm(view, keys()),
      members: [
        ...groupToForm(view, keys()).members,
        { key: 'x', segmentId: C, label: '', color: '', growthIsGood: true },
      ],
    };
    const [first, , third] = form.members;
    const moved = moveMember(form, third?.key ?? '', first?.key ?? '');
    expect(moved.members.map((m) => m.segmentId)).toEqual([C, A, B]);
    expect(moveMember(form, 'nope', 'x')).toBe(form);
  });

  it('puts schema issues on the member they concern', () => {
    const form = emptyGroupForm();
    const member = form.members[0];
    const result = validateGroupForm({
      ...form,
      name: ' ',
      members: [
        { ...member!, segmentId: A },
        { key: 'dup', segmentId: A, label: '', color: '', growthIsGood: true },
        { key: 'blank', segmentId: '', label: '', color: '', growthIsGood: true },
      ],
      fallback: { ...form.fallback, label: '' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['name']).toBe('must not be empty');
    expect(result.errors['members.dup.segmentId']).toMatch(/duplicates/);
    expect(result.errors['members.blank.segmentId']).toBe('choose a segment');
    expect(result.errors['fallback.label']).toBe('must not be empty');
  });

  it('accepts a complete form', () => {
    const form = groupToForm(view, keys());
    expect(validateGroupForm(form)).toMatchObject({ ok: true, body: { name: 'Lifecycle' } });
  });
});
