import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SecretBox } from './secret-box.js';
import { WorkspaceCredentialsService } from './workspace-credentials.service.js';

/** A key of the test's own, and the credentials service over the test's database. */
export function testCredentials(db: DataSource): {
  box: SecretBox;
  credentials: WorkspaceCredentialsService;
} {
  const box = new SecretBox(randomBytes(32));
  return { box, credentials: new WorkspaceCredentialsService(db, box) };
}
