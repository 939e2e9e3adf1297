import { LoadFailed } from '../shared/load-failed.component';
import type { SegmentGroupView } from '@switchyard/contracts';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import { navigate } from '../app/router';
import { useCatalogStore } from '../catalog/catalog';
import { useResource } from '../shared/use-resource.hook';
import { emptyGroupForm, groupToForm } from './group-form.model';
import { GroupEditorView } from './group-editor.component';
import { useGroupEditor } from './use-group-editor.hook';

/** A new segment group; saving opens it for evaluation. */
export function GroupNewPage() {
  const reset = useCatalogStore((s) => s.reset);
  useEffect(() => reset, [reset]);
  const [initial] = useState(emptyGroupForm);
  const editor = useGroupEditor(null, initial, (created) =>
    navigate({ page: 'group-edit', groupId: created.id }, { replace: true }),
  );
  return <GroupEditorView title="New segment group" editor={editor} />;
}

/** An existing segment group. */
export function GroupEditPage({ groupId }: { groupId: string }) {
  const reset = useCatalogStore((s) => s.reset);
  useEffect(() => reset, [reset]);
  const [group, reload] = useResource(() => api.groups.get(groupId), [groupId]);
  switch (group.state) {
    case 'loading':
      return <div className="page-message">Loading group…</div>;
    case 'error':
      return (
        <LoadFailed
          what="the group"
          error={group.error}
          onRetry={reload}
          back={{ to: { page: 'groups' }, label: '← Segment groups' }}
        />
      );
    case 'ready':
      return <LoadedGroup group={group.data} />;
    default: {
      const never: never = group;
      throw new Error(`unknown state ${JSON.stringify(never)}`);
    }
  }
}

function LoadedGroup({ group }: { group: SegmentGroupView }) {
  const [initial] = useState(() => groupToForm(group));
  const editor = useGroupEditor(group, initial, () => undefined);
  return <GroupEditorView title="Segment group" editor={editor} />;
}
