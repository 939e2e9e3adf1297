import {
  createAudienceBodySchema,
  type CreateAudienceInput,
  type SegmentView,
} from '@switchyard/contracts';
import { type FormEvent, useState } from 'react';
import { api } from '../app/api';
import { fieldErrors } from '../auth/form-errors';
import {
  FormError,
  FormField,
  InputField,
  RadioChoice,
  SubmitButton,
  TextAreaField,
} from '../shared/form.component';
import { formatCount } from '../shared/format';
import { useFormSubmit } from '../shared/use-form-submit.hook';
import { parseIdList, savedMessage } from './new-audience.util';

type SourceKind = 'segment' | 'ids' | 'empty';

const SOURCES: { kind: SourceKind; label: string; hint: string }[] = [
  {
    kind: 'segment',
    label: "A segment's members",
    hint: 'Everyone in the segment now, frozen: later changes to the segment do not change the audience.',
  },
  {
    kind: 'ids',
    label: 'A list of customer ids',
    hint: 'The external ids your apps send as userId, one per line or separated by commas.',
  },
  {
    kind: 'empty',
    label: 'Empty',
    hint: "Filled later by journeys' Add to audience steps.",
  },
];

/** Saves an audience from a segment, a pasted list of ids, or empty for journeys to fill. */
export function NewAudience({
  segments,
  onCreated,
}: {
  segments: readonly SegmentView[];
  onCreated: () => void;
}) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SourceKind>('segment');
  const [segmentId, setSegmentId] = useState('');
  const [ids, setIds] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const form = useFormSubmit();

  const submit = (event: FormEvent) => {
    const list = kind === 'ids' ? parseIdList(ids) : null;
    const body: CreateAudienceInput = {
      name,
      ...(kind === 'segment' ? { segmentId } : {}),
      ...(list ? { externalIds: list } : {}),
    };
    const errors = fieldErrors(createAudienceBodySchema, body);
    if (kind === 'segment' && segmentId === '') errors['segmentId'] = 'choose a segment';
    if (list?.length === 0) errors['externalIds'] = 'paste at least one id';
    setSaved(null);
    form.submit(event, errors, async () => {
      const audience = await api.audiences.create(body);
      setSaved(savedMessage(audience, list ? list.length : null));
      setName('');
      setIds('');
      onCreated();
    });
  };

  return (
    <section className="card settings-card new-audience" data-testid="new-audience">
      <h2 className="section-title">New audience</h2>
      <form onSubmit={submit} noValidate>
        <InputField
          id="audience-name"
          label="Name"
          placeholder="e.g. VIPs for the spring preview"
          value={name}
          onChange={setName}
          error={form.errors['name']}
        />
        <fieldset className="new-audience__sources">
          <legend className="field__label">Customers</legend>
          {SOURCES.map((source) => (
            <RadioChoice
              key={source.kind}
              name="audience-source"
              label={source.label}
              hint={source.hint}
              checked={kind === source.kind}
              onSelect={() => setKind(source.kind)}
              testId={`audience-source-${source.kind}`}
            />
          ))}
        </fieldset>
        {kind === 'segment' && (
          <FormField id="audience-segment" label="Segment" error={form.errors['segmentId']}>
            <select
              id="audience-segment"
              data-testid="audience-segment"
              value={segmentId}
              onChange={(e) => setSegmentId(e.target.value)}
            >
              <option value="">Choose a segment…</option>
              {segments.map((segment) => (
                <option key={segment.id} value={segment.id}>
                  {segment.name}
                  {segment.evaluatedAsOf
                    ? ` (${formatCount(segment.memberCount)})`
                    : ' (not evaluated yet: no members)'}
                </option>
              ))}
            </select>
          </FormField>
        )}
        {kind === 'ids' && (
          <TextAreaField
            id="audience-ids"
            label="Customer ids"
            placeholder={'user-1001\nuser-1002'}
            value={ids}
            onChange={setIds}
            error={form.errors['externalIds']}
          />
        )}
        <SubmitButton
          busy={form.busy}
          label="Save audience"
          busyLabel="Saving…"
          testId="audience-create"
        />
      </form>
      <FormError error={form.error} />
      {saved && (
        <p className="banner banner--success" role="status" data-testid="audience-saved">
          {saved}
        </p>
      )}
    </section>
  );
}
