package io.narrowcast.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.normalize.DomainNames;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector's HTTP endpoint (the JDK's server):
 * <ul>
 *   <li>{@code GET /health}: 200 while the detector is alive, 503 once Kafka Streams has failed;
 *   <li>{@code GET /ready}: 200 when Kafka Streams is RUNNING, else 503 with its state;
 *   <li>{@code GET /metrics}: Prometheus text format;
 *   <li>{@code GET /api/domains/{name}/queriers?from=&to=}: {@link DomainQueriers} as JSON, from
 *       whichever instance owns the domain (asked on the caller's behalf, one hop at most).
 * </ul>
 * With a token, {@code /metrics} and {@code /api/} require {@code Authorization: Bearer TOKEN};
 * {@code /health} and {@code /ready} stay open for probes and reveal only the state.
 */
public final class QueryServer implements AutoCloseable {
  /** Liveness, for probes. */
  public static final String HEALTH_PATH = "/health";
  /** Readiness, for probes and load balancers. */
  public static final String READY_PATH = "/ready";
  /** Prometheus scrapes. */
  public static final String METRICS_PATH = "/metrics";
  /** Marks a request one instance forwarded to another, so that it is never forwarded again. */
  static final String FORWARDED_HEADER = "X-Narrowcast-Forwarded";
  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
  private static final Pattern QUERIERS = Pattern.compile("/api/domains/([^/]+)/queriers/?");
  private static final ObjectMapper JSON = json();
  private static final int THREADS = 4;
  private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(15);

  private final HttpServer server;
  private final ExecutorService executor;
  private final Optional<BearerToken> token;
  private volatile Backend backend;
  private final HttpClient client;

  /**
   * What the endpoint reports on.
   *
   * @param state Kafka Streams' state, for health and readiness
   * @param scrape the metrics in Prometheus text format
   * @param querierSets where querier sets are found
   * @param domainKey the key a normalized name counts under (its registered domain at that granularity)
   */
  public record Backend(Supplier<KafkaStreams.State> state, Supplier<String> scrape, QuerierSets querierSets,
      UnaryOperator<String> domainKey) {}

  /**
   * Binds {@code address} now, so that the port is known before Kafka Streams is configured; serves
   * from {@link #start}.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public QueryServer(InetSocketAddress address, Optional<BearerToken> token) {
    try {
      this.server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address.getHostString() + ":" + address.getPort(), e);
    }
    this.token = token;
    this.client = HttpClient.newBuilder().connectTimeout(FORWARD_TIMEOUT).build();
    this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", open(this::notFound));
    server.createContext(HEALTH_PATH, open(this::health));
    server.createContext(READY_PATH, open(this::ready));
    server.createContext(METRICS_PATH, guarded(this::metrics));
    server.createContext("/api/", guarded(this::queriers));
  }

  /** The bound address; the port is the real one when 0 was asked for. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Starts answering from {@code backend}. */
  public void start(Backend backend) {
    this.backend = backend;
    server.start();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private Reply health(HttpExchange exchange) {
    KafkaStreams.State state = backend.state().get();
    boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
    return Reply.text(failed ? 503 : 200, state.name());
  }

  private Reply ready(HttpExchange exchange) {
    KafkaStreams.State state = backend.state().get();
    return Reply.text(state == KafkaStreams.State.RUNNING ? 200 : 503, state.name());
  }

  private Reply metrics(HttpExchange exchange) {
    return new Reply(200, "text/plain; version=0.0.4; charset=utf-8", backend.scrape().get());
  }

  private Reply notFound(HttpExchange exchange) {
    return Reply.error(404, "no such resource: " + exchange.getRequestURI().getPath());
  }

  private Reply queriers(HttpExchange exchange) {
    Matcher path = QUERIERS.matcher(exchange.getRequestURI().getPath());
    if (!path.matches()) {
      return notFound(exchange);
    }
    String domain;
    Instant from;
    Instant to;
    try {
      domain = backend.domainKey().apply(DomainNames.normalize(path.group(1)));
      Map<String, String> params = params(exchange.getRequestURI());
      from = QueryTimes.parse(params.get("from"), QueryTimes.EARLIEST);
      to = QueryTimes.parse(params.get("to"), QueryTimes.LATEST);
    } catch (InvalidRecordException | IllegalArgumentException e) {
      return Reply.error(400, e.getMessage());
    }
    if (from.isAfter(to)) {
      return Reply.error(400, "from (" + from + ") is after to (" + to + ")");
    }
    QuerierSets.Answer answer = backend.querierSets().find(domain, from, to);
    if (answer instanceof QuerierSets.Answer.Found found) {
      DomainQueriers result = new DomainQueriers(domain, bound(from, QueryTimes.EARLIEST),
          bound(to, QueryTimes.LATEST), found.servedBy(), found.windows());
      return Reply.json(200, result);
    }
    if (answer instanceof QuerierSets.Answer.Elsewhere elsewhere) {
      if (exchange.getRequestHeaders().containsKey(FORWARDED_HEADER)) {
        return Reply.error(503, "ownership of " + domain + " is moving; retry");
      }
      return forward(exchange, elsewhere.hostPort());
    }
    return Reply.error(503, ((QuerierSets.Answer.Unavailable) answer).reason());
  }

  private static String bound(Instant value, Instant unbounded) {
    return value.equals(unbounded) ? null : value.toString();
  }

  /** Asks the owning instance with the caller's credentials and hands its answer back unchanged. */
  private Reply forward(HttpExchange exchange, String hostPort) {
    URI target = URI.create("http://" + hostPort + exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(FORWARD_TIMEOUT).header(FORWARDED_HEADER, "1");
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse(Reply.JSON_TYPE);
      return new Reply(response.statusCode(), type, response.body());
    } catch (IOException e) {
      LOG.warn("forwarding to {} failed: {}", hostPort, e.toString());
      return Reply.error(502, "the instance that owns this domain (" + hostPort + ") did not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.error(503, "interrupted");
    }
  }

  private static Map<String, String> params(URI uri) {
    Map<String, String> params = new HashMap<>();
    String query = uri.getRawQuery();
    if (query == null) {
      return params;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
    return params;
  }

  private HttpHandler open(Route route) {
    return exchange -> respond(exchange, route);
  }

  private HttpHandler guarded(Route route) {
    return exchange -> respond(exchange, e -> token.isEmpty() || token.get().accepts(e.getRequestHeaders().getFirst("Authorization"))
        ? route.handle(e)
        : Reply.error(401, "a valid bearer token is required").withHeader("WWW-Authenticate", "Bearer"));
  }

  private static void respond(HttpExchange exchange, Route route) throws IOException {
    try (exchange) {
      Reply reply;
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        reply = Reply.error(405, "only GET is supported").withHeader("Allow", "GET, HEAD");
      } else {
        try {
          reply = route.handle(exchange);
        } catch (RuntimeException e) {
          LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
          reply = Reply.error(500, "internal error: " + e);
        }
      }
      reply.send(exchange);
    }
  }

  private static ObjectMapper json() {
    return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  }

  /** The JSON form of the API's values, shared with the query command. */
  public static ObjectMapper mapper() {
    return JSON;
  }

  @FunctionalInterface
  private interface Route {
    Reply handle(HttpExchange exchange);
  }

  /** A response: status, content type, body, extra headers. */
  private record Reply(int status, String type, String body, Map<String, String> headers) {
    static final String JSON_TYPE = "application/json";

    Reply(int status, String type, String body) {
      this(status, type, body, Map.of());
    }

    static Reply text(int status, String text) {
      return new Reply(status, "text/plain; charset=utf-8", text + "\n");
    }

    static Reply json(int status, Object value) {
      try {
        return new Reply(status, JSON_TYPE, JSON.writeValueAsString(value));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
      }
    }

    static Reply error(int status, String message) {
      return json(status, Map.of("error", message == null ? "" : message));
    }

    Reply withHeader(String name, String value) {
      Map<String, String> more = new HashMap<>(headers);
      more.put(name, value);
      return new Reply(status, type, body, Map.copyOf(more));
    }

    void send(HttpExchange exchange) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      boolean empty = head || bytes.length == 0;
      exchange.sendResponseHeaders(status, empty ? -1 : bytes.length);
      if (!empty) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }
}
