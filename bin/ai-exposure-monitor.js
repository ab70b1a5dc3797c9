#!/usr/bin/env node
// The CLI entry: runs the TypeScript sources through tsx so what runs is what was tested.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lambdas/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
