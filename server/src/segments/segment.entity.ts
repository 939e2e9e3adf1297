import type { Rule } from '@switchyard/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity({ name: 'segments' })
export class SegmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', default: '#4f6bed' })
  color!: string;

  @Column({ type: 'jsonb' })
  rule!: Rule;

  /** As-of time of the evaluation the stored memberships reflect. */
  @Column({ name: 'evaluated_as_of', type: 'timestamptz', nullable: true })
  evaluatedAsOf!: Date | null;

  @Column({ name: 'member_count', type: 'integer', default: 0 })
  memberCount!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
