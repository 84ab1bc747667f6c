/** The part of jStat that matchsim uses; jStat ships no types. */
declare module 'jstat' {
  const jstat: { jStat: JStat };
  export default jstat;
  interface JStat {
    studentt: {
      /** Quantile of Student's t distribution with `dof` degrees of freedom. */
      inv(p: number, dof: number): number;
      /** Cumulative probability of Student's t distribution with `dof` degrees of freedom. */
      cdf(x: number, dof: number): number;
    };
  }
}
