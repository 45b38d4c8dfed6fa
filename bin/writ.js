#!/usr/bin/env node
// Package entry: runs the TypeScript CLI through tsx so that `npx writ …` works without a build step.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
