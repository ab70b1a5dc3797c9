/**
 * The monitor watches itself: alarms on a failed scan, on Lambda errors that
 * persist, on "no completed scan in twice the schedule" and on scopes left
 * "not scanned" by two scans in a row, all to the alert topic. Each waits for a second bad period where one can be a blip, so a
 * single retried hiccup does not page anyone.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SCAN_COMPLETED_METRIC, SCOPES_NOT_SCANNED_METRIC, SERVICE_NAME } from '../lambdas/shared/metric-names.js';

export interface SelfMonitoringProps {
  readonly alarmNamePrefix: string;
  readonly scanIntervalMinutes: number;
  readonly stateMachine: sfn.StateMachine;
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  readonly topic: sns.ITopic;
}

export class SelfMonitoring extends Construct {
  public readonly scanFailedAlarm: cloudwatch.Alarm;
  public readonly noRecentScanAlarm: cloudwatch.Alarm;
  public readonly scopesNotScannedAlarm: cloudwatch.Alarm;
  public readonly functionErrorAlarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: SelfMonitoringProps) {
    super(scope, id);
    const interval = Duration.minutes(props.scanIntervalMinutes);
    const notify = new actions.SnsAction(props.topic);
    /** A metric the reconcile Lambda emits once per scan, over one scan interval. */
    const reconcileMetric = (metricName: string, statistic: string): cloudwatch.Metric =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: SERVICE_NAME }, statistic, period: interval });
    const wire = (alarm: cloudwatch.Alarm): cloudwatch.Alarm => {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
      return alarm;
    };

    this.scanFailedAlarm = wire(
      new cloudwatch.Alarm(this, 'ScanFailed', {
        alarmName: `${props.alarmNamePrefix}scan-failed`,
        alarmDescription:
          'A scan execution failed or timed out: no alert was sent for it. Open the Step Functions console, find the failed execution of the scan state machine and read its error.',
        metric: new cloudwatch.MathExpression({
          expression: 'FILL(failed, 0) + FILL(timedOut, 0)',
          usingMetrics: {
            failed: props.stateMachine.metricFailed({ statistic: 'Sum' }),
            timedOut: props.stateMachine.metricTimedOut({ statistic: 'Sum' }),
          },
          period: interval,
          label: 'failed or timed-out scans',
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    this.noRecentScanAlarm = wire(
      new cloudwatch.Alarm(this, 'NoRecentScan', {
        alarmName: `${props.alarmNamePrefix}no-recent-scan`,
        alarmDescription: `No scan completed in ${2 * props.scanIntervalMinutes} minutes (twice the schedule): exposures are not being watched. Check the schedule is enabled and the scan state machine's recent executions.`,
        metric: reconcileMetric(SCAN_COMPLETED_METRIC, 'Sum'),
        threshold: 1,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        // No data point means no scan finished: exactly what this alarm is for.
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
    );

    // A scope that cannot be listed, whole or in part (a role missing or not redeployed after an upgrade added
    // an action, a disabled region, API errors after retries) fails no Lambda and no execution: only this alarm says so.
    this.scopesNotScannedAlarm = wire(
      new cloudwatch.Alarm(this, 'ScopesNotScanned', {
        alarmName: `${props.alarmNamePrefix}scopes-not-scanned`,
        alarmDescription:
          'Two scans in a row could not list some account/region scopes, whole or in part: exposures there are not being watched (nothing in them is resolved either). The reconcile Lambda\'s "scan reconciled" log line counts them (scopesFailed, scopesPartlyListed), and each alert names them under NOT scanned with the AWS error; usually the target account\'s role is missing, or was not redeployed after an upgrade added a read-only action.',
        metric: reconcileMetric(SCOPES_NOT_SCANNED_METRIC, 'Minimum'),
        threshold: 1,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No scan finished: the no-recent-scan alarm's case, not this one's.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    this.functionErrorAlarms = Object.entries(props.functions).map(([name, fn]) =>
      wire(
        new cloudwatch.Alarm(this, `${name}Errors`, {
          alarmName: `${props.alarmNamePrefix}${name.toLowerCase()}-errors`,
          alarmDescription: `The ${name} Lambda failed in two scan intervals in a row (retries included). Read its log group for the error.`,
          metric: fn.metricErrors({ statistic: 'Sum', period: interval }),
          threshold: 1,
          evaluationPeriods: 2,
          datapointsToAlarm: 2,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      ),
    );
  }
}
