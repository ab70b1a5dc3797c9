/**
 * The names the reconcile Lambda's metrics are published under, shared with the stack's alarms
 * (lib/self-monitoring.ts), so an alarm never watches a name nothing emits.
 */

/** Powertools service name; the metrics carry it as the `service` dimension. */
export const SERVICE_NAME = 'ai-exposure-monitor';
/** CloudWatch namespace of the reconcile Lambda's metrics (Powertools Metrics). */
export const METRICS_NAMESPACE = 'AiExposureMonitor';
/** 1 per finished scan; the staleness alarm watches it. */
export const SCAN_COMPLETED_METRIC = 'ScanCompleted';
/** Per finished scan, how many of its scopes could not be listed, whole or in part ("NOT scanned"); the scopes-not-scanned alarm watches it. */
export const SCOPES_NOT_SCANNED_METRIC = 'ScopesNotScanned';
