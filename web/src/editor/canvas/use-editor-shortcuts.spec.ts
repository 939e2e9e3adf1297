import { describe, expect, it } from 'vitest';
import { shortcutFor } from './use-editor-shortcuts.hook';

const key = (k: string, mods: Partial<Record<'ctrl' | 'meta' | 'shift' | 'alt', boolean>> = {}) =>
  shortcutFor({
    key: k,
    ctrlKey: mods.ctrl ?? false,
    metaKey: mods.meta ?? false,
    shiftKey: mods.shift ?? false,
    altKey: mods.alt ?? false,
  });

describe('editor shortcuts', () => {
  it('maps undo / redo on Windows, Linux and macOS', () => {
    expect(key('z', { ctrl: true })).toBe('undo');
    expect(key('z', { meta: true })).toBe('undo');
    expect(key('Z', { ctrl: true, shift: true })).toBe('redo');
    expect(key('z', { meta: true, shift: true })).toBe('redo');
    expect(key('y', { ctrl: true })).toBe('redo');
  });

  it('maps copy, paste, duplicate and delete', () => {
    expect(key('c', { ctrl: true })).toBe('copy');
    expect(key('v', { meta: true })).toBe('paste');
    expect(key('d', { ctrl: true })).toBe('duplicate');
    expect(key('Delete')).toBe('delete');
    expect(key('Backspace')).toBe('delete');
  });

  it('ignores plain letters and other combinations', () => {
    expect(key('z')).toBeNull();
    expect(key('c')).toBeNull();
    expect(key('z', { ctrl: true, alt: true })).toBeNull();
  });
});
