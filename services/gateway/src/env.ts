/** The environment a service reads its configuration from: process.env, or a test's own. */
export type Env = Readonly<Record<string, string | undefined>>;
