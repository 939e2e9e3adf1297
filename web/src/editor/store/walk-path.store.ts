import { create } from 'zustand';

interface WalkPathState {
  /** The steps the last "Try the journey on a customer" passed, in order; empty: none shown. */
  nodeIds: readonly string[];
  show: (nodeIds: readonly string[]) => void;
  clear: () => void;
}

/** The walked path, shared by the trigger's panel (which sets it) and the canvas nodes. */
export const useWalkPathStore = create<WalkPathState>()((set) => ({
  nodeIds: [],
  show: (nodeIds) => set({ nodeIds }),
  clear: () => set({ nodeIds: [] }),
}));
