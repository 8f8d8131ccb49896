// Eleventy 3 ships JavaScript without declarations; this is the part of its API we call.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(
      input?: string,
      output?: string,
      options?: {
        quietMode?: boolean;
        /** false: no configuration file; the `config` callback configures everything. */
        configPath?: string | false;
        /** Runs with Eleventy's configuration API before anything is read. */
        config?: (eleventyConfig: never) => void | Promise<void>;
        pathPrefix?: string;
        runMode?: "build" | "watch" | "serve";
      },
    );
    /** Loads the configuration (needed before write() or watch()). */
    init(): Promise<void>;
    /** Renders and writes every page; the second item lists what was written. */
    write(): Promise<unknown>;
    /** Set by init(); only the benchmark switch is used (see scripts/eleventy/run.ts). */
    eleventyConfig: { userConfig: { benchmarks: { config: { setIsVerbose(isVerbose: boolean): void } } } };
    /** Silences Eleventy's own console output (the build prints its own summary and errors). */
    disableLogger(): void;
    /** Builds, then rebuilds on changes (runMode "watch" or "serve"). */
    watch(): Promise<void>;
    /** Starts the dev server (live reload) on the port; "0" (a string: Eleventy treats the number 0 as unset) picks a free one. */
    serve(port?: number | string): Promise<void>;
    stopWatch(): Promise<void>;
    /** Starts the dev server for serve(); scripts/eleventy/run.ts hands it the preview's server class. */
    eleventyServe: { getServerModule(name?: string): Promise<unknown> };
  }
  export const HtmlBasePlugin: unknown;
}

// Eleventy's dev server (CommonJS, no declarations): what scripts/eleventy/preview-server.ts extends.
declare module "@11ty/eleventy-dev-server" {
  import type { IncomingMessage, Server, ServerResponse } from "node:http";
  export default class EleventyDevServer {
    constructor(name: string, dir: string, options?: Record<string, unknown>);
    static getServer(name: string, dir: string, options?: Record<string, unknown>): EleventyDevServer;
    /** The folder served. */
    dir: string;
    options: Record<string, unknown>;
    logger: { info(message: string): void; log(message: string): void; error(message: string): void };
    /** The http.Server, created on first access. */
    get server(): Server;
    _serverListen(port: number): void;
    getHosts(): string[];
    getServerUrl(host: string, pathname?: string): string;
    onRequestHandler(req: IncomingMessage, res: ServerResponse): Promise<void>;
    mapUrlToFilePath(url: string): { statusCode: number; filepath?: string; url?: string };
    augmentContentWithNotifier(content: string, inlineContents?: boolean, options?: Record<string, unknown>): string;
    /** Starts listening (the next free port when it is taken); ready() resolves once it listens. */
    serve(port: number): void;
    ready(): Promise<void>;
    close(): Promise<void>;
    /** Tells every open page, over the live-reload WebSocket. */
    sendUpdateNotification(message: Record<string, unknown>): void;
    /** Called by Eleventy when a rebuild fails. */
    sendError(event: { error: unknown }): void;
  }
}
