/**
 * The CDK app: validated config → the monitor stack, plus the small stack that
 * other accounts deploy for the read-only role. cdk-nag's AwsSolutions pack
 * checks both at every synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseMonitorConfig, rawConfigFromContext } from './config.js';
import { MonitorStack } from './monitor-stack.js';
import { TargetAccountRoleStack } from './target-account-role-stack.js';

export const MONITOR_STACK_NAME = 'AiExposureMonitor';
export const TARGET_ROLE_STACK_NAME = 'AiExposureMonitorTargetRole';

export interface MonitorApp {
  readonly app: App;
  readonly monitor: MonitorStack;
  readonly targetRole: TargetAccountRoleStack;
}

/** Builds both stacks from the app's context; throws MonitorConfigError on a bad config. */
export function buildMonitorApp(app: App): MonitorApp {
  const { raw, source } = rawConfigFromContext((key) => app.node.tryGetContext(key));
  const config = parseMonitorConfig(raw, source);
  const monitor = new MonitorStack(app, MONITOR_STACK_NAME, {
    config,
    description: 'AI exposure monitor: finds AI services exposed to the internet from your AWS accounts',
  });
  const targetRole = new TargetAccountRoleStack(app, TARGET_ROLE_STACK_NAME, {
    roleName: config.crossAccountRoleName,
    description: 'AI exposure monitor: read-only role for the monitor in a target account',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, monitor, targetRole };
}
