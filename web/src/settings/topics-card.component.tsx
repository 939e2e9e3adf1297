import { subscriptionTopicBodySchema } from '@switchyard/contracts';
import { type FormEvent, useState } from 'react';
import { api } from '../app/api';
import { describeError } from '../api/api-client';
import { fieldErrors } from '../auth/form-errors';
import { FormError, InputField } from '../shared/form.component';
import { useFormSubmit } from '../shared/use-form-submit.hook';
import { useResource } from '../shared/use-resource.hook';
import { LoadError } from './load-error.component';
import { SaveActions } from './saved-note.component';

/**
 * Subscription topics: kinds of marketing e-mail ("Weekly deals", "Product news") a
 * customer can leave one by one. A send node picks the topic its e-mail goes out under;
 * listed with how many customers left each, added and deleted here.
 */
export function TopicsCard() {
  const [topics, reload] = useResource(() => api.topics.list(), []);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [removeError, setRemoveError] = useState<string | null>(null);
  const form = useFormSubmit();

  const submit = (event: FormEvent) => {
    form.submit(
      event,
      fieldErrors(subscriptionTopicBodySchema, { name, description }),
      async () => {
        await api.topics.create({ name, description });
        setName('');
        setDescription('');
        reload();
      },
    );
  };

  const remove = async (id: string, topic: string) => {
    if (
      !window.confirm(
        `Delete the topic "${topic}"? Customers who left it get its e-mails again, as any other marketing e-mail.`,
      )
    )
      return;
    setRemoveError(null);
    try {
      await api.topics.remove(id);
    } catch (error) {
      setRemoveError(describeError(error));
    }
    reload();
  };

  return (
    <section className="card settings-card" data-testid="topics-card">
      <h2 className="section-title">Subscription topics</h2>
      <p className="muted small">
        Kinds of marketing e-mail customers can leave on their own while still getting the rest. A
        send-email step names its topic; the e-mail&apos;s unsubscribe link then offers to leave
        that topic only.
      </p>
      {topics.state === 'error' && (
        <LoadError what="the topics" error={topics.error} onRetry={reload} />
      )}
      {topics.state === 'ready' &&
        (topics.data.length === 0 ? (
          <p className="muted small" data-testid="topics-none">
            No topics yet: an unsubscribe link stops all marketing e-mail.
          </p>
        ) : (
          <ul className="secret-list" data-testid="topics-list">
            {topics.data.map((topic) => (
              <li key={topic.id} className="secret-list__item" data-testid={`topic-${topic.name}`}>
                <span>
                  <strong>{topic.name}</strong>
                  {topic.description && <span className="muted small"> · {topic.description}</span>}
                  <span className="muted small">
                    {' '}
                    · {topic.unsubscribed.toLocaleString()} unsubscribed
                  </span>
                </span>
                <button
                  type="button"
                  className="button button--small button--danger-text"
                  data-testid={`remove-topic-${topic.name}`}
                  onClick={() => void remove(topic.id, topic.name)}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        ))}
      <FormError error={removeError} />
      <form className="settings-form" onSubmit={submit} noValidate>
        <InputField
          id="topic-name"
          label="Name"
          placeholder="e.g. Weekly deals"
          autoComplete="off"
          value={name}
          onChange={setName}
          error={form.errors['name']}
        />
        <InputField
          id="topic-description"
          label="Description (optional)"
          placeholder="What these e-mails are about"
          autoComplete="off"
          value={description}
          onChange={setDescription}
          error={form.errors['description']}
          grow
        />
        <SaveActions busy={form.busy} label="Add topic" testId="add-topic" />
      </form>
      <FormError error={form.error} />
    </section>
  );
}
