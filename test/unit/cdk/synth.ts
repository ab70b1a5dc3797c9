/**
 * Builds and synthesizes the CDK app once for a test file. Bundling is real
 * (local esbuild): CDK caches staged bundles per process, so later synths in
 * the same file with other configs reuse them.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildMonitorApp, type MonitorApp } from '../../../lib/app.js';
import { CONFIG_CONTEXT_KEY } from '../../../lib/config.js';

export interface Synthesized extends MonitorApp {
  readonly monitorTemplate: Template;
  readonly targetRoleTemplate: Template;
}

export function buildApp(config?: unknown): MonitorApp {
  return buildMonitorApp(new App({ context: config === undefined ? {} : { [CONFIG_CONTEXT_KEY]: config } }));
}

/** One synth of the whole app (cdk-nag runs as a validation plugin and fails it on any unacknowledged error). */
export function synthesize(config?: unknown): Synthesized {
  const built = buildApp(config);
  const assembly = built.app.synth();
  return {
    ...built,
    monitorTemplate: Template.fromJSON(assembly.getStackArtifact(built.monitor.artifactId).template),
    targetRoleTemplate: Template.fromJSON(assembly.getStackArtifact(built.targetRole.artifactId).template),
  };
}
