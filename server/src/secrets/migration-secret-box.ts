import type { SecretBox } from './secret-box.js';

/**
 * Migrations are instantiated by TypeORM without arguments, so the one that seals
 * existing plaintext (1742) finds the key here. SecretsKeyModule provides it before the
 * database module runs migrations (the TypeORM options depend on the SecretBox).
 */
let current: SecretBox | null = null;

export function provideMigrationSecretBox(box: SecretBox | null): void {
  current = box;
}

export function migrationSecretBox(): SecretBox {
  if (!current)
    throw new Error(
      'sealing stored secrets needs the secrets key: start the server (SECRETS_KEY or DATA_DIR/secrets.key) to run this migration',
    );
  return current;
}
