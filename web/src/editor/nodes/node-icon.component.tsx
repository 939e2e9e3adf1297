import type { NodeTypeView } from '@switchyard/contracts';
import type { ReactNode } from 'react';
import { iconText } from './node-appearance';

/** Simple line drawings (24×24 grid) for the icon names node types use. */
const DRAWINGS: Record<string, ReactNode> = {
  clock: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  'alarm-clock': (
    <>
      <circle cx="12" cy="13" r="8" />
      <path d="M12 9v4l2.5 2M4 5l3-2.5M20 5l-3-2.5" />
    </>
  ),
  hourglass: <path d="M6 3h12M6 21h12M7 3c0 6 10 6 10 9s-10 3-10 9M17 3c0 6-10 6-10 9s10 3 10 9" />,
  mail: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="M3 7l9 6 9-6" />
    </>
  ),
  'message-square': <path d="M4 4h16v12H9l-5 4z" />,
  shuffle: <path d="M3 6h4l10 12h4M3 18h4l3-3.5M14 9.5L17 6h4M18 3l3 3-3 3M18 15l3 3-3 3" />,
  'git-branch': (
    <>
      <circle cx="6" cy="5" r="2" />
      <circle cx="6" cy="19" r="2" />
      <circle cx="18" cy="7" r="2" />
      <path d="M6 7v10M18 9c0 5-12 3-12 8" />
    </>
  ),
  flag: <path d="M5 21V4M5 4h11l-2 4 2 4H5" />,
  gift: (
    <path d="M4 11h16v9H4zM3 7h18v4H3zM12 7v13M12 7c-2-4-6-4-6-1s6 1 6 1c2-4 6-4 6-1s-6 1-6 1" />
  ),
  pencil: <path d="M4 20l1-4L16 5l3 3L8 19zM14 7l3 3" />,
  'user-plus': (
    <>
      <circle cx="9" cy="8" r="4" />
      <path d="M2 20c0-4 3-6 7-6s7 2 7 6M19 8v6M16 11h6" />
    </>
  ),
  webhook: <path d="M13 2L4 14h7l-1 8 9-12h-7z" />,
  zap: <path d="M13 2L4 14h7l-1 8 9-12h-7z" />,
};

/** A node type's icon: a drawing for known names, else its emoji or initial. */
export function NodeIcon({
  view,
  fallback,
}: {
  view: Pick<NodeTypeView, 'icon' | 'title' | 'type'> | undefined;
  fallback: string;
}) {
  const drawing = view?.icon ? DRAWINGS[view.icon.trim().toLowerCase()] : undefined;
  if (!drawing) return <>{iconText(view, fallback)}</>;
  return (
    <svg
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
    >
      {drawing}
    </svg>
  );
}
