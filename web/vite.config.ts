import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env['SWITCHYARD_API_URL'] ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      '/api': apiTarget,
      '/v1': apiTarget,
      '/health': apiTarget,
    },
  },
});
