/** CLI command lines quoted in alerts, so a reader can go from the message to the full record. */
export const historyOfScanCommand = (scanId: string): string => `npx ai-exposure-monitor history --scan ${scanId}`;
