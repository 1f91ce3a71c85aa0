// The Vite site of the package test: site/ built into site-dist/ with relative URLs, so the
// test server can serve it under a sub-path.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'site',
  base: './',
  logLevel: 'warn',
  build: { outDir: '../site-dist', emptyOutDir: true },
});
