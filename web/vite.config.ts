import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// The running Workdesk server that the dev server and `vite preview` forward API calls to.
const apiTarget = process.env.WORKDESK_API_URL ?? 'http://127.0.0.1:5080';

const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
  '/hubs': { target: apiTarget, ws: true, changeOrigin: false },
};

/** Writes a .gitignore into the build folder, because the build lands inside the server's source tree. */
function ignoreBuildOutput(): Plugin {
  return {
    name: 'workdesk-ignore-build-output',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '.gitignore', source: '*\n' });
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    ignoreBuildOutput(),
    VitePWA({
      registerType: 'autoUpdate',
      strategies: 'generateSW',
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        name: 'Workdesk',
        short_name: 'Workdesk',
        description: 'Work orders and requests for maintenance teams',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f5f8b',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        // Server routes that are not part of the app shell must reach the network.
        navigateFallbackDenylist: [/^\/api\//, /^\/hubs\//, /^\/openapi\//, /^\/api-reference/, /^\/health$/],
      },
    }),
  ],
  build: {
    outDir: '../src/Workdesk.Server/wwwroot',
    emptyOutDir: true,
  },
  server: { host: '127.0.0.1', proxy },
  preview: { host: '127.0.0.1', proxy },
});
