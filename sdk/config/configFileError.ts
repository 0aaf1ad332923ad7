// The error of a data file that cannot be declared; its own module, so that the package's entry point exports it
// without loading the reading of data files.

/** Every problem of every file, each `file:line:col path: reason`. */
export class ConfigFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"}, nothing was declared:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ConfigFileError";
  }
}
