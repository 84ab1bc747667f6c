/** The confidence level of every interval and test matchsim reports (a leaf: the CLI names it without loading jstat). */
export const CONFIDENCE = 0.95;
