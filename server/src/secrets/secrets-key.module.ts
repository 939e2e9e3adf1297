import { Global, Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { provideMigrationSecretBox } from './migration-secret-box.js';
import { SecretBox } from './secret-box.js';
import { loadSecretsKey, secretsKeyWarning } from './secrets-key.loader.js';

/**
 * The installation's SecretBox, from SECRETS_KEY or the generated key file (with a
 * warning in the log when the key is not configured). Global: anything may seal or open.
 */
@Global()
@Module({
  providers: [
    {
      provide: SecretBox,
      inject: [AppConfig],
      useFactory: (config: AppConfig): SecretBox => {
        const { key, source } = loadSecretsKey(config.values.SECRETS_KEY, config.values.DATA_DIR);
        const warning = secretsKeyWarning(source);
        if (warning) new Logger('Secrets').warn(warning);
        const box = new SecretBox(key);
        provideMigrationSecretBox(box);
        return box;
      },
    },
  ],
  exports: [SecretBox],
})
export class SecretsKeyModule {}
