/** An enrollment just created by a transition, and the node it starts at. */
export interface EnrollmentRef {
  id: string;
  currentNodeId: string;
}

export type EnrollmentStatus = 'active' | 'completed' | 'exited' | 'failed';

export type TransitionKind = 'entered' | 'exited';
