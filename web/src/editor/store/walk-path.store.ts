import { create } from 'zustand';

interface WalkPathState {
  /** The steps the last "Try the journey on a customer" passed, in order; empty: none shown. */
  nodeIds: readonly string[];
  /** Whom the last walk was for (external id): a step opened from it is tried on them too. */
  customer: string;
  show: (nodeIds: readonly string[], customer: string) => void;
  /** Takes the path off the canvas (the customer stays for the steps' previews). */
  clear: () => void;
}

/** The walked path, shared by the trigger's panel (which sets it) and the canvas nodes. */
export const useWalkPathStore = create<WalkPathState>()((set) => ({
  nodeIds: [],
  customer: '',
  show: (nodeIds, customer) => set({ nodeIds, customer }),
  clear: () => set({ nodeIds: [] }),
}));
