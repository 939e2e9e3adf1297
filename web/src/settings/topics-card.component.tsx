import { subscriptionTopicBodySchema } from '@switchyard/contracts';
import { type FormEvent, useState } from 'react';
import { api } from '../app/api';
import { fieldErrors } from '../auth/form-errors';
import { FormError, InputField } from '../shared/form.component';
import { useFormSubmit } from '../shared/use-form-submit.hook';
import { useResource } from '../shared/use-resource.hook';
import { LoadError } from './load-error.component';
import { RemovableList } from './removable-list.component';
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
          <RemovableList
            items={topics.data}
            keyOf={(topic) => topic.name}
            testId="topic"
            buttonLabel="Delete"
            question={(topic) =>
              `Delete the topic "${topic.name}"? Who left it is forgotten. Journeys and draft campaigns that still send under it must let go of it first.`
            }
            remove={(topic) => api.topics.remove(topic.id)}
            onRemoved={reload}
          >
            {(topic) => (
              <span>
                <strong>{topic.name}</strong>
                {topic.description && <span className="muted small"> · {topic.description}</span>}
                <span className="muted small">
                  {' '}
                  · {topic.unsubscribed.toLocaleString()} unsubscribed
                </span>
              </span>
            )}
          </RemovableList>
        ))}
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
