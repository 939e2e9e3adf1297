/** An enrollment just created, and the node it starts at. */
export interface EnrollmentRef {
  id: string;
  currentNodeId: string;
  seq: number;
}

export type EnrollmentStatus = 'active' | 'completed' | 'exited' | 'failed';

export type TransitionKind = 'entered' | 'exited';
