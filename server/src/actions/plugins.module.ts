import { type DynamicModule, Global, Module } from '@nestjs/common';
import { PLUGIN_PACKAGES } from './action-registry.service.js';
import type { LoadedPlugin } from './plugin-loader.js';

/** Makes the plugins loaded at boot available to the action registry everywhere. */
@Global()
@Module({})
export class PluginsModule {
  static forRoot(plugins: readonly LoadedPlugin[]): DynamicModule {
    return {
      module: PluginsModule,
      providers: [{ provide: PLUGIN_PACKAGES, useValue: plugins }],
      exports: [PLUGIN_PACKAGES],
    };
  }
}
