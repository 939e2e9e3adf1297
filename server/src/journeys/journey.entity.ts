import type { JourneyGraph, JourneyStatus } from '@switchyard/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity({ name: 'journeys' })
export class JourneyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', default: 'draft' })
  status!: JourneyStatus;

  /** The graph being edited; publishing copies it into an immutable version. */
  @Column({ name: 'draft_graph', type: 'jsonb' })
  draftGraph!: JourneyGraph;

  @Column({ name: 'live_version_id', type: 'uuid', nullable: true })
  liveVersionId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
