// The one rule for optional arguments, for every backend: an argument the program leaves out is not managed.

/** The optional arguments a program declares: the ones a resource manages (never sent, compared or removed otherwise). */
export function declaredArguments<F extends string>(optional: readonly F[], inputs: Partial<Record<F, unknown>>): F[] {
  return optional.filter((f) => inputs[f] !== undefined);
}

/** The state when an update sends nothing: the group as recorded, following the program's declaration and `adopt`. */
export function followingDeclaration<S extends { managed: F[]; adopt?: boolean }, F extends string>(state: S, managed: F[], adopt: boolean | undefined): S {
  const next: S = { ...state, managed };
  delete next.adopt;
  return adopt !== undefined ? { ...next, adopt } : next;
}
