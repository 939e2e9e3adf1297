import { api } from '../app/api';
import { createCatalogStore } from './catalog.store';

/** The app's one catalog store, on the signed-in API client. */
export const useCatalogStore = createCatalogStore(api);
