import { createContext, useContext } from 'react';

/** What the builder's rows need to know about the segment being edited. */
export interface BuilderContextValue {
  /** The edited segment's id (a segment cannot refer to itself); null for a new one. */
  segmentId: string | null;
}

export const BuilderContext = createContext<BuilderContextValue>({ segmentId: null });

export const useBuilderContext = () => useContext(BuilderContext);
