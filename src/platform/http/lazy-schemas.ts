import { createRequire } from 'node:module';

/**
 * Fastify compiles every route's request validators (Ajv) and response serializers
 * (fast-json-stringify) when the app becomes ready: about half a second on a small machine, for
 * routes most processes never serve in their first minute. These builders hand Fastify a stand-in
 * for each route schema and compile the real function with Fastify's own default compilers, the
 * same options and the same shared schemas on the first request that needs it (or when `warm`
 * gets to it). Validation and serialization, and so every 400 and every response body, stay
 * exactly as Fastify's defaults make them.
 */

// Fastify's own copies of its default compilers, so the versions are always the ones it would use.
const requireFromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));

type Compiled = ((...args: unknown[]) => unknown) & { errors?: unknown; schemaEnv?: unknown };
type RouteCompiler = (route: unknown) => Compiled;
type Builder = (externalSchemas: unknown, serverOptions: unknown) => RouteCompiler;

export interface LazySchemas {
  /** For Fastify's `schemaController.compilersFactory` option. */
  compilersFactory: { buildValidator: Builder; buildSerializer: Builder };
  /** Compiles every schema not compiled yet, one per turn of the event loop so requests go first. */
  warm(): Promise<void>;
}

export function lazySchemas(): LazySchemas {
  const pending = new Set<() => unknown>();

  /** A builder whose default compiler (and the Ajv behind it) is only loaded on first use. */
  const deferred =
    (load: () => Builder): Builder =>
    (externalSchemas, serverOptions) => {
      let compiler: RouteCompiler | undefined;
      return (route) => {
        let fn: Compiled | undefined;
        const compile = (): Compiled => {
          if (fn) return fn;
          compiler ??= load()(externalSchemas, serverOptions);
          fn = compiler(route);
          pending.delete(compile);
          return fn;
        };
        pending.add(compile);
        // Fastify passes the request as Ajv's parent data only when the function has `schemaEnv`, and
        // reads a failed validation's `errors` from the function itself: both are forwarded.
        const standIn = ((...args: unknown[]) => compile()(...args)) as Compiled;
        Object.defineProperty(standIn, 'schemaEnv', { get: () => compile().schemaEnv });
        Object.defineProperty(standIn, 'errors', { get: () => compile().errors });
        return standIn;
      };
    };

  return {
    compilersFactory: {
      buildValidator: deferred(() => (requireFromFastify('@fastify/ajv-compiler') as () => Builder)()),
      buildSerializer: deferred(() => (requireFromFastify('@fastify/fast-json-stringify-compiler') as () => Builder)()),
    },
    async warm() {
      for (const compile of [...pending]) {
        await new Promise((resolve) => setImmediate(resolve));
        compile();
      }
    },
  };
}
