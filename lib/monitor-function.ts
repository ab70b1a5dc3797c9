/**
 * The defaults every monitor Lambda shares, in one place: Node 24 on arm64,
 * bundled by the locally installed esbuild (never Docker), outside any VPC so
 * the probe sees what the internet sees, JSON logs into a log group it owns
 * with a retention period, and a role that can write only to that log group.
 */
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The Lambda runtime; the test suite also runs under this Node major. */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

export interface MonitorFunctionProps {
  /** Handler module relative to the project root, e.g. `lambdas/handlers/probe.ts` (exports `handler`). */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  readonly logRetentionDays: number;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Fixed role name, for roles other accounts trust by name. @default - generated */
  readonly roleName?: string;
}

export class MonitorFunction extends NodejsFunction {
  public readonly executionRole: iam.Role;

  constructor(scope: Construct, id: string, props: MonitorFunctionProps) {
    // A role of our own instead of AWSLambdaBasicExecutionRole: that managed policy may write to every log group.
    const executionRole = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (execution role)`,
      ...(props.roleName ? { roleName: props.roleName } : {}),
    });
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetentionDays as logs.RetentionDays,
      // Operational logs only; the audit trail lives in the retained DynamoDB table.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: `${PROJECT_ROOT}${props.entry}`,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      environment: props.environment,
      role: executionRole,
      // The state machine invokes published versions; a scan in flight during a deploy still calls the old one.
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[props.logLevel],
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        // Bundle our pinned AWS SDK instead of the runtime's copy: what runs is what was tested.
        externalModules: [],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // CommonJS dependencies inside an ES module bundle still call require().
        banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
    });
    logGroup.grantWrite(executionRole);
    this.executionRole = executionRole;
  }
}
