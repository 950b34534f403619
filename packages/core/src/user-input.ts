/**
 * User input and its problems, as every reader of options reports them. Its own module so the option reader and
 * the contract (whose defineSource uses that reader) do not import each other.
 */
/** Environment variables as the user gave them. */
export type Env = Readonly<Record<string, string | undefined>>;

/** One problem in user input, with where it is (a dotted path or an env name). */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** parseOptions never throws: it reports every problem at once. */
export type ParseResult<O> = { ok: true; value: O; warnings?: string[] } | { ok: false; errors: ConfigIssue[] };
