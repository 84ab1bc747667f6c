/** How wide a request's score window is after waiting `waitSeconds`. */
export type WindowPolicy = (waitSeconds: number) => number;

/** The seed's window: `growth` score points per second of waiting. */
export function linearWindow(growth: number): WindowPolicy {
  return (waitSeconds) => waitSeconds * growth;
}
