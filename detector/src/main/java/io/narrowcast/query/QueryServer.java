package io.narrowcast.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector's HTTP endpoint (Jetty):
 * <ul>
 *   <li>{@code GET /health}: 200 while the detector is alive, 503 once Kafka Streams has failed;
 *   <li>{@code GET /ready}: 200 when Kafka Streams is RUNNING, else 503 with its state;
 *   <li>{@code GET /metrics}: Prometheus text format;
 *   <li>{@code GET /api/domains/{name}/queriers?from=&to=}: {@link DomainQueriers} as JSON, from
 *       whichever instance owns the domain (asked on the caller's behalf, one hop at most).
 * </ul>
 * With a token, {@code /metrics} and {@code /api/} require {@code Authorization: Bearer TOKEN};
 * {@code /health} and {@code /ready} stay open for probes and reveal only the state.
 *
 * <p>Why Jetty rather than the JDK's server: the JDK's reads a request head on a worker thread with no
 * timeout, so a few half-open connections took every worker and the probes with them; its bounds
 * ({@code sun.net.httpserver.maxReqTime}, ...) are JVM-wide properties read once and still leave a thread per
 * slow client. Jetty parses heads without holding a thread; {@link HttpLimits} bounds the rest, and
 * {@code /metrics} and {@code /api/} (whose forwarding may wait 15 s) take at most {@code maxRequests}
 * of the threads, so the probes always find one.
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
  /** Threads beyond maxRequests: Jetty's acceptor and selector, and the probes. */
  private static final int SPARE_THREADS = 8;
  private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(15);
  static final String NO_TOKEN =
      "a bearer token is required: send Authorization: Bearer TOKEN with the token in the detector's --http-token-file";
  static final String WRONG_TOKEN =
      "the bearer token sent is not this detector's: send the one in the detector's --http-token-file";

  private final Server server;
  private final ServerConnector connector;
  private final HeadDeadline deadline;
  private final Semaphore requests;
  private final int maxRequests;
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
      UnaryOperator<String> domainKey, Supplier<List<String>> learning) {
    /** Without anything to say of learning. */
    public Backend(Supplier<KafkaStreams.State> state, Supplier<String> scrape, QuerierSets querierSets,
        UnaryOperator<String> domainKey) {
      this(state, scrape, querierSets, domainKey, List::of);
    }
  }

  /** As {@link #QueryServer(InetSocketAddress, Optional, HttpLimits)} with the default limits. */
  public QueryServer(InetSocketAddress address, Optional<BearerToken> token) {
    this(address, token, HttpLimits.DEFAULT);
  }

  /**
   * Binds {@code address} now, so that the port is known before Kafka Streams is configured; serves
   * from {@link #start}.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public QueryServer(InetSocketAddress address, Optional<BearerToken> token, HttpLimits limits) {
    this.token = token;
    this.client = HttpClient.newBuilder().connectTimeout(FORWARD_TIMEOUT).build();
    this.requests = new Semaphore(limits.maxRequests());
    this.maxRequests = limits.maxRequests();
    QueuedThreadPool threads = new QueuedThreadPool(limits.maxRequests() + SPARE_THREADS, 2);
    threads.setName("http");
    threads.setDaemon(true);
    this.server = new Server(threads, new ScheduledExecutorScheduler("http-timer", true), null);
    HttpConfiguration config = new HttpConfiguration();
    config.setRequestHeaderSize(limits.maxHeadBytes());
    config.setSendServerVersion(false);
    // one request per connection: the head deadline then bounds every request, and no connection idles between
    config.setPersistentConnectionsEnabled(false);
    // a name is one path segment: the root, ".", can only be sent encoded (%2E), which Jetty calls ambiguous
    config.setUriCompliance(UriCompliance.DEFAULT.with("narrowcast", UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT));
    this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    this.deadline = new HeadDeadline(server.getScheduler(), limits.headTimeout());
    connector.addEventListener(deadline);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
    server.setHandler(new Routes());
    server.setErrorHandler((request, response, callback) -> {
      Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
      Reply.error(response.getStatus(), message == null ? HttpStatus.getMessage(response.getStatus()) : message.toString())
          .send(response, callback);
      return true;
    });
    try {
      connector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address.getHostString() + ":" + address.getPort(), e);
    }
  }

  /** The bound address; the port is the real one when 0 was asked for. */
  public InetSocketAddress address() {
    return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).socket().getLocalSocketAddress();
  }

  /** Starts answering from {@code backend}. */
  public void start(Backend backend) {
    this.backend = backend;
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the HTTP endpoint: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the HTTP endpoint failed: {}", e.toString());
    }
    // never started, stop() leaves the socket the constructor bound open
    connector.close();
  }

  /** Every request: probes at once, the rest behind the token and the request cap. */
  private final class Routes extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      deadline.arrived(request.getConnectionMetaData().getConnection());
      Reply reply;
      try {
        reply = reply(request);
      } catch (RuntimeException e) {
        LOG.warn("{} {} failed", request.getMethod(), request.getHttpURI(), e);
        reply = Reply.error(500, "internal error: " + e);
      }
      reply.send(response, callback);
      return true;
    }
  }

  private Reply reply(Request request) {
    if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
      return Reply.error(405, "only GET is supported").withHeader("Allow", "GET, HEAD");
    }
    String path = request.getHttpURI().getDecodedPath();
    return switch (path) {
      case HEALTH_PATH -> health();
      case READY_PATH -> ready();
      case METRICS_PATH -> guarded(request, this::metrics);
      default -> path.startsWith("/api/") ? guarded(request, this::queriers) : notFound(path);
    };
  }

  private Reply health() {
    KafkaStreams.State state = backend.state().get();
    boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
    return Reply.text(failed ? 503 : 200, state.name());
  }

  /** The state on the first line, then when each rule can alert: ready to run is not yet able to alert. */
  private Reply ready() {
    KafkaStreams.State state = backend.state().get();
    List<String> lines = new ArrayList<>(List.of(state.name()));
    lines.addAll(backend.learning().get());
    return Reply.text(state == KafkaStreams.State.RUNNING ? 200 : 503, String.join("\n", lines));
  }

  private Reply metrics(Request request) {
    return new Reply(200, "text/plain; version=0.0.4; charset=utf-8", backend.scrape().get());
  }

  private static Reply notFound(String path) {
    return Reply.error(404, "no such resource: " + path);
  }

  private Reply queriers(Request request) {
    // matched before decoding: the root, sent as %2E, would decode to a dot segment and vanish
    Matcher path = QUERIERS.matcher(request.getHttpURI().getPath());
    if (!path.matches()) {
      return notFound(request.getHttpURI().getDecodedPath());
    }
    String domain;
    Instant from;
    Instant to;
    try {
      domain = backend.domainKey().apply(QueryNames.normalize(URLDecoder.decode(path.group(1).replace("+", "%2B"),
          StandardCharsets.UTF_8)));
      Map<String, String> params = params(request.getHttpURI().getQuery());
      from = QueryTimes.parse(params.get("from"), QueryTimes.EARLIEST);
      to = QueryTimes.parse(params.get("to"), QueryTimes.LATEST);
    } catch (IllegalArgumentException e) {
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
      if (request.getHeaders().contains(FORWARDED_HEADER)) {
        return Reply.error(503, "ownership of " + domain + " is moving; retry");
      }
      return forward(request, elsewhere.hostPort());
    }
    return Reply.error(503, ((QuerierSets.Answer.Unavailable) answer).reason());
  }

  private static String bound(Instant value, Instant unbounded) {
    return value.equals(unbounded) ? null : value.toString();
  }

  /** Asks the owning instance with the caller's credentials and hands its answer back unchanged. */
  private Reply forward(Request request, String hostPort) {
    String query = request.getHttpURI().getQuery();
    URI target = URI.create("http://" + hostPort + request.getHttpURI().getPath() + (query == null ? "" : "?" + query));
    HttpRequest.Builder forwarded = HttpRequest.newBuilder(target).timeout(FORWARD_TIMEOUT).header(FORWARDED_HEADER, "1");
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (authorization != null) {
      forwarded.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response = client.send(forwarded.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 401) {
        // this instance accepted the caller's token: the instances do not share one, which no caller can fix
        return Reply.error(502, "the instance that owns this domain (" + hostPort + ") answered 401 to a request this "
            + "one accepted: give every instance the same --http-token-file");
      }
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

  private static Map<String, String> params(String query) {
    Map<String, String> params = new HashMap<>();
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

  /** The token, then a place among the requests served at once, then {@code route}. */
  private Reply guarded(Request request, Route route) {
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (token.isPresent() && !token.get().accepts(authorization)) {
      // no token and the wrong token call for different remedies (RFC 6750 3.1)
      return authorization == null
          ? Reply.error(401, NO_TOKEN).withHeader("WWW-Authenticate", "Bearer")
          : Reply.error(401, WRONG_TOKEN).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
    if (!requests.tryAcquire()) {
      return Reply.error(503, "busy: " + maxRequests + " requests in progress; retry").withHeader("Retry-After", "1");
    }
    try {
      return route.handle(request);
    } finally {
      requests.release();
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
    Reply handle(Request request);
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

    /** Writes the reply; Jetty leaves the body out for HEAD and closes the connection after it. */
    void send(Response response, Callback callback) {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      headers.forEach(response.getHeaders()::put);
      response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
  }
}
