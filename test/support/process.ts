/** Test servers use the same readiness/shutdown helpers as the demo. */
export { freeLoopbackPort, stopProcess, waitForLine } from '../../lambdas/shared/child-process.js';
