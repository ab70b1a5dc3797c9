/** One logger and one metrics instance per Lambda process (Powertools keeps per-invocation state itself). */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const SERVICE_NAME = 'ai-exposure-monitor';
export const METRICS_NAMESPACE = 'AiExposureMonitor';

export const logger = new Logger({ serviceName: SERVICE_NAME });
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
