import { useEffect, useState } from 'react';
import { useCatalogStore } from '../catalog/catalog';
import { navigate } from '../app/router';
import { emptyForm } from './rule-form/rule-form.model';
import { SEGMENT_SWATCHES } from './segment-colors';
import { SegmentEditor } from './segment-editor.component';
import { useSegmentForm } from './use-segment-form.hook';

/** "New segment": name, colour, conditions with a live count, save. */
export function SegmentNewPage() {
  const reset = useCatalogStore((s) => s.reset);
  // Leaving the editor forgets the catalog: the next visit sees newly arrived data.
  useEffect(() => reset, [reset]);
  const [init] = useState(() => ({
    segmentId: null,
    name: '',
    color: SEGMENT_SWATCHES[0],
    form: emptyForm(),
  }));
  const f = useSegmentForm(init, () => navigate({ page: 'segments' }));
  return <SegmentEditor title="New segment" f={f} />;
}
