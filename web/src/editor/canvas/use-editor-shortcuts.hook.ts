import { useEffect } from 'react';
import { useEditorStore } from '../store/editor.store';

export type ShortcutAction = 'undo' | 'redo' | 'copy' | 'paste' | 'delete' | 'duplicate';

/** Which editor action a key press means; null for keys the editor leaves alone. */
export function shortcutFor(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): ShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (event.altKey) return null;
  if (!mod) return key === 'delete' || key === 'backspace' ? 'delete' : null;
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  if (key === 'c' && !event.shiftKey) return 'copy';
  if (key === 'v' && !event.shiftKey) return 'paste';
  if (key === 'd' && !event.shiftKey) return 'duplicate';
  return null;
}

/**
 * True when the key press belongs elsewhere: a text field, a select, a dialog, or the
 * panels around the canvas (Backspace on a focused button there must not delete a step).
 */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('dialog, .panel, .palette, .toolbar, .drawer')) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/** Undo / redo, copy / paste / duplicate and delete on the canvas (not while typing). */
export function useEditorShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (typingIn(event.target)) return;
      const action = shortcutFor(event);
      if (!action) return;
      const store = useEditorStore.getState();
      // Copying text selected on the page stays the browser's business.
      if (action === 'copy' && window.getSelection()?.toString()) return;
      event.preventDefault();
      switch (action) {
        case 'undo':
          return store.undo();
        case 'redo':
          return store.redo();
        case 'copy':
          store.copySelection();
          return;
        case 'paste':
          store.paste();
          return;
        case 'duplicate':
          if (store.copySelection() > 0) store.paste();
          return;
        case 'delete':
          return store.deleteSelection();
        default: {
          const never: never = action;
          throw new Error(`unknown shortcut ${String(never)}`);
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
