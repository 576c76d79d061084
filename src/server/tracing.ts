/**
 * OpenTelemetry tracing, off unless an OTLP endpoint is configured (`OTEL_EXPORTER_OTLP_ENDPOINT`
 * or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`). A span per GraphQL operation (`@envelop/opentelemetry`),
 * a child span per Cypher query (`neo4j/database.ts`), sent in batches over OTLP/HTTP. A W3C
 * `traceparent` header from a proxy or a client continues its trace.
 */
import { setCurrentOtelContext, useOpenTelemetry } from '@envelop/opentelemetry';
import { context, propagation, type TextMapGetter, type TracerProvider } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.ts';

export interface Tracing {
  provider: TracerProvider;
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

/** Registers the process's tracer provider, exporting to the configured OTLP/HTTP endpoint. */
export function startTracing(settings: NonNullable<Config['tracing']>): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }))],
  });
  // Global: the Cypher spans use the API's tracer; also installs the async-hooks context manager
  // (so they find their request's span) and the W3C trace-context propagator.
  provider.register();
  return { provider, shutdown: () => provider.shutdown() };
}

const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/** A span per operation (named `query.<operationName>`); documents with inline arguments unrecorded. */
export function tracingPlugin(provider: TracerProvider): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      // Runs before the next plugin's `onExecute`: the operation's span continues the caller's trace.
      addPlugin({
        onExecute({ args }) {
          const request = (args.contextValue as { request?: Request }).request;
          if (request)
            setCurrentOtelContext(
              args.contextValue,
              propagation.extract(context.active(), request.headers, headerGetter),
            );
        },
      });
      addPlugin(
        useOpenTelemetry(
          { resolvers: false, variables: false, result: false },
          provider,
          undefined,
          {},
          'docker-concept-graph',
        ) as Plugin,
      );
    },
  };
}
