// The parts of presto-client (no published types) the catalog client uses.
declare module 'presto-client' {
  export interface PrestoColumn {
    name: string;
    type: string;
  }
  export interface PrestoClientOptions {
    host: string;
    port: number;
    user: string;
    source?: string;
    /** Seconds; the client kills the query and fails after it. */
    timeout?: number;
    /** Milliseconds between polls of `nextUri`. */
    checkInterval?: number;
    ssl?: object;
    engine?: 'presto' | 'trino';
  }
  export interface PrestoExecuteOptions {
    query: string;
    catalog?: string;
    schema?: string;
    columns?: (error: unknown, columns: PrestoColumn[]) => void;
    data?: (error: unknown, rows: unknown[][], columns: PrestoColumn[]) => void;
    success?: (error: unknown, stats: unknown) => void;
    /** `error` is the request's own error when the request failed. */
    error?: (error: {
      message?: string;
      errorName?: string;
      error?: unknown;
    }) => void;
  }
  export class Client {
    constructor(options: PrestoClientOptions);
    execute(options: PrestoExecuteOptions): void;
  }
}
