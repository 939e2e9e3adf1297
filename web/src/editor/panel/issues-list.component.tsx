import type { IssueFix } from '@switchyard/contracts';
import { useShallow } from 'zustand/react/shallow';
import { Link } from '../../app/link.component';
import type { Route } from '../../app/routes';
import { nodeTitle } from '../nodes/node-appearance';
import { useEditorStore } from '../store/editor.store';

/** Every problem in the draft; click one to select its node. */
export function IssuesList() {
  const issues = useEditorStore((s) => s.issues);
  const select = useEditorStore((s) => s.select);
  // Nodes by what the canvas calls them, so a problem names the step a marketer sees.
  const titles = useEditorStore(
    useShallow((s) =>
      Object.fromEntries(
        s.nodes.map((n) => [n.id, nodeTitle(n.data, s.registry[n.data.nodeType])]),
      ),
    ),
  );
  return (
    <section className="issues" data-testid="journey-issues" data-count={issues.length}>
      <h3 className="panel__subheading">
        {issues.length === 0
          ? 'No problems found'
          : `${issues.length} problem${issues.length === 1 ? '' : 's'} to fix before publishing`}
      </h3>
      {issues.length > 0 && (
        <ul className="issues__list">
          {issues.map((issue, i) => (
            <li
              key={`${issue.nodeId ?? ''}-${i}`}
              className={`issues__item issues__item--${issue.origin}`}
            >
              {issue.nodeId ? (
                <button
                  type="button"
                  className="link-button"
                  title={issue.nodeId}
                  onClick={() => select(issue.nodeId ?? null)}
                >
                  {titles[issue.nodeId] ?? issue.nodeId}
                </button>
              ) : null}
              <span>{issue.message}</span>
              {issue.fixIn ? (
                <Link to={fixRoute(issue.fixIn).to} className="issues__fix" testId="issue-fix">
                  {fixRoute(issue.fixIn).label}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The page that fixes a problem found outside the journey, and its link's words. */
function fixRoute(fix: IssueFix): { to: Route; label: string } {
  switch (fix) {
    case 'workspace-settings':
      return { to: { page: 'settings-workspace' }, label: 'Open Sending & security' };
    default: {
      const never: never = fix;
      throw new Error(`unknown fix ${String(never)}`);
    }
  }
}
