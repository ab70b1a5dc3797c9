/**
 * The read-only AWS calls the inventory makes, shared by the monitor's inventory
 * role and the target-account role so both grant the same list and nothing more.
 * The list itself lives beside the code that calls it (its integration test fails
 * if the code calls anything not listed). They support no resource-level
 * permissions, or read resources found only at run time (the prefix lists a
 * security-group rule names, AWS-owned ones included), hence `*` resources
 * wherever they are granted.
 */
export { INVENTORY_IAM_ACTIONS as INVENTORY_READ_ACTIONS } from '../lambdas/inventory/iam.js';

/** The fixed name of the monitor's inventory role, which target accounts trust. */
export const INVENTORY_ROLE_NAME = 'ai-exposure-monitor-inventory';
