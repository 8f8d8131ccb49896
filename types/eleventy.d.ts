// Eleventy 3 ships JavaScript without declarations; this is the part of its API we call.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(
      input?: string,
      output?: string,
      options?: {
        quietMode?: boolean;
        configPath?: string;
        runMode?: "build" | "watch" | "serve";
        /** "cli" makes the constructor's input and output win over the config file's, as with --output. */
        source?: "cli" | "script";
      },
    );
    init(): Promise<void>;
    write(): Promise<unknown>;
    /** Set by init(); only the benchmark switch is used (see scripts/build/build.ts). */
    eleventyConfig: { userConfig: { benchmarks: { config: { setIsVerbose(isVerbose: boolean): void } } } };
    /** Silences Eleventy's own console output (the build prints its own summary and errors). */
    disableLogger(): void;
    /** Loads the configuration (needed before watch()). */
    init(): Promise<void>;
    /** Builds, then rebuilds on changes (runMode "watch" or "serve"). */
    watch(): Promise<void>;
    /** Starts the dev server (live reload) on the port; "0" (a string: Eleventy treats the number 0 as unset) picks a free one. */
    serve(port?: number | string): Promise<void>;
    stopWatch(): Promise<void>;
  }
  export const HtmlBasePlugin: unknown;
  export const IdAttributePlugin: unknown;
}
