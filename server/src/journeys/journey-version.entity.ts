import type { JourneyGraph, Trigger } from '@switchyard/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A published graph. Never updated: enrollments finish on the version they started on. */
@Entity({ name: 'journey_versions' })
export class JourneyVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'journey_id', type: 'uuid' })
  journeyId!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  graph!: JourneyGraph;

  @Column({ type: 'jsonb' })
  trigger!: Trigger;

  @Column({ name: 'trigger_segment_id', type: 'uuid', nullable: true })
  triggerSegmentId!: string | null;

  /** Transition kind listened to: 'entered' | 'exited'. */
  @Column({ name: 'trigger_kind', type: 'text' })
  triggerKind!: 'entered' | 'exited';

  /** The trigger's successor: where every enrollment starts. */
  @Column({ name: 'entry_node_id', type: 'text' })
  entryNodeId!: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;
}
