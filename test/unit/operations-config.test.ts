/** The operations settings of `src/config.ts`: metrics, tracing, shutdown, loading at start. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('operations settings', () => {
  it('serve metrics at /metrics unless told otherwise', () => {
    expect(loadConfig({}).metrics).toEqual({ path: '/metrics' });
    expect(loadConfig({ METRICS_PATH: '/internal/metrics' }).metrics).toEqual({ path: '/internal/metrics' });
    expect(loadConfig({ METRICS: 'false' }).metrics).toBeNull();
  });

  it('refuse a metrics path that is not a path or that the API already serves', () => {
    expect(problemsOf({ METRICS_PATH: 'metrics' })).toEqual([
      expect.stringMatching(/^METRICS_PATH \(got "metrics"\): expected a path/),
    ]);
    expect(problemsOf({ METRICS_PATH: '/graphql' })).toEqual([
      expect.stringMatching(/^METRICS_PATH \(got "\/graphql"\): is already served by the API/),
    ]);
  });

  it('trace only when an OTLP endpoint is set, to <endpoint>/v1/traces or the traces endpoint as given', () => {
    expect(loadConfig({}).tracing).toBeNull();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318/' }).tracing).toEqual({
      tracesUrl: 'http://otel:4318/v1/traces',
      serviceName: 'docker-concept-graph',
    });
    expect(
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/ingest',
        OTEL_SERVICE_NAME: 'graph-api',
      }).tracing,
    ).toEqual({ tracesUrl: 'https://traces.example.com/ingest', serviceName: 'graph-api' });
    expect(problemsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'otel:4318' })).toHaveLength(1);
    expect(problemsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://otel:4317' })).toHaveLength(1);
  });

  it('drain for 15 s by default, up to 10 minutes', () => {
    expect(loadConfig({}).shutdownTimeoutMs).toBe(15_000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '30000' }).shutdownTimeoutMs).toBe(30_000);
    expect(problemsOf({ SHUTDOWN_TIMEOUT_MS: '0' })).toHaveLength(1);
    expect(problemsOf({ SHUTDOWN_TIMEOUT_MS: '600001' })).toHaveLength(1);
  });

  it('load at start into the embedded Neo4j when data/ changed (auto), always, or never', () => {
    expect(loadConfig({})).toMatchObject({ loadOnStart: true, reloadUnchanged: false });
    expect(loadConfig({ LOAD_ON_START: 'always' })).toMatchObject({
      loadOnStart: true,
      reloadUnchanged: true,
    });
    expect(loadConfig({ LOAD_ON_START: 'never' })).toMatchObject({ loadOnStart: false });
    expect(loadConfig({ NEO4J_URI: 'neo4j://db:7687', NEO4J_AUTH: 'none' })).toMatchObject({
      loadOnStart: false,
    });
  });
});
