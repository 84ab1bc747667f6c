/** How a section's rules report a problem: the field's path and what is wrong with it (a zod custom issue). */
export type AddIssue = (path: ReadonlyArray<string | number>, message: string) => void;
